import {
  AccountEmailSent,
  type ChangeEmailBody,
  type ChangePasswordBody,
  EmailConfirmed,
  PasswordResetInfo,
  type RegisterAccountBody,
  type ResetPasswordBody,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from '../../auth/api/me';

/** After anything that changes who the signed-in person is (their address confirmed, moved), ask again. */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: authKeys.me() });
}

/** Create an applicant account: the API emails a link to confirm the address, and signs nobody in. */
export function useRegisterAccount() {
  return useMutation({
    mutationFn: (body: RegisterAccountBody) =>
      api('/api/accounts', { method: 'POST', body, schema: AccountEmailSent }),
  });
}

export function useConfirmEmail() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (token: string) =>
      api('/api/accounts/email-verification', { method: 'POST', body: { token }, schema: EmailConfirmed }),
    onSuccess: refreshMe,
  });
}

export function useResendConfirmation() {
  return useMutation({
    mutationFn: () =>
      api('/api/accounts/email-verification/resend', { method: 'POST', schema: AccountEmailSent }),
  });
}

export function useForgottenPassword() {
  return useMutation({
    mutationFn: (email: string) =>
      api('/api/accounts/password-reset', { method: 'POST', body: { email }, schema: AccountEmailSent }),
  });
}

export const passwordResetQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['accounts', 'password-reset', token] as const,
    queryFn: ({ signal }) =>
      api(`/api/accounts/password-reset/${encodeURIComponent(token)}`, { schema: PasswordResetInfo, signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResetPasswordBody) =>
      api('/api/accounts/password-reset/complete', { method: 'POST', body }),
    // Every session of the account has ended, this browser's too if it had one: forget what was
    // cached for it (but not the link's own answer, which the page still shows).
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'accounts' });
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api('/api/account/password', { method: 'POST', body }),
  });
}

export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/account/sign-out-everywhere', { method: 'POST' }),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}

export function useChangeEmail() {
  return useMutation({
    mutationFn: (body: ChangeEmailBody) =>
      api('/api/account/email', { method: 'POST', body, schema: AccountEmailSent }),
  });
}

export function useConfirmNewEmail() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (token: string) =>
      api('/api/accounts/email-change', { method: 'POST', body: { token }, schema: EmailConfirmed }),
    onSuccess: refreshMe,
  });
}

const NEXT_KEY = 'communities-fund.after-confirming';

/**
 * Where to go once a new account's address is confirmed and they have signed in: the page they
 * were on when they registered (a group invitation). Kept in this browser, since the link in the
 * email opens a new tab.
 */
export const afterConfirming = {
  remember(path: string): void {
    try {
      window.localStorage.setItem(NEXT_KEY, path);
    } catch {
      // Storage may be off: they land on their home page instead.
    }
  },
  recall(): string | null {
    try {
      return window.localStorage.getItem(NEXT_KEY);
    } catch {
      return null;
    }
  },
  forget(): void {
    try {
      window.localStorage.removeItem(NEXT_KEY);
    } catch {
      // Nothing to forget.
    }
  },
};
