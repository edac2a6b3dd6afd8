import { WorkWaiting } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const workKeys = { all: ['work'] as const };

/** What is waiting for the grants officer, fund by fund. Always fresh: it is the home page. */
export const workQueryOptions = () =>
  queryOptions({
    queryKey: workKeys.all,
    queryFn: ({ signal }) => api('/api/work', { schema: WorkWaiting, signal }),
    staleTime: 0,
  });
