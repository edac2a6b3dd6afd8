import {
  AssessmentOverview,
  AssessorView,
  AssignmentList,
  AssignmentPage,
  AutoAssignPlan,
  AutoAssignResult,
  type DeclarationBody,
  FundAssessorList,
  PanelCheck,
  type PanelDecisionsBody,
  type PlannedAssignment,
  type ReopenAnswerBody,
  ReopenRequest,
  ResultList,
  ScoreSet,
  type ScoreSetBody,
  Screening,
  type ScreeningBody,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { bidKeys } from '../../bids/api/bids';
import { fundKeys } from '../../funds/api/funds';
import { workKeys } from '../../work/api/work';

export const assessmentKeys = {
  all: ['assessment'] as const,
  overview: (fundId: string) => [...assessmentKeys.all, 'overview', fundId] as const,
  results: (fundId: string) => [...assessmentKeys.all, 'results', fundId] as const,
  mine: (page: number) => [...assessmentKeys.all, 'mine', page] as const,
  assignment: (assignmentId: string) => [...assessmentKeys.all, 'assignment', assignmentId] as const,
  assessors: (fundId: string) => [...assessmentKeys.all, 'assessors', fundId] as const,
};

export const overviewQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: assessmentKeys.overview(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/assessment`, { schema: AssessmentOverview, signal }),
    staleTime: 0,
  });

export const resultsQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: assessmentKeys.results(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/results`, { schema: ResultList, signal }),
    staleTime: 0,
  });

/** One page of the bids the assessor has been asked to assess. */
export const myAssignmentsQueryOptions = (page = 1) =>
  queryOptions({
    queryKey: assessmentKeys.mine(page),
    queryFn: ({ signal }) => api(`/api/assignments?page=${page}`, { schema: AssignmentPage, signal }),
    staleTime: 0,
  });

export const assessorViewQueryOptions = (assignmentId: string) =>
  queryOptions({
    queryKey: assessmentKeys.assignment(assignmentId),
    queryFn: ({ signal }) => api(`/api/assignments/${assignmentId}`, { schema: AssessorView, signal }),
    staleTime: 0,
  });

export const fundAssessorsQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: assessmentKeys.assessors(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/assessors`, { schema: FundAssessorList, signal }),
  });

/** Assessment changes ripple: overviews, results, bids, budgets. Refresh them all. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    void queryClient.invalidateQueries({ queryKey: bidKeys.all });
    void queryClient.invalidateQueries({ queryKey: fundKeys.all });
    void queryClient.invalidateQueries({ queryKey: workKeys.all });
  };
}

export function useScreenBid(bidId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ScreeningBody) =>
      api(`/api/bids/${bidId}/screening`, { method: 'POST', body, schema: Screening }),
    onSuccess: refresh,
  });
}

export function useAssign(bidId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (assessorId: string) =>
      api(`/api/bids/${bidId}/assignments`, { method: 'POST', body: { assessorId }, schema: AssignmentList }),
    onSuccess: refresh,
  });
}

/** Who an automatic assignment would give each bid to: changes nothing, emails nobody. */
export function useCheckAutoAssign(fundId: string) {
  return useMutation({
    mutationFn: (perBid: number) =>
      api(`/api/funds/${fundId}/assignments/auto/check`, {
        method: 'POST',
        body: { perBid },
        schema: AutoAssignPlan,
      }),
  });
}

/** Makes the assignments the officer checked, only if that plan still holds (409 otherwise). */
export function useAutoAssign(fundId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ perBid, plan }: { perBid: number; plan: z.input<typeof PlannedAssignment>[] }) =>
      api(`/api/funds/${fundId}/assignments/auto`, {
        method: 'POST',
        body: { perBid, plan },
        schema: AutoAssignResult,
      }),
    onSuccess: refresh,
  });
}

export function useUnassign() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (assignmentId: string) => api(`/api/assignments/${assignmentId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useDeclare(assignmentId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DeclarationBody) =>
      api(`/api/assignments/${assignmentId}/declaration`, { method: 'POST', body, schema: AssignmentList }),
    onSuccess: refresh,
  });
}

export function useSaveScores(assignmentId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ScoreSetBody) =>
      api(`/api/assignments/${assignmentId}/scores`, { method: 'PUT', body, schema: ScoreSet }),
    onSuccess: refresh,
  });
}

/** The assessor asks the grants officer to reopen their submitted scores, saying why. */
export function useRequestReopen(assignmentId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string) =>
      api(`/api/assignments/${assignmentId}/reopen-requests`, {
        method: 'POST',
        body: { reason },
        schema: ReopenRequest,
      }),
    onSuccess: refresh,
  });
}

/** An officer answers an assessor's request: reopen the scores, or decline saying why. */
export function useAnswerReopenRequest(requestId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ReopenAnswerBody) =>
      api(`/api/reopen-requests/${requestId}/answer`, { method: 'POST', body, schema: ReopenRequest }),
    onSuccess: refresh,
  });
}

export function useReopen() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ assignmentId, reason }: { assignmentId: string; reason: string }) =>
      api(`/api/assignments/${assignmentId}/reopen`, { method: 'POST', body: { reason }, schema: ScoreSet }),
    onSuccess: refresh,
  });
}

export function useModerationNote(bidId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (note: string) =>
      api(`/api/bids/${bidId}/moderation-notes`, { method: 'POST', body: { note }, schema: ResultList }),
    onSuccess: refresh,
  });
}

/** What a panel's decisions would do and who would be emailed: records nothing, emails nobody. */
export function useCheckPanelDecisions(fundId: string) {
  return useMutation({
    mutationFn: (body: PanelDecisionsBody) =>
      api(`/api/funds/${fundId}/panel-decisions/check`, { method: 'POST', body, schema: PanelCheck }),
  });
}

export function usePanelDecisions(fundId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: PanelDecisionsBody) =>
      api(`/api/funds/${fundId}/panel-decisions`, { method: 'POST', body, schema: ResultList }),
    onSuccess: refresh,
  });
}
