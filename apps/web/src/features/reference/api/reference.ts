import { ReferenceData } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const referenceQueryOptions = () =>
  queryOptions({
    queryKey: ['reference'] as const,
    queryFn: ({ signal }) => api('/api/reference', { schema: ReferenceData, signal }),
    staleTime: 10 * 60_000,
  });
