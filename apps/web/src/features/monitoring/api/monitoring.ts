import { FundOutcomes, ReminderRun, ReportList, type ReportListState } from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { workKeys } from '../../work/api/work';

export const monitoringKeys = {
  all: ['monitoring'] as const,
  reports: (state: ReportListState, fundId: string | undefined) =>
    [...monitoringKeys.all, 'reports', state, fundId ?? null] as const,
  outcomes: (fundId: string) => [...monitoringKeys.all, 'outcomes', fundId] as const,
};

/** Reports due soon or overdue: read afresh, as the home page's counts that link here are. */
export const reportListQueryOptions = (state: ReportListState, fundId?: string) =>
  queryOptions({
    queryKey: monitoringKeys.reports(state, fundId),
    queryFn: ({ signal }) =>
      api(`/api/monitoring/reports?state=${state}${fundId ? `&fundId=${fundId}` : ''}`, {
        schema: ReportList,
        signal,
      }),
    staleTime: 0,
  });

export const fundOutcomesQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: monitoringKeys.outcomes(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/outcomes`, { schema: FundOutcomes, signal }),
    staleTime: 5_000,
  });

/** "Send reminders now": the daily job by hand (a reminder already sent is not sent again). */
export function useSendReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/monitoring/reminders', { method: 'POST', schema: ReminderRun }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: monitoringKeys.all });
      void queryClient.invalidateQueries({ queryKey: workKeys.all });
    },
  });
}
