import {
  addAwards,
  type BidResult,
  type FundBudget,
  formatScore,
  PanelDecisionsBody,
  type PotSlice,
  parsePounds,
  penceToPoundsInput,
} from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink, NotificationBanner, SummaryList, Table, Tag } from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Select, Textarea, TextInput } from '../../../components/ui/form';
import { resultsQueryOptions, usePanelDecisions } from '../../../features/assessment/api/assessment';
import { fundBudgetQueryOptions, fundQueryOptions } from '../../../features/funds/api/funds';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { formatPence } from '../../../lib/format';
import { applyServerErrors, errorItems, renameErrorFields } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { type DateParts, isoDate, sharedResolver, text } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'panel.decide' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(resultsQueryOptions(fundId)),
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(fundBudgetQueryOptions(fundId)),
    queryClient.ensureQueryData(referenceQueryOptions()),
  ]);
  return null;
}

interface Row {
  bidId: string;
  outcome: '' | 'award' | 'reject' | 'defer';
  amount: string;
  reason: string;
}
interface PanelForm {
  panelDate: DateParts;
  minutes: string;
  decisions: Row[];
}

const OUTCOMES = [
  { value: '', text: 'No decision yet' },
  { value: 'award', text: 'Award a grant' },
  { value: 'reject', text: 'Turn down' },
  { value: 'defer', text: 'Defer to a later panel' },
];

function today(): DateParts {
  const now = new Date();
  return { day: String(now.getDate()), month: String(now.getMonth() + 1), year: String(now.getFullYear()) };
}

/** What the chosen awards would leave in the pot, overall, by priority and by ward — before saving. */
function PotAfter({
  budget,
  candidates,
  rows,
}: {
  budget: FundBudget;
  candidates: BidResult[];
  rows: Row[];
}) {
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const awards = rows
    .map((row, index) => ({ row, bid: candidates[index] }))
    .filter((x): x is { row: Row; bid: BidResult } => x.row.outcome === 'award' && x.bid !== undefined)
    .map(({ row, bid }) => ({
      amountPence: parsePounds(row.amount) ?? 0,
      mainPriorityId: bid.mainPriorityId,
      wardIds: bid.wardIds,
    }));
  // The pot's own rules (as the API applies them), with these awards added to what is committed.
  const after = addAwards(budget, awards);
  const selected = after.committedPence - budget.committedPence;
  const left = after.availablePence;
  const committedIn = (slices: readonly PotSlice[], id: string) =>
    slices.find((s) => s.id === id)?.committedPence ?? 0;
  const byPriority = budget.byPriority.map((p) => ({
    ...p,
    adding: committedIn(after.byPriority, p.id) - p.committedPence,
  }));
  const wardRows = after.byWard
    .map((w) => {
      const committed = committedIn(budget.byWard, w.id);
      return { id: w.id, committed, adding: w.committedPence - committed };
    })
    .filter((w) => w.adding > 0)
    .map((w) => ({ ...w, name: reference.wards.find((r) => r.id === w.id)?.name ?? 'Ward' }));
  return (
    <section aria-labelledby="pot-after" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="pot-after">
        What these decisions leave in the pot
      </h2>
      <div aria-live="polite">
        <SummaryList
          rows={[
            { key: 'Available now', value: formatPence(budget.availablePence) },
            {
              key: 'Awards chosen',
              value: `${formatPence(selected)} to ${awards.length} ${awards.length === 1 ? 'group' : 'groups'}`,
            },
            {
              key: 'Left after these awards',
              value:
                left < 0 ? (
                  <strong className="govuk-error-message">
                    {formatPence(left)}: more than the pot holds
                  </strong>
                ) : (
                  <strong>{formatPence(left)}</strong>
                ),
            },
          ]}
        />
      </div>
      <Table
        caption="By priority"
        captionSize="s"
        rowKey={(p) => p.id}
        rows={byPriority}
        columns={[
          { header: 'Priority', cell: (p) => p.name },
          { header: 'Committed', cell: (p) => formatPence(p.committedPence), numeric: true },
          { header: 'This panel', cell: (p) => formatPence(p.adding), numeric: true },
          { header: 'Total', cell: (p) => formatPence(p.committedPence + p.adding), numeric: true },
        ]}
      />
      {wardRows.length > 0 && (
        <Table
          caption="Wards of the awards chosen"
          captionSize="s"
          rowKey={(w) => w.id}
          rows={wardRows}
          columns={[
            { header: 'Ward', cell: (w) => w.name },
            { header: 'Committed', cell: (w) => formatPence(w.committed), numeric: true },
            { header: 'This panel', cell: (w) => formatPence(w.adding), numeric: true },
            { header: 'Total', cell: (w) => formatPence(w.committed + w.adding), numeric: true },
          ]}
        />
      )}
    </section>
  );
}

export function Component() {
  const { fundId = '' } = useParams();
  const { data: results } = useSuspenseQuery(resultsQueryOptions(fundId));
  const [done, setDone] = useState<string | null>(null);
  const candidates = results.results.filter((r) => r.status === 'scored' || r.status === 'deferred');
  // A fresh form whenever the bids waiting for a decision change (after decisions are recorded).
  return (
    <PanelPage
      key={candidates.map((c) => c.bidId).join()}
      fundId={fundId}
      results={results.results}
      done={done}
      setDone={setDone}
    />
  );
}

function PanelPage({
  fundId,
  results: all,
  done,
  setDone,
}: {
  fundId: string;
  results: BidResult[];
  done: string | null;
  setDone: (message: string | null) => void;
}) {
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: budget } = useSuspenseQuery(fundBudgetQueryOptions(fundId));
  const record = usePanelDecisions(fundId);
  const candidates = all.filter((r) => r.status === 'scored' || r.status === 'deferred');
  const decided = all.filter((r) => r.decision && r.decision.outcome !== 'defer');
  // Which form row each decision sent to the API came from, to put the API's errors back on the right row.
  const sentRows = useRef<number[]>([]);

  const toFormPath = (path: string) => {
    const match = /^decisions\.(\d+)\.(?:decision\.)?(amountPence|reason|feedback|bidId)$/.exec(path);
    const single = /^(amountPence|reason|feedback)$/.exec(path);
    const index = match ? Number(match[1]) : single ? 0 : null;
    const field = match?.[2] ?? single?.[1];
    if (index === null || field === undefined)
      return path === 'panelDate' || path === 'minutes' ? path : path;
    const row = sentRows.current[index] ?? index;
    return `decisions.${row}.${field === 'amountPence' ? 'amount' : 'reason'}`;
  };

  const form = useForm<PanelForm, unknown, z.output<typeof PanelDecisionsBody>>({
    defaultValues: {
      panelDate: today(),
      minutes: '',
      decisions: candidates.map((c) => ({
        bidId: c.bidId,
        outcome: '',
        amount: penceToPoundsInput(c.amountRequestedPence),
        reason: '',
      })),
    },
    resolver: sharedResolver(
      () => PanelDecisionsBody,
      (v) => {
        const chosen = v.decisions
          .map((row, index) => ({ row, index }))
          .filter(({ row }) => row.outcome !== '');
        sentRows.current = chosen.map(({ index }) => index);
        return {
          panelDate: isoDate(v.panelDate),
          ...(text(v.minutes) ? { minutes: v.minutes } : {}),
          decisions: chosen.map(({ row }) => ({
            bidId: row.bidId,
            decision:
              row.outcome === 'award'
                ? {
                    outcome: 'award',
                    amountPence:
                      text(row.amount) === undefined ? undefined : (parsePounds(row.amount) ?? Number.NaN),
                    ...(text(row.reason) ? { reason: row.reason } : {}),
                  }
                : row.outcome === 'reject'
                  ? { outcome: 'reject', ...(text(row.reason) ? { feedback: row.reason } : {}) }
                  : { outcome: 'defer', ...(text(row.reason) ? { reason: row.reason } : {}) },
          })),
        };
      },
      toFormPath,
    ),
  });
  const rows = useWatch({ control: form.control, name: 'decisions' }) ?? [];
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['panelDate', 'minutes', 'decisions'], (path) =>
    path === 'panelDate' ? 'panelDate-day' : path.replaceAll('.', '-'),
  );

  const onSubmit = form.handleSubmit(async (body) => {
    setDone(null);
    try {
      await record.mutateAsync(body);
      const count = (outcome: string) => body.decisions.filter((d) => d.decision.outcome === outcome).length;
      setDone(
        `Decisions recorded: ${count('award')} awarded, ${count('reject')} turned down, ${count('defer')} deferred. The groups have been emailed.`,
      );
      window.scrollTo(0, 0);
    } catch (error) {
      applyServerErrors(renameErrorFields(error, toFormPath), form.setError, [
        'decisions',
        'panelDate',
        'minutes',
      ]);
    }
  });

  return (
    <Page
      title={`Panel: ${fund.name}`}
      hasError={items.length > 0}
      wide
      before={<BackLink to={`/funds/${fundId}`}>{fund.name}</BackLink>}
    >
      {done && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{done}</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Panel decisions</h1>
      <p className="govuk-body">
        {formatPence(budget.availablePence)} of the {formatPence(budget.potPence, { omitZeroPence: true })}{' '}
        pot is still available.
      </p>
      {candidates.length === 0 ? (
        <p className="govuk-body">There are no scored bids waiting for a decision.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              {candidates.map((bid, index) => {
                const row = rows[index];
                const requested = bid.amountRequestedPence;
                const amount = parsePounds(row?.amount ?? '') ?? 0;
                const partial = row?.outcome === 'award' && amount > 0 && amount < requested;
                return (
                  <section
                    key={bid.bidId}
                    className="govuk-summary-card"
                    aria-labelledby={`bid-${bid.bidId}`}
                  >
                    <div className="govuk-summary-card__title-wrapper">
                      <h2 className="govuk-summary-card__title" id={`bid-${bid.bidId}`}>
                        {index + 1}. {bid.title}
                      </h2>
                    </div>
                    <div className="govuk-summary-card__content">
                      <SummaryList
                        rows={[
                          { key: 'Group', value: `${bid.organisationName} (${bid.reference})` },
                          {
                            key: 'Score',
                            value: (
                              <>
                                {bid.meanScore === null ? 'Not scored' : formatScore(bid.meanScore)}{' '}
                                {bid.moderationFlag && <Tag colour="orange">Moderation</Tag>}{' '}
                                {bid.status === 'deferred' && <Tag colour="yellow">Deferred</Tag>}
                              </>
                            ),
                          },
                          { key: 'Asks for', value: formatPence(requested) },
                          { key: 'Priority', value: bid.mainPriority ?? '' },
                          { key: 'Wards', value: bid.wards.join(', ') },
                          ...(bid.conflictsDeclared > 0
                            ? [{ key: 'Conflicts declared', value: String(bid.conflictsDeclared) }]
                            : []),
                        ]}
                      />
                      <input type="hidden" {...form.register(`decisions.${index}.bidId`)} />
                      <Select
                        id={`decisions-${index}-outcome`}
                        label={`Decision on ${bid.reference}`}
                        options={OUTCOMES}
                        {...form.register(`decisions.${index}.outcome`)}
                      />
                      {row?.outcome === 'award' && (
                        <TextInput
                          id={`decisions-${index}-amount`}
                          label="Amount to award"
                          hint={`Up to ${formatPence(requested)}`}
                          prefix="£"
                          width="10"
                          inputMode="decimal"
                          error={errors.decisions?.[index]?.amount?.message}
                          {...form.register(`decisions.${index}.amount`)}
                        />
                      )}
                      {(row?.outcome === 'reject' || row?.outcome === 'defer' || partial) && (
                        <Textarea
                          id={`decisions-${index}-reason`}
                          label={
                            row?.outcome === 'reject'
                              ? 'Feedback for the group'
                              : row?.outcome === 'defer'
                                ? 'Why defer (optional)'
                                : 'Why less than asked for'
                          }
                          rows={3}
                          error={errors.decisions?.[index]?.reason?.message}
                          {...form.register(`decisions.${index}.reason`)}
                        />
                      )}
                    </div>
                  </section>
                );
              })}
              <DateInput
                id="panelDate"
                legend="Date of the panel"
                legendSize="m"
                error={errors.panelDate?.message}
                fields={dateFields(form.register, 'panelDate')}
              />
              <Textarea
                id="minutes"
                label="Minutes of the panel (optional)"
                rows={5}
                error={errors.minutes?.message}
                {...form.register('minutes')}
              />
              <Button disabled={isSubmitting}>Record decisions</Button>
            </div>
            <div className="govuk-grid-column-one-third">
              <PotAfter budget={budget} candidates={candidates} rows={rows} />
            </div>
          </div>
        </form>
      )}
      {decided.length > 0 && (
        <Table
          caption="Decided"
          rowKey={(r) => r.bidId}
          rows={decided}
          columns={[
            { header: 'Bid', cell: (r) => `${r.title} (${r.reference})` },
            {
              header: 'Decision',
              cell: (r) => (r.decision?.outcome === 'award' ? 'Awarded' : 'Turned down'),
            },
            {
              header: 'Amount',
              cell: (r) => (r.decision?.amountPence ? formatPence(r.decision.amountPence) : '–'),
              numeric: true,
            },
          ]}
        />
      )}
    </Page>
  );
}
