import { MAX_PAGE_SIZE, Need, type NeedBody, NeedList } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const needKeys = {
  all: ['needs'] as const,
  list: (wardId: string | undefined, page: number) =>
    [...needKeys.all, 'list', wardId ?? 'all', page] as const,
  choices: () => [...needKeys.all, 'choices'] as const,
};

/** One page of the project bank, for one ward or all. */
export const needsQueryOptions = (wardId?: string, page = 1) =>
  queryOptions({
    queryKey: needKeys.list(wardId, page),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ page: String(page) });
      if (wardId) query.set('wardId', wardId);
      return api(`/api/needs?${query}`, { schema: NeedList, signal });
    },
  });

/**
 * The needs a bid may say it meets, and the names of those it chose: the largest page the API
 * gives (the project bank holds tens of needs; past MAX_PAGE_SIZE the oldest would not be offered).
 */
export const needChoicesQueryOptions = () =>
  queryOptions({
    queryKey: needKeys.choices(),
    queryFn: ({ signal }) => api(`/api/needs?pageSize=${MAX_PAGE_SIZE}`, { schema: NeedList, signal }),
  });

export function useRecordNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NeedBody) => api('/api/needs', { method: 'POST', body, schema: Need }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: needKeys.all }),
  });
}
