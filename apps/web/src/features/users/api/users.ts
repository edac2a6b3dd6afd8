import { type GrantRoleBody, type InviteUserBody, UserList, UserSummary } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (page: number) => [...userKeys.lists(), page] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (userId: string) => [...userKeys.details(), userId] as const,
};

/** One page of every user, by name. */
export const usersQueryOptions = (page = 1) =>
  queryOptions({
    queryKey: userKeys.list(page),
    queryFn: ({ signal }) => api(`/api/admin/users?page=${page}`, { schema: UserList, signal }),
  });

export const userQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: userKeys.detail(userId),
    queryFn: ({ signal }) => api(`/api/admin/users/${userId}`, { schema: UserSummary, signal }),
  });

/** Every admin change answers with the user as they now are; refresh the lists around them. */
function useUserMutation<V>(request: (variables: V) => Promise<UserSummary>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      void queryClient.invalidateQueries({ queryKey: ['mail'] });
    },
  });
}

export const useInviteUser = () =>
  useUserMutation((body: InviteUserBody) =>
    api('/api/admin/users', { method: 'POST', body, schema: UserSummary }),
  );

export const useGrantRole = (userId: string) =>
  useUserMutation((body: GrantRoleBody) =>
    api(`/api/admin/users/${userId}/roles`, { method: 'POST', body, schema: UserSummary }),
  );

export const useRevokeRole = (userId: string) =>
  useUserMutation((grantId: string) =>
    api(`/api/admin/users/${userId}/roles/${grantId}`, { method: 'DELETE', schema: UserSummary }),
  );

export const useSetUserEnabled = (userId: string) =>
  useUserMutation((enabled: boolean) =>
    api(`/api/admin/users/${userId}/${enabled ? 'enable' : 'disable'}`, {
      method: 'POST',
      schema: UserSummary,
    }),
  );

export const useResetSecondFactor = (userId: string) =>
  useUserMutation(() =>
    api(`/api/admin/users/${userId}/second-factor/reset`, { method: 'POST', schema: UserSummary }),
  );

/** Sends the staff invitation again with a new link; the links sent before stop working. */
export const useResendInvitation = (userId: string) =>
  useUserMutation(() =>
    api(`/api/admin/users/${userId}/invitation/resend`, { method: 'POST', schema: UserSummary }),
  );

/** Cancels the staff invitation: its links stop working and the unused account is closed. */
export const useCancelInvitation = (userId: string) =>
  useUserMutation(() =>
    api(`/api/admin/users/${userId}/invitation/cancel`, { method: 'POST', schema: UserSummary }),
  );
