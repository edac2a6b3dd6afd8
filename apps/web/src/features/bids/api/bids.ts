import {
  Attachment,
  BidDetail,
  BidList,
  type BidSort,
  type BidStatus,
  BidToDoList,
  type ReturnBidBody,
  type SaveSectionBody,
  type SectionKey,
  SectionState,
  type StartBidBody,
  Timeline,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { uploadFile } from '../../../lib/upload';

/** What a bid list can be narrowed and ordered by (staff); a group's own list takes the page only. */
export interface BidFilters {
  status?: BidStatus | undefined;
  fundId?: string | undefined;
  round?: number | undefined;
  q?: string | undefined;
  sort?: BidSort | undefined;
  page?: number;
}

export const bidKeys = {
  all: ['bids'] as const,
  lists: () => [...bidKeys.all, 'list'] as const,
  list: (filters: BidFilters) => [...bidKeys.lists(), filters] as const,
  toDo: () => [...bidKeys.lists(), 'to-do'] as const,
  details: () => [...bidKeys.all, 'detail'] as const,
  detail: (bidId: string) => [...bidKeys.details(), bidId] as const,
  timeline: (bidId: string) => [...bidKeys.detail(bidId), 'timeline'] as const,
};

/** One page of bids: the group's own, or for grants staff every bid (searched, filtered, sorted). */
export const bidsQueryOptions = (filters: BidFilters = {}) =>
  queryOptions({
    queryKey: bidKeys.list(filters),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ page: String(filters.page ?? 1) });
      if (filters.status) query.set('status', filters.status);
      if (filters.fundId) query.set('fundId', filters.fundId);
      if (filters.round !== undefined) query.set('round', String(filters.round));
      if (filters.q) query.set('q', filters.q);
      if (filters.sort) query.set('sort', filters.sort);
      return api(`/api/bids?${query}`, { schema: BidList, signal });
    },
  });

/** What the signed-in person's groups must do about their bids, soonest deadline first. */
export const toDoQueryOptions = () =>
  queryOptions({
    queryKey: bidKeys.toDo(),
    queryFn: ({ signal }) => api('/api/bids/to-do', { schema: BidToDoList, signal }),
    staleTime: 0,
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
  useBidAction(bidId, (body: ReturnBidBody) =>
    api(`/api/bids/${bidId}/return`, { method: 'POST', body, schema: BidDetail }),
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
export function uploadAttachment(
  bidId: string,
  kind: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  return uploadFile(`/api/bids/${bidId}/attachments`, { kind }, file, onProgress, Attachment);
}
