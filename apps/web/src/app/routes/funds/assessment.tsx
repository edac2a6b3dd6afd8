import { AutoAssignBody, caseRefOf } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import {
  AppLink,
  BackLink,
  NotificationBanner,
  SummaryList,
  WarningText,
} from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import {
  fundAssessorsQueryOptions,
  overviewQueryOptions,
  useAutoAssign,
  useUnassign,
} from '../../../features/assessment/api/assessment';
import { AddAssessor } from '../../../features/assessment/components/add-assessor';
import { AssignmentStatusTag } from '../../../features/assessment/components/assignment-status';
import { ReopenRequestCard } from '../../../features/assessment/components/reopen-answer';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { isApiError } from '../../../lib/api-client';
import { can } from '../../../lib/authorization';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver, wholeNumber } from '../../../lib/resolver';
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

export function Component() {
  const { fundId = '' } = useParams();
  const { data: overview } = useSuspenseQuery(overviewQueryOptions(fundId));
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: pool } = useSuspenseQuery(fundAssessorsQueryOptions(fundId));
  const { data: me } = useQuery(meQueryOptions());
  const auto = useAutoAssign(fundId);
  const unassign = useUnassign();
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<{ perBid: string }, unknown, z.output<typeof AutoAssignBody>>({
    defaultValues: { perBid: String(overview.minAssessors) },
    resolver: sharedResolver(
      () => AutoAssignBody,
      (v) => ({ perBid: wholeNumber(v.perBid) }),
    ),
  });
  const items = [...(problem ? [{ text: problem }] : []), ...errorItems(form.formState.errors, ['perBid'])];
  const names = new Map(pool.assessors.map((a) => [a.id, a.name]));

  const onAuto = form.handleSubmit(async ({ perBid }) => {
    setMessage(null);
    setProblem(null);
    try {
      const result = await auto.mutateAsync(perBid);
      setMessage(
        `${result.assigned} ${result.assigned === 1 ? 'assignment' : 'assignments'} made.` +
          (result.short.length > 0 ? ` Not enough assessors for: ${result.short.join(', ')}.` : '') +
          (result.skipped.length > 0
            ? ` Not given out by you (your group, or a conflict of interest): ${result.skipped.join(', ')}.`
            : ''),
      );
    } catch (error) {
      applyServerErrors(error, form.setError, ['perBid']);
    }
  });

  /** Whether the signed-in officer may give out this bid (not their group's, no conflict with it). */
  const mayWorkOn = (b: (typeof overview.bids)[number]) =>
    can(me, { action: 'assessment.manage', bid: caseRefOf(fundId, b) });
  const conflicts = overview.bids.flatMap((b) => b.assignments.filter((a) => a.status === 'conflict'));
  return (
    <Page
      title={`Assessment: ${fund.name}`}
      hasError={items.length > 0}
      wide
      before={<BackLink to={`/funds/${fundId}`}>{fund.name}</BackLink>}
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
      <h2 className="govuk-heading-m">Give bids to assessors</h2>
      <p className="govuk-body">
        Each bid needs at least {overview.minAssessors} assessors. Nobody is given a bid from their own group
        or one they have declared a conflict with.
      </p>
      <form onSubmit={onAuto} noValidate className="govuk-!-margin-bottom-6">
        <TextInput
          id="perBid"
          label="Give every eligible bid this many assessors"
          width="2"
          inputMode="numeric"
          error={form.formState.errors.perBid?.message}
          {...form.register('perBid')}
        />
        <Button variant="secondary" disabled={auto.isPending}>
          Assign, balancing the load
        </Button>
      </form>
      <h2 className="govuk-heading-m">Bids ({overview.bids.length})</h2>
      {overview.bids.length === 0 ? (
        <p className="govuk-body">There are no eligible bids to assess yet.</p>
      ) : (
        overview.bids.map((b) => {
          const onIt = b.assignments.filter((a) => a.status !== 'removed');
          return (
            <div className="govuk-summary-card" key={b.bidId}>
              <div className="govuk-summary-card__title-wrapper">
                <h3 className="govuk-summary-card__title">
                  <AppLink to={`/bids/${b.bidId}`}>{b.title ?? 'Untitled'}</AppLink>
                </h3>
              </div>
              <div className="govuk-summary-card__content">
                {b.mostAssessors < overview.minAssessors && (
                  <WarningText>
                    Only {b.mostAssessors} of the {overview.minAssessors} assessors this bid needs can be
                    given it: the others are in the group or have a conflict of interest. Ask an administrator
                    for more assessors, or it cannot finish being assessed.
                  </WarningText>
                )}
                <SummaryList
                  rows={[
                    { key: 'Reference', value: b.reference ?? 'None yet' },
                    { key: 'Group', value: b.organisationName },
                    ...(b.conflicts.length > 0
                      ? [{ key: 'Conflict of interest', value: b.conflicts.map((c) => c.name).join(', ') }]
                      : []),
                    {
                      key: 'Assessors',
                      value:
                        onIt.length === 0 ? (
                          'None yet'
                        ) : (
                          <ul className="govuk-list govuk-!-margin-bottom-0">
                            {onIt.map((a) => (
                              <li key={a.id} className="govuk-!-margin-bottom-2">
                                <span className="govuk-!-display-block">{a.assessorName}</span>
                                <AssignmentStatusTag status={a.status} />{' '}
                                {(a.status === 'awaiting_declaration' || a.status === 'scoring') &&
                                  mayWorkOn(b) && (
                                    <button
                                      type="button"
                                      className="govuk-link app-link-button govuk-body-s"
                                      onClick={() =>
                                        unassign.mutate(a.id, {
                                          onSuccess: () =>
                                            setMessage(`${a.assessorName} taken off ${b.reference}.`),
                                          onError: (e) =>
                                            setProblem(isApiError(e) ? e.message : 'Could not remove'),
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
                  ]}
                />
                {mayWorkOn(b) ? (
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
                  <p className="govuk-body-s app-muted">
                    Another officer must give out this bid: it is from your group, or you declared a conflict
                    of interest with the group
                  </p>
                )}
              </div>
            </div>
          );
        })
      )}
      <h2 className="govuk-heading-m">Assessors’ load</h2>
      {overview.assessors.length === 0 ? (
        <p className="govuk-body">Nobody may assess this fund yet.</p>
      ) : (
        <SummaryList
          rows={overview.assessors.map((a) => ({
            key: a.name,
            value: (
              <>
                {a.assigned} {a.assigned === 1 ? 'bid' : 'bids'}
                <span className="govuk-!-display-block govuk-body-s app-muted">
                  {a.awaitingDeclaration} to declare, {a.scoring} scoring, {a.submitted} submitted,{' '}
                  {a.conflicts} {a.conflicts === 1 ? 'conflict' : 'conflicts'}
                </span>
              </>
            ),
          }))}
        />
      )}
    </Page>
  );
}
