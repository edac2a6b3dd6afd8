import {
  GrantReports,
  type RateGrantBody,
  ReportDetail,
  ReportEvidence,
  type ReportSectionKey,
  type ReturnReportBody,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { uploadFile } from '../../../lib/upload';

export const reportKeys = {
  all: ['reports'] as const,
  ofGrant: (grantId: string) => [...reportKeys.all, 'grant', grantId] as const,
  detail: (reportId: string) => [...reportKeys.all, 'detail', reportId] as const,
};

export const grantReportsQueryOptions = (grantId: string) =>
  queryOptions({
    queryKey: reportKeys.ofGrant(grantId),
    queryFn: ({ signal }) => api(`/api/grants/${grantId}/reports`, { schema: GrantReports, signal }),
    staleTime: 0,
  });

export const reportQueryOptions = (reportId: string) =>
  queryOptions({
    queryKey: reportKeys.detail(reportId),
    queryFn: ({ signal }) => api(`/api/reports/${reportId}`, { schema: ReportDetail, signal }),
    staleTime: 0,
  });

/** After a change to a report: its detail is what the API answered; its grant, lists and the dashboard may have moved. */
function useReportAction<V>(reportId: string, request: (variables: V) => Promise<ReportDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(reportId), report);
      void queryClient.invalidateQueries({ queryKey: reportKeys.ofGrant(report.grantId) });
      void queryClient.invalidateQueries({ queryKey: ['grants'] });
      void queryClient.invalidateQueries({ queryKey: ['work'] });
      void queryClient.invalidateQueries({ queryKey: ['payments'] });
    },
  });
}

export const useSaveReportSection = (reportId: string, section: ReportSectionKey) =>
  useReportAction(reportId, (body: { version: number; data: Record<string, unknown> }) =>
    api(`/api/reports/${reportId}/sections/${section}`, { method: 'PUT', body, schema: ReportDetail }),
  );

export const useSendReport = (reportId: string) =>
  useReportAction(reportId, () =>
    api(`/api/reports/${reportId}/send`, { method: 'POST', schema: ReportDetail }),
  );

export const useApproveReport = (reportId: string) =>
  useReportAction(reportId, () =>
    api(`/api/reports/${reportId}/approve`, { method: 'POST', schema: ReportDetail }),
  );

export const useReturnReport = (reportId: string) =>
  useReportAction(reportId, (body: ReturnReportBody) =>
    api(`/api/reports/${reportId}/return`, { method: 'POST', body, schema: ReportDetail }),
  );

export function useRateGrant(grantId: string, reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateGrantBody) =>
      api(`/api/grants/${grantId}/ratings`, { method: 'POST', body, schema: GrantReports }),
    onSuccess: (reports) => {
      queryClient.setQueryData(reportKeys.ofGrant(grantId), reports);
      void queryClient.invalidateQueries({ queryKey: reportKeys.detail(reportId) });
    },
  });
}

export function useRemoveEvidence(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (evidenceId: string) =>
      api(`/api/reports/${reportId}/evidence/${evidenceId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.detail(reportId) }),
  });
}

/** Uploads evidence with progress (lib/upload.ts, as bid documents are sent). */
export function uploadEvidence(reportId: string, file: File, onProgress: (percent: number) => void) {
  return uploadFile(`/api/reports/${reportId}/evidence`, {}, file, onProgress, ReportEvidence);
}
