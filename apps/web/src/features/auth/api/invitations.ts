import { type AcceptInvitationBody, InvitationInfo, Me } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './me';

export const invitationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: [...authKeys.all, 'invitation', token] as const,
    queryFn: ({ signal }) =>
      api(`/api/invitations/${encodeURIComponent(token)}`, { schema: InvitationInfo, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) =>
      api('/api/invitations/accept', { method: 'POST', body, schema: Me }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}
