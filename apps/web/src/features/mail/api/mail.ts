import { SentMailList } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const mailKeys = {
  all: ['mail'] as const,
  list: (page: number) => [...mailKeys.all, 'list', page] as const,
};

/** One page of the Sent mail list, newest first. */
export const mailQueryOptions = (page = 1) =>
  queryOptions({
    queryKey: mailKeys.list(page),
    queryFn: ({ signal }) => api(`/api/mail?page=${page}`, { schema: SentMailList, signal }),
    staleTime: 0,
  });
