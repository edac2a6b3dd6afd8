import { AuditChainCheck, AuditList } from '@cf/shared';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: string) => [...auditKeys.all, 'list', query] as const,
};

/** The filters and cursor the audit page passes on to the API, from its own address. */
export const AUDIT_PARAMS = [
  'person',
  'kind',
  'record',
  'grant',
  'entityType',
  'entityId',
  'actorId',
  'from',
  'to',
  'before',
] as const;

/** The API's query for the page's address: the filters it knows, in the address's order. */
export function auditQuery(search: URLSearchParams, options: { withCursor?: boolean } = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of search) {
    if (value === '' || !(AUDIT_PARAMS as readonly string[]).includes(key)) continue;
    if (key === 'before' && options.withCursor === false) continue;
    query.append(key, value);
  }
  return query.toString();
}

export const auditQueryOptions = (query: string) =>
  queryOptions({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) =>
      api(`/api/admin/audit${query ? `?${query}` : ''}`, { schema: AuditList, signal }),
    staleTime: 0,
    retry: false,
  });

/** The audit chain check (decision 0026): admins, on request. */
export const auditChainQueryOptions = () =>
  queryOptions({
    queryKey: [...auditKeys.all, 'verify'] as const,
    queryFn: ({ signal }) => api('/api/audit/verify', { schema: AuditChainCheck, signal }),
    staleTime: 0,
    retry: false,
  });
