import { About } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** What every page shows about the service (whether this is the demo); it does not change while it runs. */
export const aboutQueryOptions = () =>
  queryOptions({
    queryKey: ['about'],
    queryFn: ({ signal }) => api('/api/about', { schema: About, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
