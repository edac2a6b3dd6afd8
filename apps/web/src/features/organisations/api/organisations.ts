import {
  GroupInvitationInfo,
  type InviteMemberBody,
  Me,
  OrganisationDetail,
  type RegisterOrganisationBody,
  type UpdateOrganisationBody,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from '../../auth/api/me';

export const organisationKeys = {
  all: ['organisations'] as const,
  detail: (organisationId: string) => [...organisationKeys.all, 'detail', organisationId] as const,
  invitation: (token: string) => [...organisationKeys.all, 'invitation', token] as const,
};

export const organisationQueryOptions = (organisationId: string) =>
  queryOptions({
    queryKey: organisationKeys.detail(organisationId),
    queryFn: ({ signal }) =>
      api(`/api/organisations/${organisationId}`, { schema: OrganisationDetail, signal }),
  });

export const groupInvitationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: organisationKeys.invitation(token),
    queryFn: ({ signal }) =>
      api(`/api/group-invitations/${encodeURIComponent(token)}`, { schema: GroupInvitationInfo, signal }),
  });

export function useRegisterOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterOrganisationBody) =>
      api('/api/organisations', { method: 'POST', body, schema: OrganisationDetail }),
    onSuccess: (organisation) => {
      queryClient.setQueryData(organisationKeys.detail(organisation.id), organisation);
      // The person is now a member (and an applicant): who they are has changed.
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

/** A member changes the group's details (from the version they opened). */
export function useUpdateOrganisation(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganisationBody) =>
      api(`/api/organisations/${organisationId}`, { method: 'PUT', body, schema: OrganisationDetail }),
    onSuccess: (organisation) => {
      queryClient.setQueryData(organisationKeys.detail(organisationId), organisation);
      // The group's name shows in the header's menu and on bids.
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
      void queryClient.invalidateQueries({ queryKey: ['bids'] });
    },
  });
}

/** A member removes someone from the group, or leaves it (their own id). */
export function useRemoveMember(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api(`/api/organisations/${organisationId}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: organisationKeys.detail(organisationId) });
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
      void queryClient.invalidateQueries({ queryKey: ['bids'] });
    },
  });
}

export function useInviteMember(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteMemberBody) =>
      api(`/api/organisations/${organisationId}/invitations`, {
        method: 'POST',
        body,
        schema: OrganisationDetail,
      }),
    onSuccess: (organisation) =>
      queryClient.setQueryData(organisationKeys.detail(organisationId), organisation),
  });
}

export function useAcceptGroupInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api('/api/group-invitations/accept', { method: 'POST', body: { token }, schema: Me }),
    onSuccess: (me) => {
      queryClient.setQueryData(authKeys.me(), me);
      void queryClient.invalidateQueries({ queryKey: ['bids'] });
    },
  });
}
