import {
  Attachment,
  BidDetail,
  BidList,
  type BidStatus,
  type SaveSectionBody,
  type SectionKey,
  SectionState,
  type StartBidBody,
  Timeline,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, csrfToken } from '../../../lib/api-client';

export const bidKeys = {
  all: ['bids'] as const,
  lists: () => [...bidKeys.all, 'list'] as const,
  list: (filters: BidFilters) => [...bidKeys.lists(), filters] as const,
  details: () => [...bidKeys.all, 'detail'] as const,
  detail: (bidId: string) => [...bidKeys.details(), bidId] as const,
  timeline: (bidId: string) => [...bidKeys.detail(bidId), 'timeline'] as const,
};

/** What a list of bids is filtered by (grants staff): a status, a fund. */
interface BidFilters {
  status?: BidStatus | undefined;
  fundId?: string | undefined;
  page?: number;
}

/** One page of bids: the group's own, or for grants staff every bid (filtered by status and fund). */
export const bidsQueryOptions = (filters: BidFilters = {}) =>
  queryOptions({
    queryKey: bidKeys.list(filters),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ page: String(filters.page ?? 1) });
      if (filters.status) query.set('status', filters.status);
      if (filters.fundId) query.set('fundId', filters.fundId);
      return api(`/api/bids?${query}`, { schema: BidList, signal });
    },
  });

export const bidQueryOptions = (bidId: string) =>
  queryOptions({
    queryKey: bidKeys.detail(bidId),
    queryFn: ({ signal }) => api(`/api/bids/${bidId}`, { schema: BidDetail, signal }),
    staleTime: 0,
  });

export const timelineQueryOptions = (bidId: string) =>
  queryOptions({
    queryKey: bidKeys.timeline(bidId),
    queryFn: ({ signal }) => api(`/api/bids/${bidId}/timeline`, { schema: Timeline, signal }),
    staleTime: 0,
  });

/** After any change to a bid: its detail, its timeline and every list may have changed. */
function useInvalidateBid() {
  const queryClient = useQueryClient();
  return (bidId: string, detail?: BidDetail) => {
    if (detail) queryClient.setQueryData(bidKeys.detail(bidId), detail);
    void queryClient.invalidateQueries({
      queryKey: bidKeys.detail(bidId),
      refetchType: detail ? 'none' : 'active',
    });
    void queryClient.invalidateQueries({ queryKey: bidKeys.timeline(bidId) });
    void queryClient.invalidateQueries({ queryKey: bidKeys.lists() });
  };
}

export function useStartBid() {
  const invalidate = useInvalidateBid();
  return useMutation({
    mutationFn: (body: StartBidBody) => api('/api/bids', { method: 'POST', body, schema: BidDetail }),
    onSuccess: (bid) => invalidate(bid.id, bid),
  });
}

export function useSaveSection(bidId: string, section: SectionKey) {
  const invalidate = useInvalidateBid();
  return useMutation({
    mutationFn: (body: SaveSectionBody) =>
      api(`/api/bids/${bidId}/sections/${section}`, { method: 'PUT', body, schema: SectionState }),
    onSuccess: () => invalidate(bidId),
  });
}

function useBidAction<V>(bidId: string, request: (variables: V) => Promise<BidDetail>) {
  const invalidate = useInvalidateBid();
  return useMutation({ mutationFn: request, onSuccess: (bid) => invalidate(bidId, bid) });
}

export const useSubmitBid = (bidId: string) =>
  useBidAction(bidId, () => api(`/api/bids/${bidId}/submit`, { method: 'POST', schema: BidDetail }));

export const useWithdrawBid = (bidId: string) =>
  useBidAction(bidId, (reason: string) =>
    api(`/api/bids/${bidId}/withdraw`, { method: 'POST', body: { reason }, schema: BidDetail }),
  );

export const useReturnBid = (bidId: string) =>
  useBidAction(bidId, (message: string) =>
    api(`/api/bids/${bidId}/return`, { method: 'POST', body: { message }, schema: BidDetail }),
  );

export function useRemoveAttachment(bidId: string) {
  const invalidate = useInvalidateBid();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      api(`/api/bids/${bidId}/attachments/${attachmentId}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(bidId),
  });
}

/**
 * Uploads a document with XMLHttpRequest rather than fetch, because only XHR reports upload
 * progress. Answers like `api()`: the saved attachment, or an ApiError with field messages.
 */
export async function uploadAttachment(
  bidId: string,
  kind: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  const token = await csrfToken();
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/bids/${bidId}/attachments`);
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'The upload failed. Check your connection and try again.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      if (xhr.status === 201) {
        resolve(Attachment.parse(data));
        return;
      }
      const envelope = data as {
        error?: { code?: string; message?: string; fields?: Record<string, string> };
      } | null;
      reject(
        new ApiError(
          xhr.status,
          envelope?.error?.code ?? 'internal_error',
          envelope?.error?.message ?? 'The upload failed. Try again.',
          envelope?.error?.fields ?? {},
        ),
      );
    };
    xhr.send(form);
  });
}
