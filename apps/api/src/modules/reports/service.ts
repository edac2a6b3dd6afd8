import { createHash } from 'node:crypto';
import {
  type CaseRef,
  can,
  documentLimitProblem,
  formatPence,
  GRANT_STATUS_LABELS,
  type GrantRating,
  type GrantReports,
  isReportOverdue,
  issuesToFields,
  londonToday,
  missingReportSections,
  type OutcomeTargets,
  RateGrantBody,
  REPORT_KIND_LABELS,
  REPORT_SECTION_SCHEMAS,
  REPORT_SECTIONS,
  type ReportDetail,
  type ReportEvidence,
  type ReportSectionBody,
  type ReportSectionKey,
  type ReportSummary,
  type ReturnReportBody,
  ratingProblems,
  reportChangeRefusal,
  reportDecisionRefusal,
  reportState,
  type SuggestedRating,
  suggestedRating,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { Actor, ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, DomainError, invalidState, notFound } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { cleanFilename } from '../attachments/rules.js';
import {
  bidAnswers,
  conflictedWith,
  type GrantRow,
  getGrantRow,
  getGrantView,
  instalmentsOf,
} from '../grants/repository.js';
import { moveGrant } from '../grants/service.js';
import { mailTemplates } from '../mail/templates.js';
import { mailGroup } from '../organisations/service.js';
import { livePaymentsFor, requestPaymentIn } from '../payments/service.js';
import {
  deleteEvidence,
  evidenceList,
  evidenceTotals,
  getEvidenceRow,
  getReportRow,
  hasEvidenceFile,
  insertEvidence,
  insertRating,
  type ReportRow,
  ratingsOfGrant,
  reportPeople,
  reportsOfGrant,
  writeReport,
} from './repository.js';

// Monitoring reports (issue 11, decision 0024): the group writes each report of its grant's
// schedule section by section and sends it; an officer approves it or returns it with comments,
// and rates the grant. Approving the final report completes the grant and asks for the final
// payment, in one unit of work.

function today(ctx: ServiceContext): string {
  return londonToday(ctx.clock.now());
}

/** The grant as the access policy weighs staff work on it: its group, fund and who is conflicted. */
function caseOfGrant(q: Queryable, grant: GrantRow): CaseRef {
  return {
    organisationId: grant.organisationId,
    fundId: grant.fundId,
    conflictedUserIds: conflictedWith(q, grant.organisationId),
  };
}

/** The grant, if the actor may read it; anyone else is answered as for a grant that does not exist. */
function readableGrant(actor: Actor, q: Queryable, grantId: string): GrantRow {
  const grant = getGrantRow(q, grantId);
  if (!grant) throw notFound();
  authorize(actor, { action: 'grant.read', grant }, { hide: true });
  return grant;
}

/** The report and its grant, if the actor may read the grant (404 otherwise: nothing leaks). */
function readableReport(
  actor: Actor,
  q: Queryable,
  reportId: string,
): { report: ReportRow; grant: GrantRow } {
  const report = getReportRow(q, reportId);
  if (!report) throw notFound();
  const grant = getGrantRow(q, report.grantId);
  if (!grant) throw notFound();
  authorize(actor, { action: 'grant.read', grant }, { hide: true });
  return { report, grant };
}

const reportName = (report: { kind: ReportRow['kind'] }) => REPORT_KIND_LABELS[report.kind].toLowerCase();

/**
 * The report, for its group to change: 404 to outsiders, 403 to staff (they never write a group's
 * report), 409 naming the state once it is sent or approved, or when the grant is not in delivery.
 */
function reportToWrite(actor: Actor, q: Queryable, reportId: string): { report: ReportRow; grant: GrantRow } {
  const found = readableReport(actor, q, reportId);
  authorize(actor, { action: 'report.write', grant: found.grant });
  const refusal = reportChangeRefusal(found.report.status);
  if (refusal) throw invalidState(refusal);
  if (found.grant.status !== 'in_delivery') {
    throw invalidState(
      `This grant is ${GRANT_STATUS_LABELS[found.grant.status].toLowerCase()}, so its reports cannot be changed`,
    );
  }
  return found;
}

/** The report, for an officer standing apart from the group to decide: 404 to outsiders, 403 to other readers. */
function reportToReview(
  actor: Actor,
  q: Queryable,
  reportId: string,
): { report: ReportRow; grant: GrantRow } {
  const found = readableReport(actor, q, reportId);
  authorize(actor, { action: 'report.review', grant: caseOfGrant(q, found.grant) });
  return found;
}

function toSummary(report: ReportRow, day: string): ReportSummary {
  return {
    id: report.id,
    grantId: report.grantId,
    kind: report.kind,
    dueOn: report.dueOn,
    status: report.status,
    state: reportState(report, day),
    overdue: isReportOverdue(report, day),
    submittedAt: report.submittedAt,
    decidedAt: report.decidedAt,
  };
}

function budgetLinesOf(q: Queryable, bidId: string): { item: string; costPence: number }[] {
  const budget = bidAnswers(q, bidId, 'budget');
  const lines = Array.isArray(budget?.lines)
    ? (budget.lines as { item?: unknown; costPence?: unknown }[])
    : [];
  return lines.map((line) => ({
    item: typeof line.item === 'string' ? line.item : '',
    costPence: Number.isSafeInteger(line.costPence) ? (line.costPence as number) : 0,
  }));
}

function targetsOf(q: Queryable, bidId: string): OutcomeTargets | null {
  const outcomes = bidAnswers(q, bidId, 'outcomes');
  if (!outcomes) return null;
  const n = (key: string) => (typeof outcomes[key] === 'number' ? (outcomes[key] as number) : 0);
  return {
    participants: n('participants'),
    events: n('events'),
    volunteers: n('volunteers'),
    peopleMeeting: n('peopleMeeting'),
  };
}

/** What the figures suggest for the grant now (suggestedRating in @cf/shared). */
function suggestionFor(q: Queryable, grant: GrantRow, day: string): SuggestedRating {
  return suggestedRating({
    today: day,
    reports: reportsOfGrant(q, grant.id),
    budgetLines: budgetLinesOf(q, grant.bidId),
    targets: targetsOf(q, grant.bidId),
  });
}

function ratingsOf(q: Queryable, grantId: string): GrantRating[] {
  return ratingsOfGrant(q, grantId);
}

/** Staff see a grant's ratings; its group does not (the rating is the council's view of the grant). */
function seesRatings(actor: Actor): boolean {
  return can(actor, { action: 'grant.list_all' });
}

/** A grant's reports, with its rating for staff. */
export function grantReports(ctx: ServiceContext, grantId: string): GrantReports {
  const actor = requireActor(ctx.actor);
  const grant = readableGrant(actor, ctx.db, grantId);
  const day = today(ctx);
  const ratings = seesRatings(actor) ? ratingsOf(ctx.db, grant.id) : [];
  return {
    reports: reportsOfGrant(ctx.db, grant.id).map((r) => toSummary(r, day)),
    rating: ratings[0] ?? null,
    ratings,
  };
}

/** One report, as whoever asks may see it. */
export function reportDetail(ctx: ServiceContext, reportId: string): ReportDetail {
  const actor = requireActor(ctx.actor);
  const { report, grant } = readableReport(actor, ctx.db, reportId);
  const view = getGrantView(ctx.db, grant.id);
  if (!view) throw notFound();
  const day = today(ctx);
  const budget = budgetLinesOf(ctx.db, grant.bidId);
  const reviewer = can(actor, { action: 'report.review', grant: caseOfGrant(ctx.db, grant) });
  const ratings = seesRatings(actor) ? ratingsOf(ctx.db, grant.id) : [];
  const writer =
    can(actor, { action: 'report.write', grant }) &&
    reportChangeRefusal(report.status) === null &&
    grant.status === 'in_delivery';
  return {
    ...toSummary(report, day),
    grantStatus: grant.status,
    reference: view.reference,
    title: view.title,
    organisationName: view.organisationName,
    awardPence: view.awardPence,
    version: report.version,
    budgetLines: budget.map((line, index) => ({
      ...line,
      spentPence: report.spend?.lines[index]?.spentPence ?? null,
    })),
    targets: targetsOf(ctx.db, grant.bidId),
    progress: report.progress,
    spend: report.spend,
    outcomes: report.outcomes,
    story: report.story,
    missing: missingReportSections(report),
    evidence: evidenceList(ctx.db, report.id),
    updatedAt: report.updatedAt,
    ...reportPeople(ctx.db, report),
    returnComments: report.returnComments,
    suggestion: reviewer ? suggestionFor(ctx.db, grant, day) : null,
    rating: ratings[0] ?? null,
    permissions: {
      write: writer,
      decide: reviewer && reportDecisionRefusal(report.status) === null,
      rate: reviewer && (grant.status === 'in_delivery' || grant.status === 'completed'),
    },
  };
}

/**
 * A member saves one section of the report (whole: a saved section is answered). From an older
 * version: 409 naming who saved since. Bad answers: 400 field by field, nothing saved.
 */
export function saveReportSection(
  ctx: ServiceContext,
  reportId: string,
  section: ReportSectionKey,
  body: ReportSectionBody,
): ReportDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { report, grant } = reportToWrite(actor, tx, reportId);
    if (body.version !== report.version) {
      const who = reportPeople(tx, report).updatedByName ?? 'Someone in your group';
      throw conflict(
        `${who} saved this report after you opened it. Your changes have not been saved. Copy anything you want to keep, then reload the page to see their version.`,
        { version: 'This report has changed since you opened it' },
      );
    }
    const parsed = REPORT_SECTION_SCHEMAS[section].safeParse(body.data);
    if (!parsed.success) {
      throw badRequest('There is a problem with your answers', issuesToFields(parsed.error.issues));
    }
    const patch: Partial<ReportRow> = {};
    if (section === 'progress') patch.progress = (parsed.data as { progress: string }).progress;
    if (section === 'story') patch.story = (parsed.data as { story: string }).story;
    if (section === 'outcomes') patch.outcomes = parsed.data as ReportRow['outcomes'];
    if (section === 'spend') {
      const spend = parsed.data as NonNullable<ReportRow['spend']>;
      const lines = budgetLinesOf(tx, grant.bidId);
      if (spend.lines.length !== lines.length) {
        throw badRequest('There is a problem with your answers', {
          lines: `Enter what you have spent on each of the ${lines.length} lines of your budget`,
        });
      }
      patch.spend = spend;
    }
    const at = ctx.clock.now().toISOString();
    writeReport(tx, report.id, {
      ...patch,
      status: report.status === 'not_started' ? 'draft' : report.status,
      version: report.version + 1,
      updatedAt: at,
      updatedBy: actor.id,
    });
    ctx.audit(tx, {
      action: 'grant.report_saved',
      entityType: 'grant',
      entityId: grant.id,
      after: { reportId: report.id, kind: report.kind, section, version: report.version + 1 },
    });
  });
  return reportDetail(ctx, reportId);
}

// ─── Evidence ────────────────────────────────────────────────────────────────────────────────

/**
 * Whether the actor may add evidence to the report now. Asked before an upload is read, so nobody
 * can fill the disk with files for a report they cannot change.
 */
export function checkCanAddEvidence(ctx: ServiceContext, reportId: string): void {
  reportToWrite(requireActor(ctx.actor), ctx.db, reportId);
  checkEvidenceLimits(ctx.db, reportId);
}

/** The same limits as a bid's documents (limits.ts in @cf/shared): 409 on the file field. */
function checkEvidenceLimits(q: Queryable, reportId: string, adding?: number): void {
  const problem = documentLimitProblem(evidenceTotals(q, reportId), adding, 'report');
  if (problem) throw conflict(problem, { file: problem });
}

/** Records a stored upload as evidence on the report (checked again: it may have been sent meanwhile). */
export function addEvidence(
  ctx: ServiceContext,
  reportId: string,
  file: { filename: string; storedName: string; contentType: string; bytes: Buffer },
): ReportEvidence {
  const actor = requireActor(ctx.actor);
  const filename = cleanFilename(file.filename);
  const id = unitOfWork(ctx.db, (tx) => {
    const { report, grant } = reportToWrite(actor, tx, reportId);
    checkEvidenceLimits(tx, reportId, file.bytes.length);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    if (hasEvidenceFile(tx, reportId, sha256)) {
      const message = 'This file is on the report already';
      throw conflict(message, { file: message });
    }
    const evidenceId = insertEvidence(tx, {
      reportId,
      filename,
      storedName: file.storedName,
      contentType: file.contentType,
      sizeBytes: file.bytes.length,
      sha256,
      uploadedBy: actor.id,
      at: ctx.clock.now().toISOString(),
    });
    writeReport(tx, report.id, {
      status: report.status === 'not_started' ? 'draft' : report.status,
      updatedAt: ctx.clock.now().toISOString(),
      updatedBy: actor.id,
    });
    ctx.audit(tx, {
      action: 'grant.report_evidence_added',
      entityType: 'grant',
      entityId: grant.id,
      after: { reportId, kind: report.kind, evidenceId, filename, contentType: file.contentType },
    });
    return evidenceId;
  });
  const saved = evidenceList(ctx.db, reportId).find((e) => e.id === id);
  if (!saved) throw notFound('There is no such file');
  return saved;
}

/** Removes evidence while the report is the group's to change; returns the stored file's name to delete. */
export function removeEvidence(ctx: ServiceContext, reportId: string, evidenceId: string): string {
  const actor = requireActor(ctx.actor);
  return unitOfWork(ctx.db, (tx) => {
    const { report, grant } = reportToWrite(actor, tx, reportId);
    const file = getEvidenceRow(tx, reportId, evidenceId);
    if (!file) throw notFound('There is no such file');
    deleteEvidence(tx, file.id);
    ctx.audit(tx, {
      action: 'grant.report_evidence_removed',
      entityType: 'grant',
      entityId: grant.id,
      before: { reportId, kind: report.kind, evidenceId: file.id, filename: file.filename },
    });
    return file.storedName;
  });
}

/** Evidence on a report the actor may see. */
export function evidenceToDownload(ctx: ServiceContext, reportId: string, evidenceId: string) {
  readableReport(requireActor(ctx.actor), ctx.db, reportId);
  const file = getEvidenceRow(ctx.db, reportId, evidenceId);
  if (!file) throw notFound('There is no such file');
  return file;
}

// ─── Sending and deciding ────────────────────────────────────────────────────────────────────

/** A member sends the report: every section answered (400 naming each one missing). */
export function sendReport(ctx: ServiceContext, reportId: string): ReportDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { report, grant } = reportToWrite(actor, tx, reportId);
    const missing = missingReportSections(report);
    if (missing.length > 0) {
      const fields: Record<string, string> = {};
      for (const key of missing) fields[key] = `Answer the “${REPORT_SECTIONS[key].title}” section`;
      throw badRequest(
        `Answer every section before you send the report: ${missing.map((k) => REPORT_SECTIONS[k].title).join(', ')}`,
        fields,
      );
    }
    const at = ctx.clock.now().toISOString();
    writeReport(tx, report.id, {
      status: 'submitted',
      submittedAt: at,
      submittedBy: actor.id,
      updatedAt: at,
    });
    ctx.audit(tx, {
      action: 'grant.report_submitted',
      entityType: 'grant',
      entityId: grant.id,
      before: { status: report.status },
      after: { reportId: report.id, kind: report.kind, status: 'submitted' },
    });
  });
  return reportDetail(ctx, reportId);
}

function grantLink(ctx: ServiceContext, grant: GrantRow) {
  const view = getGrantView(ctx.db, grant.id);
  return {
    reference: view?.reference ?? null,
    title: view?.title ?? null,
    link: `${ctx.publicUrl}/grants/${grant.id}`,
  };
}

/** An officer returns a sent report to the group with comments (required); the group is emailed. */
export function returnReport(ctx: ServiceContext, reportId: string, body: ReturnReportBody): ReportDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { report, grant } = reportToReview(actor, tx, reportId);
    const refusal = reportDecisionRefusal(report.status);
    if (refusal) throw invalidState(refusal);
    const comments = body.comments.trim();
    const at = ctx.clock.now().toISOString();
    writeReport(tx, report.id, {
      status: 'returned',
      decidedAt: at,
      decidedBy: actor.id,
      returnComments: comments,
      updatedAt: at,
    });
    ctx.audit(tx, {
      action: 'grant.report_returned',
      entityType: 'grant',
      entityId: grant.id,
      before: { status: report.status },
      after: { reportId: report.id, kind: report.kind, status: 'returned' },
      reason: comments,
    });
    const ref = grantLink(ctx, grant);
    mailGroup(ctx, tx, grant.organisationId, (to) =>
      mailTemplates.reportReturned(to, {
        ...ref,
        link: `${ctx.publicUrl}/reports/${report.id}`,
        report: reportName(report),
        comments,
      }),
    );
  });
  return reportDetail(ctx, reportId);
}

/**
 * An officer approves a sent report. The final report also completes the grant (`moveGrant`) and
 * asks for the final payment (each `final_report` instalment not asked for yet, through the
 * payments module, by this officer, so a different finance user approves it), all in one unit of
 * work: if the payment cannot be asked for, nothing is approved (409 saying why).
 */
export function approveReport(ctx: ServiceContext, reportId: string): ReportDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { report, grant } = reportToReview(actor, tx, reportId);
    const refusal = reportDecisionRefusal(report.status);
    if (refusal) throw invalidState(refusal);
    const at = ctx.clock.now().toISOString();
    writeReport(tx, report.id, { status: 'approved', decidedAt: at, decidedBy: actor.id, updatedAt: at });
    ctx.audit(tx, {
      action: 'grant.report_approved',
      entityType: 'grant',
      entityId: grant.id,
      before: { status: report.status },
      after: { reportId: report.id, kind: report.kind, status: 'approved' },
    });
    let finalPence = 0;
    if (report.kind === 'final') {
      const due = instalmentsOf(tx, grant.id).filter((i) => i.trigger === 'final_report');
      if (due.length > 0 && livePaymentsFor(tx, grant.id, 'final_report') === 0) {
        for (const instalment of due) {
          try {
            requestPaymentIn(ctx, tx, grant.id, {
              amountPence: instalment.amountPence,
              trigger: 'final_report',
            });
          } catch (error) {
            if (error instanceof DomainError && error.code !== 'forbidden' && error.code !== 'not_found') {
              throw invalidState(
                `The final report cannot be approved yet, because approving it asks for the final payment, which cannot be asked for: ${error.message}`,
              );
            }
            throw error;
          }
          finalPence += instalment.amountPence;
        }
      }
      moveGrant(ctx, tx, grant, 'complete', { reason: 'The final report was approved' });
    }
    const ref = grantLink(ctx, grant);
    mailGroup(ctx, tx, grant.organisationId, (to) =>
      mailTemplates.reportApproved(to, {
        ...ref,
        link: `${ctx.publicUrl}/reports/${report.id}`,
        report: reportName(report),
        final: report.kind === 'final',
        finalPayment: finalPence > 0 ? formatPence(finalPence) : null,
      }),
    );
  });
  return reportDetail(ctx, reportId);
}

/**
 * An officer rates the grant red, amber or green, beside the suggestion the figures make now; a
 * reason is required when they differ (400). Ratings are a history: each is a new row.
 */
export function rateGrant(ctx: ServiceContext, grantId: string, input: RateGrantBody): GrantReports {
  const actor = requireActor(ctx.actor);
  const body = RateGrantBody.parse(input);
  unitOfWork(ctx.db, (tx) => {
    const grant = readableGrant(actor, tx, grantId);
    authorize(actor, { action: 'report.review', grant: caseOfGrant(tx, grant) });
    if (grant.status !== 'in_delivery' && grant.status !== 'completed') {
      throw invalidState(
        `This grant is ${GRANT_STATUS_LABELS[grant.status].toLowerCase()}, so it is not rated: grants are rated while they are delivered`,
      );
    }
    if (body.reportId !== null) {
      const report = getReportRow(tx, body.reportId);
      if (!report || report.grantId !== grant.id) {
        throw badRequest('There is a problem with the rating', {
          reportId: 'There is no such report on this grant',
        });
      }
    }
    const suggestion = suggestionFor(tx, grant, today(ctx));
    const problems = ratingProblems(body, suggestion.rating);
    if (Object.keys(problems).length > 0) throw badRequest('There is a problem with the rating', problems);
    const reason = body.reason.trim() === '' ? null : body.reason.trim();
    insertRating(tx, {
      grantId: grant.id,
      reportId: body.reportId,
      rating: body.rating,
      suggestedRating: suggestion.rating,
      reason,
      ratedBy: actor.id,
      ratedAt: ctx.clock.now().toISOString(),
    });
    ctx.audit(tx, {
      action: 'grant.rated',
      entityType: 'grant',
      entityId: grant.id,
      after: { rating: body.rating, suggestedRating: suggestion.rating, reportId: body.reportId },
      reason,
    });
  });
  return grantReports(ctx, grantId);
}
