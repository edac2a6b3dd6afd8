import { caseRefOf, formatScore, ModerationNoteBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import {
  AppLink,
  BackLink,
  NotificationBanner,
  Table,
  Tag,
  WarningText,
} from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea } from '../../../components/ui/form';
import { resultsQueryOptions, useModerationNote } from '../../../features/assessment/api/assessment';
import { ScoreSets } from '../../../features/assessment/components/score-sets';
import { meQueryOptions } from '../../../features/auth/api/me';
import { bidQueryOptions } from '../../../features/bids/api/bids';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { can } from '../../../lib/authorization';
import { formatDateTime, formatPence } from '../../../lib/format';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'results.read' });
  const bid = await queryClient.ensureQueryData(bidQueryOptions(params.bidId ?? ''));
  await Promise.all([
    queryClient.ensureQueryData(resultsQueryOptions(bid.fundId)),
    queryClient.ensureQueryData(fundQueryOptions(bid.fundId)),
  ]);
  return null;
}

export function Component() {
  const { bidId = '' } = useParams();
  const { data: bid } = useSuspenseQuery(bidQueryOptions(bidId));
  const { data: fund } = useSuspenseQuery(fundQueryOptions(bid.fundId));
  const { data } = useSuspenseQuery(resultsQueryOptions(bid.fundId));
  const { data: me } = useQuery(meQueryOptions());
  const result = data.results.find((r) => r.bidId === bidId);
  const note = useModerationNote(bidId);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(ModerationNoteBody), defaultValues: { note: '' } });
  const items = [...(problem ? [{ text: problem }] : []), ...errorItems(form.formState.errors, ['note'])];

  if (!result) {
    return (
      <Page title="No results yet" before={<BackLink to={`/bids/${bidId}`}>Back to the bid</BackLink>}>
        <h1 className="govuk-heading-l">No results yet</h1>
        <p className="govuk-body">This bid has not been given to assessors yet.</p>
      </Page>
    );
  }

  if (result.withheld) {
    return (
      <Page
        title="You cannot see these scores"
        before={<BackLink to={`/funds/${bid.fundId}/results`}>Results</BackLink>}
      >
        <span className="govuk-caption-l">
          {result.reference}: {result.organisationName}
        </span>
        <h1 className="govuk-heading-l">You cannot see these scores</h1>
        <p className="govuk-body">
          <AppLink to={`/bids/${bidId}`}>See the bid</AppLink>
        </p>
        <p className="govuk-body">
          This bid is from your group, or you declared a conflict of interest with the group. You cannot read
          its scores or comments, reopen them, write moderation notes or decide the bid. Another officer will
          do this.
        </p>
      </Page>
    );
  }

  const mayModerate = can(me, { action: 'assessment.manage', bid: caseRefOf(bid.fundId, result) });

  const onNote = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await note.mutateAsync(values.note);
      form.reset({ note: '' });
      setMessage('Moderation note saved.');
    } catch (error) {
      applyServerErrors(error, form.setError, ['note']);
    }
  });

  return (
    <Page
      title={`Scores for ${result.title ?? 'bid'}`}
      hasError={items.length > 0}
      wide
      before={<BackLink to={`/funds/${bid.fundId}/results`}>Results</BackLink>}
    >
      {message && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">
        {result.reference}: {result.organisationName}
      </span>
      <h1 className="govuk-heading-l">{result.title}</h1>
      <p className="govuk-body">
        <AppLink to={`/bids/${bidId}`}>
          See the bid: what the group asked for and what has happened to it
        </AppLink>
      </p>
      <p className="govuk-body">
        Mean score{' '}
        <strong>
          {result.meanScore === null ? 'not yet scored' : `${formatScore(result.meanScore)} out of 100`}
        </strong>{' '}
        from {result.completeSets} complete score {result.completeSets === 1 ? 'set' : 'sets'}. Asks for{' '}
        {formatPence(result.amountRequestedPence)}
        {result.decision?.outcome === 'award' && result.decision.amountPence !== null
          ? `; awarded ${formatPence(result.decision.amountPence)}`
          : ''}
        .
      </p>
      {result.moderationFlag && (
        <WarningText>
          Scores differ: assessors’ scores for at least one criterion are more than {fund.moderationThreshold}{' '}
          points apart. Discuss it at the panel.
        </WarningText>
      )}
      <Table
        caption="Scores by criterion"
        rowKey={(c) => c.criterionId}
        rows={result.criteria}
        columns={[
          { header: 'Criterion', cell: (c) => `${c.title} (${c.weight}%)` },
          { header: 'Lowest', cell: (c) => c.min ?? '–', numeric: true },
          { header: 'Highest', cell: (c) => c.max ?? '–', numeric: true },
          {
            header: 'Difference',
            cell: (c) => (
              <>
                {c.spread ?? '–'}{' '}
                {c.spread !== null && c.spread > fund.moderationThreshold && (
                  <Tag colour="orange">Scores differ</Tag>
                )}
              </>
            ),
            numeric: true,
          },
          { header: 'Mean', cell: (c) => c.mean ?? '–', numeric: true },
        ]}
      />
      <h2 className="govuk-heading-m">Each assessor’s scores</h2>
      <ScoreSets
        result={result}
        mayReopen={mayModerate}
        onReopened={(done) => {
          setProblem(null);
          setMessage(done);
        }}
        onError={setProblem}
      />
      <h2 className="govuk-heading-m">Moderation notes</h2>
      {result.moderationNotes.length === 0 ? (
        <p className="govuk-body">None yet.</p>
      ) : (
        <ul className="govuk-list">
          {result.moderationNotes.map((n) => (
            <li key={`${n.at}-${n.byName}`} className="govuk-!-margin-bottom-3">
              <span className="app-pre-wrap">{n.note}</span>
              <br />
              <span className="govuk-body-s app-muted">
                {n.byName}, {formatDateTime(n.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayModerate && (
        <form onSubmit={onNote} noValidate>
          <Textarea
            id="note"
            label="Add a moderation note"
            rows={3}
            error={form.formState.errors.note?.message}
            {...form.register('note')}
          />
          <Button variant="secondary" disabled={form.formState.isSubmitting}>
            Save note
          </Button>
        </form>
      )}
    </Page>
  );
}
