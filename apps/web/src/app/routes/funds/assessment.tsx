import { caseRefOf, isBehindDeadline, isWaitingForAssessors, londonToday } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useParams, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, BackLink, NotificationBanner, Table, WarningText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import {
  fundAssessorsQueryOptions,
  overviewQueryOptions,
  useUnassign,
} from '../../../features/assessment/api/assessment';
import { AddAssessor } from '../../../features/assessment/components/add-assessor';
import { AssignmentStatusTag } from '../../../features/assessment/components/assignment-status';
import { AutoAssign } from '../../../features/assessment/components/auto-assign';
import { ReopenRequestCard } from '../../../features/assessment/components/reopen-answer';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { isApiError } from '../../../lib/api-client';
import { can } from '../../../lib/authorization';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'assessment.manage' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(overviewQueryOptions(fundId)),
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(fundAssessorsQueryOptions(fundId)),
  ]);
  return null;
}

/**
 * A fund's assessment: every bid being assessed with its assessors, or just the bids waiting for
 * assessors (`?show=waiting`, the home page's count), or the assessors behind the scoring deadline
 * and their late bids (`?show=late`, another count), or just one bid (`?bid=`, from its page).
 */
export function Component() {
  const { fundId = '' } = useParams();
  const [search] = useSearchParams();
  const { data: overview } = useSuspenseQuery(overviewQueryOptions(fundId));
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: pool } = useSuspenseQuery(fundAssessorsQueryOptions(fundId));
  const { data: me } = useQuery(meQueryOptions());
  const unassign = useUnassign();
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const items = problem ? [{ text: problem }] : [];
  const names = new Map(pool.assessors.map((a) => [a.id, a.name]));

  const onlyBid = search.get('bid');
  const onlyWaiting = search.get('show') === 'waiting';
  const onlyLate = search.get('show') === 'late';
  const today = londonToday();
  const shown = overview.bids.filter((b) =>
    onlyBid
      ? b.bidId === onlyBid
      : onlyWaiting
        ? isWaitingForAssessors(b, overview.minAssessors)
        : onlyLate
          ? b.assignments.some((a) => isBehindDeadline(a, today))
          : true,
  );
  const caption = onlyBid
    ? 'Bid'
    : onlyWaiting
      ? 'Bids waiting for assessors'
      : onlyLate
        ? 'Bids with scores overdue'
        : 'Bids';
  const loads = onlyLate ? overview.assessors.filter((a) => a.behind > 0) : overview.assessors;

  /** Whether the signed-in officer may give out this bid (not their group's, no conflict with it). */
  const mayWorkOn = (b: (typeof overview.bids)[number]) =>
    can(me, { action: 'assessment.manage', bid: caseRefOf(fundId, b) });
  const conflicts = overview.bids.flatMap((b) => b.assignments.filter((a) => a.status === 'conflict'));
  return (
    <Page
      title={`Assessment: ${fund.name}`}
      hasError={items.length > 0}
      wide
      before={<BackLink to={`/funds/${fundId}`}>Back</BackLink>}
    >
      {message && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Assessment</h1>
      {conflicts.length > 0 && (
        <NotificationBanner title="Conflicts of interest">
          <p className="govuk-notification-banner__heading">
            {conflicts.length === 1 ? 'An assessor has' : `${conflicts.length} assessors have`} declared a
            conflict of interest. Check each bid still has {overview.minAssessors} assessors.
          </p>
          <ul className="govuk-list">
            {conflicts.map((c) => (
              <li key={c.id}>
                {c.assessorName} on {c.bidReference}: {c.conflictNature}
              </li>
            ))}
          </ul>
        </NotificationBanner>
      )}
      {overview.shortOfAssessors > 0 && (
        <NotificationBanner title="Not enough assessors">
          <p className="govuk-notification-banner__heading">
            This fund needs {overview.shortOfAssessors} more{' '}
            {overview.shortOfAssessors === 1 ? 'assessor' : 'assessors'}.
          </p>
          <p className="govuk-body">
            Each bid needs {overview.minAssessors} assessors, but{' '}
            {overview.assessors.length === 0
              ? 'nobody may assess'
              : `only ${overview.assessors.length} ${overview.assessors.length === 1 ? 'person may' : 'people may'} assess`}{' '}
            the {fund.name}. Until more people have the assessor role for it, no bid can finish being
            assessed. Ask an administrator to give the role to {overview.shortOfAssessors} more{' '}
            {overview.shortOfAssessors === 1 ? 'person' : 'people'}.
          </p>
        </NotificationBanner>
      )}
      {overview.reopenRequests.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Requests to reopen scores ({overview.reopenRequests.length})</h2>
          <p className="govuk-body">
            These assessors have submitted their scores and ask you to reopen them, so they can change them.
          </p>
          {overview.reopenRequests.map((request) => (
            <ReopenRequestCard
              key={request.id}
              request={request}
              onAnswered={(m) => {
                setProblem(null);
                setMessage(m);
                window.scrollTo(0, 0);
              }}
            />
          ))}
        </>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <AutoAssign
            fundId={fundId}
            minAssessors={overview.minAssessors}
            onDone={(done) => {
              setProblem(null);
              setMessage(done);
              window.scrollTo(0, 0);
            }}
            onProblem={(p) => {
              setMessage(null);
              setProblem(p);
            }}
          />
        </div>
      </div>
      {(onlyBid || onlyWaiting || onlyLate) && (
        <p className="govuk-body">
          {onlyBid
            ? 'Showing one bid. '
            : onlyLate
              ? 'Showing assessors behind the scoring deadline, and the bids they have still to score. '
              : `Showing bids with fewer than ${overview.minAssessors} assessors. `}
          <AppLink to={`/funds/${fundId}/assessment`}>Show every bid being assessed</AppLink>
        </p>
      )}
      {shown.length === 0 ? (
        <p className="govuk-body">
          {onlyWaiting
            ? 'No bids are waiting for assessors.'
            : onlyLate
              ? 'No assessor is behind the scoring deadline.'
              : 'There are no eligible bids to assess yet.'}
        </p>
      ) : (
        <Table
          caption={caption}
          rowKey={(b) => b.bidId}
          rows={shown}
          columns={[
            {
              header: 'Bid',
              cell: (b) => (
                <>
                  <AppLink to={`/bids/${b.bidId}`}>{b.title ?? 'Untitled'}</AppLink>
                  <br />
                  <span className="govuk-body-s app-muted">
                    {b.reference}, {b.organisationName}
                  </span>
                  {b.conflicts.length > 0 && (
                    <>
                      <br />
                      <span className="govuk-body-s">
                        Conflict of interest: {b.conflicts.map((c) => c.name).join(', ')}
                      </span>
                    </>
                  )}
                  {b.mostAssessors < overview.minAssessors && (
                    <WarningText>
                      Only {b.mostAssessors} of the {overview.minAssessors} assessors this bid needs can be
                      given it: the others are in the group or have a conflict of interest. Ask an
                      administrator for more assessors, or it cannot finish being assessed.
                    </WarningText>
                  )}
                </>
              ),
            },
            {
              header: 'Assessors',
              cell: (b) => (
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  {b.assignments
                    .filter((a) => a.status !== 'removed')
                    .map((a) => (
                      <li key={a.id}>
                        {a.assessorName} <AssignmentStatusTag status={a.status} />{' '}
                        {isBehindDeadline(a, today) && (
                          <strong className="govuk-body-s app-late">Scores overdue </strong>
                        )}
                        {(a.status === 'awaiting_declaration' || a.status === 'scoring') && mayWorkOn(b) && (
                          <button
                            type="button"
                            className="govuk-link app-link-button govuk-body-s"
                            onClick={() =>
                              unassign.mutate(a.id, {
                                onSuccess: () => setMessage(`${a.assessorName} taken off ${b.reference}.`),
                                onError: (e) => setProblem(isApiError(e) ? e.message : 'Could not remove'),
                              })
                            }
                          >
                            Remove
                            <span className="govuk-visually-hidden">
                              {' '}
                              {a.assessorName} from {b.reference}
                            </span>
                          </button>
                        )}
                      </li>
                    ))}
                </ul>
              ),
            },
            {
              header: <span className="govuk-visually-hidden">Add</span>,
              cell: (b) =>
                mayWorkOn(b) ? (
                  <AddAssessor
                    bidId={b.bidId}
                    label={b.reference ?? 'this bid'}
                    options={b.eligibleAssessorIds.map((id) => ({ id, name: names.get(id) ?? 'Assessor' }))}
                    onDone={(m) => {
                      setProblem(null);
                      setMessage(m);
                    }}
                    onError={setProblem}
                  />
                ) : (
                  <span className="govuk-body-s app-muted">
                    Another officer must give out this bid: it is from your group, or you declared a conflict
                    of interest with the group
                  </span>
                ),
            },
          ]}
        />
      )}
      <Table
        caption={onlyLate ? 'Assessors behind the scoring deadline' : 'Assessors’ load'}
        rowKey={(a) => a.assessorId}
        rows={loads}
        columns={[
          { header: 'Assessor', cell: (a) => a.name },
          { header: 'Bids', cell: (a) => a.assigned, numeric: true },
          { header: 'To declare', cell: (a) => a.awaitingDeclaration, numeric: true },
          { header: 'Scoring', cell: (a) => a.scoring, numeric: true },
          { header: 'Submitted', cell: (a) => a.submitted, numeric: true },
          { header: 'Conflicts', cell: (a) => a.conflicts, numeric: true },
          { header: 'Late', cell: (a) => a.behind, numeric: true },
        ]}
      />
    </Page>
  );
}
