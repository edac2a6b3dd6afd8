import { Readable } from 'node:stream';
import {
  can,
  daysOverdue,
  type FundOutcomes,
  formatDate,
  fundOutcomes,
  GRANT_STATUS_LABELS,
  inReportList,
  londonToday,
  OUTCOME_KEYS,
  OUTCOMES_CSV_HEADER,
  penceAsDecimal,
  REPORT_KIND_LABELS,
  type ReminderRun,
  type ReportList,
  type ReportListState,
  reminderDue,
  reportState,
} from '@cf/shared';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { csvChunks, decimalCell } from '../../lib/csv.js';
import { notFound } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { fundPriorityList, getFundRow, listFundRows } from '../funds/repository.js';
import { mailTemplates } from '../mail/templates.js';
import { groupRecipients } from '../organisations/service.js';
import { wardsInOrder } from '../reference/repository.js';
import {
  insertReminder,
  lastReminded,
  latestApprovedReports,
  openReport,
  openReports,
  outcomeGrants,
  promisedOutcomes,
} from './repository.js';

// ─── Reminders (a daily job; decision 0027) ──────────────────────────────────────────────────

/**
 * The reminders job: emails each group whose report is due in the next 14 days, or overdue, once
 * per report and kind, whatever restarts or second servers there are. Each reminder is its own
 * unit of work: the report is read again, the reminder row is inserted or nothing (a unique key),
 * and only when this call inserted it are the emails queued, in the same transaction. So two runs
 * at once, or a run after a restart, send nothing twice. Acts as the service itself (no actor).
 */
export function sendReportReminders(ctx: ServiceContext, today: string): ReminderRun {
  const run: ReminderRun = { today, dueSoon: 0, overdue: 0, emails: 0 };
  for (const candidate of openReports(ctx.db, { today })) {
    unitOfWork(ctx.db, (tx) => {
      // Read again inside the transaction: the group may have sent it since the list was read.
      const report = openReport(tx, candidate.reportId);
      if (!report) return;
      const kind = reminderDue(report, report.grantStatus, today);
      if (!kind) return;
      const recipients = groupRecipients(tx, report.organisationId);
      const inserted = insertReminder(tx, {
        reportId: report.reportId,
        kind,
        sentOn: today,
        dueOn: report.dueOn,
        recipients: recipients.length,
        sentAt: ctx.clock.now().toISOString(),
      });
      if (!inserted) return;
      const words = {
        reference: report.reference,
        title: report.title,
        link: `${ctx.publicUrl}/reports/${report.reportId}`,
        reportName: REPORT_KIND_LABELS[report.kind].toLowerCase(),
        dueOn: formatDate(report.dueOn),
      };
      for (const to of recipients) {
        ctx.mail(
          tx,
          kind === 'overdue'
            ? mailTemplates.reportOverdue(to, words)
            : mailTemplates.reportDueSoon(to, words),
        );
      }
      run[kind === 'overdue' ? 'overdue' : 'dueSoon'] += 1;
      run.emails += recipients.length;
    });
  }
  return run;
}

/** "Send reminders now": officers and admins run today's reminders by hand (harmless: idempotent). */
export function sendRemindersNow(ctx: ServiceContext): ReminderRun {
  authorize(ctx.actor, { action: 'fund.manage' });
  return sendReportReminders({ ...ctx, actor: null }, londonToday(ctx.clock.now()));
}

// ─── The officers' lists of reports due soon and overdue ─────────────────────────────────────

/**
 * Reports due soon or overdue, of the funds the officer works on (or one fund): the list the
 * home page's counts link to, by the same rule (`inReportList`), so the two cannot disagree.
 */
export function reportList(
  ctx: ServiceContext,
  query: { fundId?: string | undefined; state: ReportListState },
): ReportList {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'assessment.manage' });
  if (query.fundId) {
    const fund = getFundRow(ctx.db, query.fundId);
    if (!fund || !can(actor, { action: 'assessment.manage', fund })) throw notFound('There is no such fund');
  }
  const today = londonToday(ctx.clock.now());
  const allowed = new Set(
    listFundRows(ctx.db)
      .filter((fund) => can(actor, { action: 'assessment.manage', fund }))
      .map((fund) => fund.id),
  );
  const reports = openReports(ctx.db, { today, fundId: query.fundId }).filter(
    (r) => allowed.has(r.fundId) && inReportList(r, r.grantStatus, today, query.state),
  );
  const reminded = lastReminded(
    ctx.db,
    reports.map((r) => r.reportId),
  );
  return {
    state: query.state,
    reports: reports.map((r) => ({
      reportId: r.reportId,
      grantId: r.grantId,
      fundId: r.fundId,
      fundName: r.fundName,
      reference: r.reference,
      title: r.title,
      organisationName: r.organisationName,
      kind: r.kind,
      dueOn: r.dueOn,
      state: reportState(r, today),
      daysOverdue: daysOverdue(r, today),
      remindedAt: reminded.get(r.reportId) ?? null,
    })),
  };
}

/** The home page's counts for one fund: the lengths of the two lists above. */
export function reportCounts(ctx: ServiceContext, fundId: string): { dueSoon: number; overdue: number } {
  const today = londonToday(ctx.clock.now());
  const reports = openReports(ctx.db, { today, fundId });
  return {
    dueSoon: reports.filter((r) => inReportList(r, r.grantStatus, today, 'due_soon')).length,
    overdue: reports.filter((r) => inReportList(r, r.grantStatus, today, 'overdue')).length,
  };
}

// ─── Outcomes across a fund ──────────────────────────────────────────────────────────────────

function outcomeRows(ctx: ServiceContext, fundId: string) {
  const fund = getFundRow(ctx.db, fundId);
  if (!fund) throw notFound();
  authorize(ctx.actor, { action: 'fund.budget', fund });
  const grants = outcomeGrants(ctx.db, fund.id);
  const promised = promisedOutcomes(
    ctx.db,
    grants.map((g) => g.bidId),
  );
  const approved = latestApprovedReports(
    ctx.db,
    grants.map((g) => g.grantId),
  );
  return {
    fund,
    rows: grants.map((grant) => ({
      grant,
      targets: promised.get(grant.bidId) ?? null,
      report: approved.get(grant.grantId) ?? null,
    })),
  };
}

/**
 * What a fund's grants promised against what they achieved, in total, by main priority and by
 * ward, from each grant's latest approved report (only approved reports count: an officer has
 * checked them). Finance and officers, as the budget.
 */
export function fundOutcomesOf(ctx: ServiceContext, fundId: string): FundOutcomes {
  const { fund, rows } = outcomeRows(ctx, fundId);
  const sums = fundOutcomes(
    rows.map(({ grant, targets, report }) => ({
      mainPriorityId: grant.mainPriorityId,
      wardIds: grant.wardIds,
      targets,
      achieved: report?.outcomes ?? null,
    })),
    {
      priorities: fundPriorityList(ctx.db, fund.id).map((p) => ({ id: p.id, name: p.name })),
      wards: wardsInOrder(ctx.db).map((w) => ({ id: w.id, name: w.name })),
    },
  );
  return {
    fundId: fund.id,
    fundName: fund.name,
    ...sums,
    // Only the wards where the fund has a grant: the council has many more.
    byWard: sums.byWard.filter((w) => w.grants > 0),
  };
}

/** The same figures per grant, as CSV for the national evaluation (PRODUCT.md section 10). */
export function fundOutcomesCsv(ctx: ServiceContext, fundId: string): { filename: string; stream: Readable } {
  const { fund, rows } = outcomeRows(ctx, fundId);
  const priorityNames = new Map(fundPriorityList(ctx.db, fund.id).map((p) => [p.id, p.name]));
  const wardNames = new Map(wardsInOrder(ctx.db).map((w) => [w.id, w.name]));
  const lines = rows.map(({ grant, targets, report }) => [
    grant.reference ?? grant.grantId,
    grant.title ?? '',
    grant.organisationName,
    GRANT_STATUS_LABELS[grant.status],
    grant.mainPriorityId ? (priorityNames.get(grant.mainPriorityId) ?? '') : '',
    grant.wardIds.map((id) => wardNames.get(id) ?? '').join('; '),
    decimalCell(penceAsDecimal(grant.awardPence)),
    report ? REPORT_KIND_LABELS[report.kind] : 'None approved yet',
    report?.decidedAt ? londonToday(new Date(report.decidedAt)) : '',
    ...OUTCOME_KEYS.flatMap((key) => [targets?.[key] ?? 0, report ? report.outcomes[key] : null]),
  ]);
  return {
    filename: `${fund.code}-outcomes.csv`,
    stream: Readable.from(csvChunks([[...OUTCOMES_CSV_HEADER], ...lines])),
  };
}
