import {
  type ConfirmSecondFactorBody,
  type LoginBody,
  LoginResponse,
  Me,
  RecoveryCodes,
  type SecondFactorBody,
  SecondFactorSetup,
} from '@cf/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './me';

/**
 * The first step of signing in. For staff with an authenticator app the answer is that its code
 * is needed next; nobody is signed in until then.
 */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api('/api/auth/login', { method: 'POST', body, schema: LoginResponse }),
    onSuccess: (answer) => {
      // Another person may have used this browser: forget everything cached, then remember who this is.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), 'id' in answer ? answer : null);
    },
  });
}

/** The second step: the code from the app, or a recovery code. */
export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecondFactorBody) =>
      api('/api/auth/second-factor', { method: 'POST', body, schema: Me }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}

/** Staff: a new authenticator app to set up (the secret and its QR code). */
export function useStartSecondFactorSetup() {
  return useMutation({
    mutationFn: () => api('/api/auth/second-factor/setup', { method: 'POST', schema: SecondFactorSetup }),
  });
}

/** Staff: confirm the app with a code from it; the answer holds the recovery codes, shown once. */
export function useConfirmSecondFactorSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmSecondFactorBody) =>
      api('/api/auth/second-factor/setup/confirm', { method: 'POST', body, schema: RecoveryCodes }),
    onSuccess: ({ me }) => {
      // Staff roles count from now: pages cached without them must be fetched again.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}
