import {
  REPORT_KIND_LABELS,
  REPORT_LIST_TITLES,
  type ReminderRun,
  ReportListQuery,
  ReportListState,
} from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, NotificationBanner, Table, WarningText } from '../../../components/ui/content';
import { meQueryOptions } from '../../../features/auth/api/me';
import { reportListQueryOptions, useSendReminders } from '../../../features/monitoring/api/monitoring';
import { can } from '../../../lib/authorization';
import { formatDate, formatDateTime, plural } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

/** The list asked for in the address: `?state=overdue&fundId=…` (due soon unless it says overdue). */
function filtersOf(search: URLSearchParams): { state: ReportListState; fundId: string | undefined } {
  const state = ReportListState.safeParse(search.get('state'));
  const fundId = ReportListQuery.shape.fundId.safeParse(search.get('fundId') ?? undefined);
  return { state: state.success ? state.data : 'due_soon', fundId: fundId.success ? fundId.data : undefined };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.manage' });
  const { state, fundId } = filtersOf(new URL(request.url).searchParams);
  await queryClient.fetchQuery(reportListQueryOptions(state, fundId));
  return null;
}

function SendReminders() {
  const send = useSendReminders();
  const [done, setDone] = useState<ReminderRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      {done && (
        <NotificationBanner success title="Reminders">
          <p className="govuk-notification-banner__heading">
            {done.dueSoon + done.overdue === 0
              ? 'No new reminders were needed: each group has had its reminder already.'
              : `${plural(done.dueSoon + done.overdue, 'reminder')} sent (${plural(done.emails, 'email')}).`}
          </p>
        </NotificationBanner>
      )}
      {problem && <WarningText>{problem}</WarningText>}
      <p className="govuk-body">
        Groups are reminded by email 14 days before a report is due and once when it is overdue. This happens
        by itself every day; each reminder is sent only once.
      </p>
      <Button
        type="button"
        variant="secondary"
        disabled={send.isPending}
        onClick={async () => {
          try {
            setProblem(null);
            setDone(await send.mutateAsync());
          } catch (error) {
            setProblem(error instanceof Error ? error.message : 'Sorry, something went wrong. Try again.');
          }
        }}
      >
        Send reminders now
      </Button>
    </>
  );
}

/** Reports due in the next 14 days, or overdue: the lists the home page's counts link to. */
export function Component() {
  const [search] = useSearchParams();
  const { state, fundId } = filtersOf(search);
  const { data } = useSuspenseQuery(reportListQueryOptions(state, fundId));
  const { data: me } = useQuery(meQueryOptions());
  const other: ReportListState = state === 'overdue' ? 'due_soon' : 'overdue';
  const title = REPORT_LIST_TITLES[state];
  const fundName = fundId ? data.reports[0]?.fundName : undefined;
  return (
    <Page title={title} wide>
      {fundName && <span className="govuk-caption-l">{fundName}</span>}
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        <AppLink to={`/reports?state=${other}${fundId ? `&fundId=${fundId}` : ''}`}>
          {REPORT_LIST_TITLES[other]}
        </AppLink>
        {fundId && (
          <>
            {' · '}
            <AppLink to={`/reports?state=${state}`}>In every fund</AppLink>
          </>
        )}
      </p>
      {data.reports.length === 0 ? (
        <p className="govuk-body">
          {state === 'overdue' ? 'No report is overdue.' : 'No report is due soon.'}
        </p>
      ) : (
        <Table
          caption={plural(data.reports.length, 'report')}
          captionSize="s"
          rowKey={(r) => r.reportId}
          rows={data.reports}
          columns={[
            {
              header: 'Grant',
              cell: (r) => (
                <AppLink to={`/grants/${r.grantId}`}>
                  {r.reference ?? 'Grant'} {r.title ?? ''}
                </AppLink>
              ),
            },
            { header: 'Group', cell: (r) => r.organisationName },
            ...(fundId ? [] : [{ header: 'Fund', cell: (r: (typeof data.reports)[number]) => r.fundName }]),
            { header: 'Report', cell: (r) => REPORT_KIND_LABELS[r.kind] },
            {
              header: 'Due',
              cell: (r) =>
                r.daysOverdue > 0
                  ? `${formatDate(r.dueOn)} (${plural(r.daysOverdue, 'day')} late)`
                  : formatDate(r.dueOn),
            },
            {
              header: 'Group reminded',
              cell: (r) => (r.remindedAt ? formatDateTime(r.remindedAt) : 'Not yet'),
            },
          ]}
        />
      )}
      {can(me, { action: 'fund.manage' }) && <SendReminders />}
    </Page>
  );
}
