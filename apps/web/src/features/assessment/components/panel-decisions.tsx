import {
  type BidResult,
  type Fund,
  type FundBudget,
  formatScore,
  isReadyForPanel,
  type PanelCheck,
  PanelDecisionsBody,
  type PotAward,
  parsePounds,
  penceToPoundsInput,
  type Ward,
} from '@cf/shared';
import { type ReactNode, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import {
  BackLink,
  InsetText,
  NotificationBanner,
  SummaryList,
  Table,
  Tag,
  WarningText,
} from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Select, Textarea, TextInput } from '../../../components/ui/form';
import { formatDate, formatPence } from '../../../lib/format';
import { applyServerErrors, errorItems, renameErrorFields } from '../../../lib/forms';
import { type DateParts, isoDate, sharedResolver, text } from '../../../lib/resolver';
import { useCheckPanelDecisions, usePanelDecisions } from '../api/assessment';
import { PotAfter } from './pot-after';

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

/** The awards the rows choose so far, as the pot counts them (an amount not yet readable counts as £0). */
function chosenAwards(candidates: BidResult[], rows: Row[]): PotAward[] {
  return rows
    .map((row, index) => ({ row, bid: candidates[index] }))
    .filter((x): x is { row: Row; bid: BidResult } => x.row.outcome === 'award' && x.bid !== undefined)
    .map(({ row, bid }) => ({
      amountPence: parsePounds(row.amount) ?? 0,
      mainPriorityId: bid.mainPriorityId,
      wardIds: bid.wardIds,
    }));
}

/**
 * The panel's decisions on a fund's scored bids, recorded together: award (in full or in part),
 * turn down or defer each one, with what the awards chosen would leave in the pot beside them.
 */
export function PanelDecisions({
  fund,
  budget,
  results: all,
  wards,
  done,
  setDone,
  mayDecide,
}: {
  fund: Fund;
  budget: FundBudget;
  results: BidResult[];
  wards: readonly Ward[];
  done: string | null;
  setDone: (message: string | null) => void;
  /** Whether the signed-in officer may decide this bid (not their group's, no conflict with it). */
  mayDecide: (bid: BidResult) => boolean;
}) {
  const record = usePanelDecisions(fund.id);
  const check = useCheckPanelDecisions(fund.id);
  // The check-your-answers step: what the API says the decisions would do, and the body it checked.
  const [checked, setChecked] = useState<{ check: PanelCheck; body: PanelDecisionsBody } | null>(null);
  const candidates = all.filter((r) => isReadyForPanel(r.status));
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

  const showServerErrors = (error: unknown) =>
    applyServerErrors(renameErrorFields(error, toFormPath), form.setError, [
      'decisions',
      'panelDate',
      'minutes',
    ]);

  // "Continue": the API checks the decisions as it would record them, recording nothing.
  const onSubmit = form.handleSubmit(async (body) => {
    setDone(null);
    try {
      setChecked({ check: await check.mutateAsync(body), body });
      window.scrollTo(0, 0);
    } catch (error) {
      showServerErrors(error);
    }
  });

  /** Back to the form from the check, at one decision (its select) or at the top. */
  const change = (focus?: string) => {
    setChecked(null);
    requestAnimationFrame(() => {
      const target = focus ? document.getElementById(focus) : null;
      if (target) target.focus();
      else window.scrollTo(0, 0);
    });
  };

  const onRecord = async () => {
    if (!checked) return;
    const { body, check: seen } = checked;
    try {
      await record.mutateAsync(body);
      const count = (outcome: string) => body.decisions.filter((d) => d.decision.outcome === outcome).length;
      const addresses = seen.decisions.reduce((sum, d) => sum + d.emailTo.length, 0);
      const groups = new Set(seen.decisions.map((d) => d.organisationName)).size;
      setChecked(null);
      setDone(
        `Decisions recorded: ${count('award')} awarded, ${count('reject')} turned down, ${count('defer')} deferred. ` +
          `We have emailed ${groups} ${groups === 1 ? 'group' : 'groups'} (${addresses} ${addresses === 1 ? 'address' : 'addresses'}).`,
      );
      window.scrollTo(0, 0);
    } catch (error) {
      // Something changed since the check (another officer decided, the pot moved): back to the form.
      setChecked(null);
      showServerErrors(error);
      window.scrollTo(0, 0);
    }
  };

  if (checked) {
    return (
      <CheckDecisions
        fund={fund}
        checked={checked}
        onChange={change}
        onRecord={onRecord}
        recording={record.isPending}
      />
    );
  }

  return (
    <Page
      title={`Panel: ${fund.name}`}
      hasError={items.length > 0}
      wide
      before={<BackLink to={`/funds/${fund.id}`}>Back</BackLink>}
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
        {formatPence(budget.availablePence)} of the {formatPence(budget.potPence)} pot is still available.
      </p>
      {candidates.length === 0 ? (
        <p className="govuk-body">There are no scored bids waiting for a decision.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds-from-desktop">
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
                                {bid.withheld
                                  ? 'Not shown to you'
                                  : bid.meanScore === null
                                    ? 'Not scored'
                                    : formatScore(bid.meanScore)}{' '}
                                {bid.moderationFlag && <Tag colour="orange">Scores differ</Tag>}{' '}
                                {bid.status === 'deferred' && <Tag colour="yellow">Deferred</Tag>}
                              </>
                            ),
                          },
                          { key: 'Asks for', value: formatPence(requested) },
                          { key: 'Priority', value: bid.mainPriority ?? '' },
                          { key: 'Wards', value: bid.wards.join(', ') },
                          {
                            key: 'Conflicts of interest',
                            value:
                              bid.conflicts.length === 0
                                ? 'None declared'
                                : `${bid.conflicts.map((c) => c.name).join(', ')}: may not decide this bid`,
                          },
                        ]}
                      />
                      <input type="hidden" {...form.register(`decisions.${index}.bidId`)} />
                      {mayDecide(bid) ? (
                        <Select
                          id={`decisions-${index}-outcome`}
                          label={`Decision on ${bid.reference}`}
                          options={OUTCOMES}
                          {...form.register(`decisions.${index}.outcome`)}
                        />
                      ) : (
                        <InsetText>
                          You cannot decide this bid: it is from your group, or you declared a conflict of
                          interest with the group. Another officer must decide it.
                        </InsetText>
                      )}
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
              <p className="govuk-body">
                You can check the decisions before anything is recorded or anyone is emailed.
              </p>
              <Button disabled={isSubmitting}>Continue</Button>
            </div>
            <div className="govuk-grid-column-one-third-from-desktop">
              <PotAfter budget={budget} awards={chosenAwards(candidates, rows)} wards={wards} />
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

const OUTCOME_WORDS = { award: 'Award', reject: 'Turn down', defer: 'Defer to a later panel' } as const;

/**
 * The GOV.UK check-your-answers step before a panel's decisions are recorded: each decision as
 * the group will hear it, who it will be emailed to, the date and minutes, and what the pot is
 * left with — each with a way back to change it. Nothing is recorded, and nobody emailed, until
 * the officer records them here.
 */
function CheckDecisions({
  fund,
  checked: { check, body },
  onChange,
  onRecord,
  recording,
}: {
  fund: Fund;
  checked: { check: PanelCheck; body: PanelDecisionsBody };
  onChange: (focus?: string) => void;
  onRecord: () => void;
  recording: boolean;
}) {
  const changeLink = (focus: string, hidden: string) => (
    <FormLink focus={focus} onChange={onChange}>
      Change<span className="govuk-visually-hidden"> {hidden}</span>
    </FormLink>
  );
  const rowOf = (bidId: string) => body.decisions.findIndex((d) => d.bidId === bidId);
  return (
    <Page
      title={`Check the panel’s decisions: ${fund.name}`}
      before={
        <FormLink focus="decisions-0-outcome" onChange={() => onChange()} className="govuk-back-link">
          Back
        </FormLink>
      }
    >
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Check the panel’s decisions</h1>
      <p className="govuk-body">
        Nothing has been recorded yet, and nobody has been emailed. Check each decision and who it goes to.
      </p>
      {check.decisions.map((decision, index) => {
        const id = `checked-${decision.bidId}`;
        const focus = `decisions-${rowOf(decision.bidId)}-outcome`;
        const what =
          decision.outcome === 'award' && decision.amountPence !== null
            ? `Award ${formatPence(decision.amountPence)} of ${formatPence(decision.amountRequestedPence)}`
            : OUTCOME_WORDS[decision.outcome];
        return (
          <section key={decision.bidId} className="govuk-summary-card" aria-labelledby={id}>
            <div className="govuk-summary-card__title-wrapper">
              <h2 className="govuk-summary-card__title" id={id}>
                {index + 1}. {decision.title ?? 'Untitled'}
              </h2>
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  {changeLink(focus, `the decision on ${decision.reference ?? decision.title ?? 'this bid'}`)}
                </li>
              </ul>
            </div>
            <div className="govuk-summary-card__content">
              <SummaryList
                rows={[
                  { key: 'Group', value: `${decision.organisationName} (${decision.reference})` },
                  { key: 'Decision', value: what },
                  ...(decision.reason
                    ? [
                        {
                          key: decision.outcome === 'reject' ? 'Feedback for the group' : 'Why',
                          value: <span className="app-pre-wrap">{decision.reason}</span>,
                        },
                      ]
                    : []),
                  {
                    key: 'Emailed to',
                    value:
                      decision.emailTo.length === 0 ? (
                        'Nobody: the group has no contact address'
                      ) : (
                        <ul className="govuk-list govuk-!-margin-bottom-0">
                          {decision.emailTo.map((to) => (
                            <li key={to.email}>
                              {to.name}, {to.email}
                            </li>
                          ))}
                        </ul>
                      ),
                  },
                ]}
              />
            </div>
          </section>
        );
      })}
      <h2 className="govuk-heading-m">The panel</h2>
      <SummaryList
        rows={[
          { key: 'Date of the panel', value: formatDate(body.panelDate) },
          {
            key: 'Minutes',
            value: body.minutes ? <span className="app-pre-wrap">{body.minutes}</span> : 'None',
          },
        ]}
      />
      <p className="govuk-body">{changeLink('panelDate-day', 'the date and minutes of the panel')}</p>
      <h2 className="govuk-heading-m">The pot</h2>
      <p className="govuk-body">
        {formatPence(check.availablePence)} is available now. {formatPence(check.availableAfterPence)} will be
        left in the pot.
      </p>
      <WarningText>
        When you record the decisions, each group is emailed at once. A decision cannot be taken back here.
      </WarningText>
      <ButtonGroup>
        <Button type="button" disabled={recording} onClick={onRecord}>
          Record the decisions and email the groups
        </Button>
        <FormLink focus="decisions-0-outcome" onChange={() => onChange()}>
          Change the decisions
        </FormLink>
      </ButtonGroup>
    </Page>
  );
}

/**
 * A link from the check back to the decisions form, at one of its fields: the form is this same
 * page's first step, so following it shows the form again (with every answer kept) at that field.
 */
function FormLink({
  focus,
  onChange,
  className = 'govuk-link',
  children,
}: {
  focus: string;
  onChange: (focus?: string) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a
      className={className}
      href={`#${focus}`}
      onClick={(event) => {
        event.preventDefault();
        onChange(focus);
      }}
    >
      {children}
    </a>
  );
}
