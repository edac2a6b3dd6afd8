import {
  type AcceptOfferBody,
  GrantDetail,
  GrantList,
  type GrantOfferFilter,
  type GrantStatus,
  type OfferChangeBody,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** What the grants list can be narrowed by (staff); a group's own list takes the page only. */
export interface GrantFilters {
  fundId?: string | undefined;
  status?: GrantStatus | undefined;
  offer?: GrantOfferFilter | undefined;
  page?: number;
}

export const grantKeys = {
  all: ['grants'] as const,
  lists: () => [...grantKeys.all, 'list'] as const,
  list: (filters: GrantFilters) => [...grantKeys.lists(), filters] as const,
  detail: (grantId: string) => [...grantKeys.all, 'detail', grantId] as const,
};

export const grantsQueryOptions = (filters: GrantFilters = {}) =>
  queryOptions({
    queryKey: grantKeys.list(filters),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ page: String(filters.page ?? 1) });
      if (filters.fundId) query.set('fundId', filters.fundId);
      if (filters.status) query.set('status', filters.status);
      if (filters.offer) query.set('offer', filters.offer);
      return api(`/api/grants?${query}`, { schema: GrantList, signal });
    },
    staleTime: 0,
  });

export const grantQueryOptions = (grantId: string) =>
  queryOptions({
    queryKey: grantKeys.detail(grantId),
    queryFn: ({ signal }) => api(`/api/grants/${grantId}`, { schema: GrantDetail, signal }),
    staleTime: 0,
  });

/** After a change to a grant: its detail is what the API answered; lists, the to-do list, the dashboard and budgets may have moved. */
function useGrantAction<V>(grantId: string, request: (variables: V) => Promise<GrantDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (grant) => {
      queryClient.setQueryData(grantKeys.detail(grantId), grant);
      void queryClient.invalidateQueries({ queryKey: grantKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['bids'] });
      void queryClient.invalidateQueries({ queryKey: ['work'] });
      void queryClient.invalidateQueries({ queryKey: ['funds'] });
    },
  });
}

export const useChangeOffer = (grantId: string) =>
  useGrantAction(grantId, (body: OfferChangeBody) =>
    api(`/api/grants/${grantId}/offer`, { method: 'PUT', body, schema: GrantDetail }),
  );

export const useIssueOffer = (grantId: string) =>
  useGrantAction(grantId, () =>
    api(`/api/grants/${grantId}/offer/issue`, { method: 'POST', schema: GrantDetail }),
  );

export const useAcceptOffer = (grantId: string) =>
  useGrantAction(grantId, (body: AcceptOfferBody) =>
    api(`/api/grants/${grantId}/accept`, { method: 'POST', body, schema: GrantDetail }),
  );

export const useDeclineOffer = (grantId: string) =>
  useGrantAction(grantId, (reason: string) =>
    api(`/api/grants/${grantId}/decline`, { method: 'POST', body: { reason }, schema: GrantDetail }),
  );

export const useEndOffer = (grantId: string) =>
  useGrantAction(grantId, (reason: string) =>
    api(`/api/grants/${grantId}/offer/end`, { method: 'POST', body: { reason }, schema: GrantDetail }),
  );

export const useConditionMet = (grantId: string) =>
  useGrantAction(grantId, (conditionId: string) =>
    api(`/api/grants/${grantId}/conditions/${conditionId}/met`, { method: 'POST', schema: GrantDetail }),
  );
