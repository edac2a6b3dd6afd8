import { Me, type RegisterAccountBody } from '@cf/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './me';

/** Create an applicant account; the API signs the new person in. */
export function useRegisterAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterAccountBody) => api('/api/accounts', { method: 'POST', body, schema: Me }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}
