import { AuditList } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const auditKeys = {
  all: ['audit'] as const,
  list: (before?: number) => [...auditKeys.all, 'list', before ?? 'latest'] as const,
};

export const auditQueryOptions = (before?: number) =>
  queryOptions({
    queryKey: auditKeys.list(before),
    queryFn: ({ signal }) =>
      api(`/api/admin/audit${before ? `?before=${before}` : ''}`, { schema: AuditList, signal }),
    staleTime: 0,
  });
