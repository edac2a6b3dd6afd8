import { QualityReport, type WardCodeBody, WardCodeList, WardWithCode } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Open data (decision 0025): the built-in quality check and the ward codes admins keep. */
export const openDataKeys = {
  all: ['open-data'] as const,
  quality: (fundId: string) => [...openDataKeys.all, 'quality', fundId] as const,
  wardCodes: () => [...openDataKeys.all, 'ward-codes'] as const,
};

export const qualityReportQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: openDataKeys.quality(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/open-data/quality`, { schema: QualityReport, signal }),
  });

export const wardCodesQueryOptions = () =>
  queryOptions({
    queryKey: openDataKeys.wardCodes(),
    queryFn: ({ signal }) => api('/api/open-data/ward-codes', { schema: WardCodeList, signal }),
  });

export function useSaveWardCode(wardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WardCodeBody) =>
      api(`/api/open-data/ward-codes/${wardId}`, { method: 'PUT', body, schema: WardWithCode }),
    // The codes change what every fund publishes, and so every quality check.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openDataKeys.all }),
  });
}
