import { SentMailList } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const mailKeys = {
  all: ['mail'] as const,
  list: () => [...mailKeys.all, 'list'] as const,
};

export const mailQueryOptions = () =>
  queryOptions({
    queryKey: mailKeys.list(),
    queryFn: ({ signal }) => api('/api/mail', { schema: SentMailList, signal }),
    staleTime: 0,
  });
