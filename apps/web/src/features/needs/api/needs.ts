import { Need, type NeedBody, NeedList } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const needKeys = {
  all: ['needs'] as const,
  list: (wardId?: string) => [...needKeys.all, 'list', wardId ?? 'all'] as const,
};

export const needsQueryOptions = (wardId?: string) =>
  queryOptions({
    queryKey: needKeys.list(wardId),
    queryFn: ({ signal }) =>
      api(`/api/needs${wardId ? `?wardId=${wardId}` : ''}`, { schema: NeedList, signal }),
  });

export function useRecordNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NeedBody) => api('/api/needs', { method: 'POST', body, schema: Need }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: needKeys.all }),
  });
}
