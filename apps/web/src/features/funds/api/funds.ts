import { Fund, type FundBody, FundBudget, FundList, FundMonths } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const fundKeys = {
  all: ['funds'] as const,
  lists: () => [...fundKeys.all, 'list'] as const,
  details: () => [...fundKeys.all, 'detail'] as const,
  detail: (fundId: string) => [...fundKeys.details(), fundId] as const,
  budget: (fundId: string) => [...fundKeys.detail(fundId), 'budget'] as const,
  months: (fundId: string, year: number | undefined) => [...fundKeys.detail(fundId), 'months', year] as const,
};

export const fundsQueryOptions = () =>
  queryOptions({
    queryKey: fundKeys.lists(),
    queryFn: ({ signal }) => api('/api/funds', { schema: FundList, signal }),
  });

export const fundQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: fundKeys.detail(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}`, { schema: Fund, signal }),
  });

export const fundBudgetQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: fundKeys.budget(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/budget`, { schema: FundBudget, signal }),
    staleTime: 5_000,
  });

/** Committed and paid month by month across a financial year (this one when no year is given). */
export const fundMonthsQueryOptions = (fundId: string, year?: number) =>
  queryOptions({
    queryKey: fundKeys.months(fundId, year),
    queryFn: ({ signal }) =>
      api(`/api/funds/${fundId}/months${year === undefined ? '' : `?year=${year}`}`, {
        schema: FundMonths,
        signal,
      }),
    staleTime: 5_000,
  });

/**
 * Set up a fund (no fundId) or change one. Its rules ripple into assessment (how many assessors,
 * the moderation threshold) and bids (closing dates): refresh those too.
 */
export function useSaveFund(fundId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FundBody) =>
      api(fundId ? `/api/funds/${fundId}` : '/api/funds', {
        method: fundId ? 'PUT' : 'POST',
        body,
        schema: Fund,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['assessment'] });
      void queryClient.invalidateQueries({ queryKey: ['bids'] });
      void queryClient.invalidateQueries({ queryKey: fundKeys.all });
    },
  });
}
