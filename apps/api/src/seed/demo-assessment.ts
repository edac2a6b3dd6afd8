import { createHash, randomUUID } from 'node:crypto';
import {
  type AttachmentKind,
  type AuditAction,
  type AuditEntityType,
  BID_MOVE_AUDIT,
  type BidAction,
  defaultSchedule,
  type EligibilityAnswers,
  formatDate,
  formatPence,
  isoToLondonLocal,
  type Recommendation,
  reportingSchedule,
  requiredAttachmentKinds,
  type SectionDataMap,
  type SectionKey,
  sectionSchema,
  weightedTotal,
} from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import {
  assessorConflicts,
  assignments,
  attachments,
  type auditEvents,
  awards,
  bidSections,
  bidSectionVersions,
  bids,
  decisions,
  fundCriteria,
  funds,
  grantConditions,
  grantInstalments,
  grantReports,
  grants,
  moderationNotes,
  needs,
  panels,
  priorities,
  scoreSets,
  scores,
  screenings,
  wards,
} from '../db/schema/index.js';
import { recordAudit } from '../modules/audit/repository.js';
import { nextReference } from '../modules/bids/repository.js';
import { demoPdf, type StoreFile } from './demo-bids.js';
import {
  DEMO_AWARDS,
  DEMO_IN_PLAY,
  DEMO_PANELS,
  DEMO_YOUTH_IN_PLAY,
  type DemoInPlay,
  type DemoProject,
} from './demo-projects.js';

/** What mid-2019 looked like (PRODUCT.md sections 1 and 9): checked when the demo is written. */
export const DEMO_AWARDS_TOTAL_PENCE = 21_500_000;
export const DEMO_AWARDS_COUNT = 19;

const DAY = 86_400_000;

const DOCUMENT_NAMES: Record<AttachmentKind, string> = {
  governing_document: 'Governing document.pdf',
  accounts: 'Latest accounts.pdf',
  safeguarding_policy: 'Safeguarding policy.pdf',
  other: 'Letter of support.pdf',
};

/** Ways three assessors' scores stray from a bid's profile on one criterion: never more than 2 apart. */
const AGREEING = [
  [0, 0, 0],
  [1, 0, 0],
  [0, -1, 0],
  [0, 1, -1],
  [-1, 0, 1],
  [0, 0, 1],
  [1, 1, 0],
] as const;

const OVERALL: Record<Recommendation, string> = {
  fund: 'A strong bid that meets the fund’s aims, from a group that can deliver it. Recommend funding in full.',
  fund_partially: 'A good project, but some costs are not fully justified. Recommend funding in part.',
  do_not_fund: 'The aims are good, but I am not convinced the plan can be delivered as it stands.',
};

type Rows = {
  bids: (typeof bids.$inferInsert)[];
  sections: (typeof bidSections.$inferInsert)[];
  versions: (typeof bidSectionVersions.$inferInsert)[];
  attachments: (typeof attachments.$inferInsert)[];
  screenings: (typeof screenings.$inferInsert)[];
  assignments: (typeof assignments.$inferInsert)[];
  conflicts: (typeof assessorConflicts.$inferInsert)[];
  scoreSets: (typeof scoreSets.$inferInsert)[];
  scores: (typeof scores.$inferInsert)[];
  notes: (typeof moderationNotes.$inferInsert)[];
  panels: (typeof panels.$inferInsert)[];
  decisions: (typeof decisions.$inferInsert)[];
  awards: (typeof awards.$inferInsert)[];
  grants: (typeof grants.$inferInsert)[];
  instalments: (typeof grantInstalments.$inferInsert)[];
  reports: (typeof grantReports.$inferInsert)[];
  conditions: (typeof grantConditions.$inferInsert)[];
  audit: DemoAuditEvent[];
};

/** The last Sunday of a month (1–12) of a year, as YYYY-MM-DD. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

const summerTime = new Map<number, [string, string]>();

/**
 * A London wall-clock date and time in the working day (not the small hours, when clocks change) as
 * a UTC instant. British Summer Time runs from the last Sunday of March to the last Sunday of
 * October; worked out here rather than through Intl, which is slow enough to matter for a few
 * hundred demo timestamps. The demo test checks it against the shared londonLocalToIso.
 */
export function london(date: string, time: string): string {
  const year = Number(date.slice(0, 4));
  let bst = summerTime.get(year);
  if (!bst) {
    bst = [lastSunday(year, 3), lastSunday(year, 10)];
    summerTime.set(year, bst);
  }
  const offsetHours = date >= bst[0] && date < bst[1] ? 1 : 0;
  return new Date(Date.parse(`${date}T${time}:00Z`) - offsetHours * 3_600_000).toISOString();
}

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function londonDate(instant: Date): string {
  return isoToLondonLocal(instant.toISOString()).slice(0, 10);
}

function chunks<T>(rows: T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function requestedPence(project: DemoProject): number {
  return project.lines.reduce((total, [, , cost]) => total + cost, 0);
}

export interface DemoAssessmentIds {
  fundId: string;
  youthFundId: string;
  users: Record<string, string>;
  organisations: Record<string, string>;
}

/**
 * The Communities Fund as the council reported it in mid-2019, and what is going on in it now
 * (PRODUCT.md section 9; issue 4, item 9): 19 awarded bids from 2019 with their screenings, three
 * submitted score sets each, two panels and their decisions and awards; and current bids that are
 * eligible, being assessed (with a draft score set and an assessor still to declare), and scored
 * with assessors who disagree, one of them after a declared conflict of interest.
 *
 * Every row is collected first and written in a few bulk inserts, so the demo stays quick to seed
 * (the API tests build one per test file).
 */
export function seedDemoAssessment(
  q: Queryable,
  now: Date,
  ids: DemoAssessmentIds,
  storeFile: StoreFile,
): DemoAuditEvent[] {
  /** A fund and its criteria, in order: what bids are sent to and scored against. */
  const target = (fundId: string, what: string) => {
    const row = q.select().from(funds).where(eq(funds.id, fundId)).get();
    if (!row) throw new Error(`The ${what} is missing`);
    const rules = q
      .select()
      .from(fundCriteria)
      .where(eq(fundCriteria.fundId, row.id))
      .orderBy(asc(fundCriteria.position))
      .all();
    return { fund: row, criteria: rules };
  };
  const communities = target(ids.fundId, 'Communities Fund');
  const youthFund = target(ids.youthFundId, 'Youth Fund');
  type Target = typeof communities;
  const { fund } = communities;
  const fundConditions = fund.standardConditions;
  const byName = <T extends { id: string }>(list: T[], key: (row: T) => string) =>
    new Map(list.map((row) => [key(row), row.id]));
  const priorityIds = byName(q.select().from(priorities).all(), (p) => p.name);
  const wardIds = byName(q.select().from(wards).all(), (w) => w.name);
  const needIds = byName(q.select({ id: needs.id, title: needs.title }).from(needs).all(), (n) => n.title);
  const lookup = (map: Map<string, string> | Record<string, string>, key: string, what: string) => {
    const id = map instanceof Map ? map.get(key) : map[key];
    if (!id) throw new Error(`Demo data refers to an unknown ${what}: ${key}`);
    return id;
  };
  const user = (email: string) => lookup(ids.users, email, 'user');
  const officer = user('officer@demo.test');
  const assessors = [user('assessor@demo.test'), user('assessor2@demo.test'), user('assessor3@demo.test')];
  const officer2 = user('officer2@demo.test');
  const tomas = user('applicant2@demo.test');
  const members: Record<string, string> = { 'Basketball Club Vytis': tomas };

  const rows: Rows = {
    bids: [],
    sections: [],
    versions: [],
    attachments: [],
    screenings: [],
    assignments: [],
    conflicts: [],
    scoreSets: [],
    scores: [],
    notes: [],
    panels: [],
    decisions: [],
    awards: [],
    grants: [],
    reports: [],
    instalments: [],
    conditions: [],
    audit: [],
  };

  const audit = (
    entityId: string,
    actorId: string | null,
    action: AuditAction,
    at: string,
    extra: { before?: unknown; after?: unknown; reason?: string | null; entityType?: AuditEntityType } = {},
  ) => {
    rows.audit.push({
      actorId,
      action,
      entityType: extra.entityType ?? 'bid',
      entityId,
      before: extra.before ?? null,
      after: extra.after ?? null,
      reason: extra.reason ?? null,
      at,
    });
  };
  const move = (
    bidId: string,
    actorId: string | null,
    action: BidAction,
    from: string,
    to: string,
    at: string,
  ) => audit(bidId, actorId, BID_MOVE_AUDIT[action], at, { before: { status: from }, after: { status: to } });

  /** Every section of the bid, through the same schemas as the API: demo data is valid data. */
  const sectionData = (p: DemoProject, startDate: string): SectionDataMap => {
    const endDate = shiftDate(addMonths(startDate, p.months), -1);
    const midDate = shiftDate(startDate, Math.floor((Date.parse(endDate) - Date.parse(startDate)) / DAY / 2));
    const main = lookup(priorityIds, p.priority, 'priority');
    return {
      about: { title: p.title, summary: p.summary, description: `${p.summary} ${p.detail}` },
      beneficiaries: {
        wardIds: p.wards.map((w) => lookup(wardIds, w, 'ward')),
        communities: p.communities,
      },
      priorities: {
        mainPriorityId: main,
        otherPriorityIds: p.otherPriorities.map((name) => lookup(priorityIds, name, 'priority')),
      },
      bringing_together: { how: p.how },
      evidence: { evidence: p.evidence, needIds: p.needs.map((title) => lookup(needIds, title, 'need')) },
      timetable: {
        startDate,
        endDate,
        milestones: [
          { date: startDate, description: 'First session and launch event' },
          { date: midDate, description: 'Mid-point review with participants' },
          { date: endDate, description: 'Celebration event and final report' },
        ],
      },
      budget: {
        lines: p.lines.map(([item, category, costPence]) => ({ item, category, costPence })),
        otherFunding: p.otherFunding,
      },
      outcomes: p.outcomes,
      risks: {
        risks: [
          p.risk,
          {
            risk: 'A key volunteer leaves',
            mitigation: 'Two volunteers share each role and we keep simple written guides.',
          },
        ],
      },
      declarations: {
        accurate: true,
        useForProject: true,
        monitoring: true,
        dataProtection: true,
        name: p.signatory.name,
        position: p.signatory.position,
      },
    };
  };

  /** A bid sent complete with its documents: the row, its sections, its documents, started and sent. */
  const sentBid = (
    p: DemoProject,
    at: { started: string; sent: string; startDate: string },
    status: 'eligible' | 'in_assessment' | 'scored' | 'awarded',
    updatedAt: string,
    keyedFrom: string,
    to: Target = communities,
  ): string => {
    const bidId = randomUUID();
    const organisationId = lookup(ids.organisations, p.organisation, 'group');
    const member = members[p.organisation];
    const author = member ?? officer;
    const eligibility: EligibilityAnswers = p.atRisk
      ? { ...ELIGIBLE, worksWithAtRisk: 'yes', safeguardingPolicy: 'yes' }
      : ELIGIBLE;
    const reference = nextReference(q, to.fund.id, to.fund.code, new Date(at.sent));
    rows.bids.push({
      id: bidId,
      fundId: to.fund.id,
      organisationId,
      reference,
      status,
      title: p.title,
      amountRequestedPence: requestedPence(p),
      eligibility,
      createdBy: author,
      createdAt: at.started,
      updatedAt,
      submittedAt: at.sent,
    });
    const savedAt = new Date(Date.parse(at.sent) - 2 * DAY).toISOString();
    for (const [key, data] of Object.entries(sectionData(p, at.startDate)) as [SectionKey, unknown][]) {
      const parsed = sectionSchema(key).parse(data) as Record<string, unknown>;
      rows.sections.push({
        bidId,
        section: key,
        data: parsed,
        complete: true,
        version: 1,
        updatedBy: author,
        updatedAt: savedAt,
      });
      rows.versions.push({ bidId, section: key, version: 1, data: parsed, savedBy: author, savedAt });
    }
    const uploadedAt = new Date(Date.parse(at.sent) - DAY).toISOString();
    for (const kind of requiredAttachmentKinds(eligibility)) {
      const filename = DOCUMENT_NAMES[kind];
      const bytes = demoPdf(`${p.organisation}: ${filename.replace('.pdf', '')} (demo document)`);
      rows.attachments.push({
        bidId,
        kind,
        filename,
        storedName: storeFile(bytes),
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploadedBy: author,
        uploadedAt,
      });
    }
    audit(bidId, author, 'bid.started', at.started, {
      after: { status: 'draft' },
      reason: member ? null : `Entered by the grants team from the group’s ${keyedFrom}`,
    });
    audit(bidId, author, 'bid.submitted', at.sent, {
      before: { status: 'draft' },
      after: { status: 'submitted', reference },
    });
    return bidId;
  };

  const screen = (bidId: string, at: string) => {
    rows.screenings.push({
      bidId,
      decision: 'eligible',
      documentsValid: true,
      groupVerified: true,
      reason: null,
      screenedBy: officer,
      screenedAt: at,
    });
    move(bidId, officer, 'mark_eligible', 'submitted', 'eligible', at);
  };

  /** Assigns an assessor (the first assignment starts the assessment) and returns the assignment's id. */
  const assign = (
    bidId: string,
    assessorId: string,
    at: string,
    first: boolean,
    declared?: { at: string; conflict?: string },
  ): string => {
    const id = randomUUID();
    rows.assignments.push({
      id,
      bidId,
      assessorId,
      status: declared ? (declared.conflict ? 'conflict' : 'scoring') : 'awaiting_declaration',
      assignedBy: officer,
      assignedAt: at,
      declaredAt: declared?.at ?? null,
      conflictNature: declared?.conflict ?? null,
    });
    audit(bidId, officer, 'assessment.assigned', at, { after: { assessorId } });
    if (first) move(bidId, officer, 'start_assessment', 'eligible', 'in_assessment', at);
    if (declared && !declared.conflict)
      audit(bidId, assessorId, 'assessment.no_conflict_declared', declared.at);
    return id;
  };

  /** One assessor's scores on the six criteria: the bid's profile, give or take, unless they disagreed. */
  const scoresOf = (p: DemoProject, seed: number, k: number): number[] =>
    p.profile.map((base, c) => {
      if (p.disagreement?.criterion === c) return p.disagreement.scores[k] ?? base;
      const delta = AGREEING[(seed + c + Math.floor(seed / AGREEING.length)) % AGREEING.length]?.[k] ?? 0;
      return Math.min(5, Math.max(0, base + delta));
    });

  /** A score set: submitted (every criterion scored and commented) or a draft with some scores. */
  const scoreSet = (
    assignmentId: string,
    bidId: string,
    assessorId: string,
    marks: (number | null)[],
    at: string,
    submitted: boolean,
    { criteria }: Target = communities,
  ) => {
    const id = randomUUID();
    const entries = criteria.map((criterion, c) => ({ criterionId: criterion.id, score: marks[c] ?? null }));
    const total = weightedTotal(criteria, entries);
    const recommendation: Recommendation | null = submitted
      ? total >= 70
        ? 'fund'
        : total >= 50
          ? 'fund_partially'
          : 'do_not_fund'
      : null;
    rows.scoreSets.push({
      id,
      assignmentId,
      bidId,
      assessorId,
      status: submitted ? 'submitted' : 'draft',
      recommendation,
      overallComment: recommendation ? OVERALL[recommendation] : null,
      version: 1,
      updatedAt: at,
      submittedAt: submitted ? at : null,
    });
    criteria.forEach((criterion, c) => {
      const score = marks[c];
      if (score === null || score === undefined) return;
      rows.scores.push({
        scoreSetId: id,
        criterionId: criterion.id,
        score,
        comment: criterion.guidance[score] ?? null,
      });
    });
    if (submitted) {
      const assignment = rows.assignments.find((a) => a.id === assignmentId);
      if (assignment) assignment.status = 'submitted';
      audit(bidId, assessorId, 'assessment.scores_submitted', at, { after: { assignmentId } });
    }
  };

  // ─── 2019: the 19 awards ─────────────────────────────────────────────────────────────────────

  const panelIds = { 1: randomUUID(), 2: randomUUID() } as const;
  const decided: { panel: 1 | 2; reference: string; line: string }[] = [];
  const awarded = [...DEMO_AWARDS].sort((a, b) => a.sentOn.localeCompare(b.sentOn));
  awarded.forEach((a, seed) => {
    const panel = DEMO_PANELS[a.panel];
    const decidedAt = london(panel.date, panel.time);
    const screenedOn = shiftDate(a.sentOn, 6);
    const bidId = sentBid(
      a,
      {
        started: london(shiftDate(a.sentOn, -18), '10:00'),
        sent: london(a.sentOn, '14:30'),
        startDate: shiftDate(panel.date, 12),
      },
      'awarded',
      decidedAt,
      '2019 paper bid form',
    );
    screen(bidId, london(screenedOn, '11:00'));
    const assignedAt = london(shiftDate(screenedOn, 1), '09:30');
    let lastScored = '';
    assessors.forEach((assessorId, k) => {
      const assignmentId = assign(bidId, assessorId, assignedAt, k === 0, {
        at: london(shiftDate(screenedOn, 2 + k), '10:00'),
      });
      lastScored = london(shiftDate(screenedOn, 8 + 3 * k), '18:00');
      scoreSet(assignmentId, bidId, assessorId, scoresOf(a, seed, k), lastScored, true);
    });
    move(bidId, null, 'complete_scoring', 'in_assessment', 'scored', lastScored);
    const reference = rows.bids.find((b) => b.id === bidId)?.reference ?? '';
    if (a.disagreement?.note) {
      const at = london(panel.date, '10:30');
      rows.notes.push({ bidId, note: a.disagreement.note, createdBy: officer, createdAt: at });
      audit(bidId, officer, 'assessment.moderation_note', at, { reason: a.disagreement.note });
    }
    const decisionId = randomUUID();
    const requested = requestedPence(a);
    rows.decisions.push({
      id: decisionId,
      bidId,
      fundId: fund.id,
      panelId: panelIds[a.panel],
      outcome: 'award',
      amountPence: a.awardPence,
      reason: a.partialReason ?? null,
      decidedBy: officer,
      decidedAt,
    });
    const awardId = randomUUID();
    rows.awards.push({
      id: awardId,
      bidId,
      fundId: fund.id,
      decisionId,
      amountPence: a.awardPence,
      awardedAt: decidedAt,
    });
    // Each award is a grant offered to the group, counted where its answers place it.
    const answers = (section: string) =>
      rows.sections.find((x) => x.bidId === bidId && x.section === section)?.data;
    const grantId = randomUUID();
    rows.grants.push({
      id: grantId,
      awardId,
      bidId,
      fundId: fund.id,
      organisationId: rows.bids.find((b) => b.id === bidId)?.organisationId ?? '',
      status: 'offered',
      mainPriorityId: String(answers('priorities')?.mainPriorityId ?? '') || null,
      wardIds: (answers('beneficiaries')?.wardIds as string[] | undefined) ?? [],
      purpose: String(answers('about')?.summary ?? ''),
      createdAt: decidedAt,
      updatedAt: decidedAt,
    });
    // Its offer is a draft for the officer to check and issue: the default schedule, the fund's conditions.
    defaultSchedule(a.awardPence).forEach((instalment, index) => {
      rows.instalments.push({ grantId, position: index + 1, ...instalment });
    });
    fundConditions.forEach((condition, index) => {
      rows.conditions.push({ grantId, position: index + 1, standard: true, ...condition });
    });
    // The reports it owes, from its delivery dates, as grantFromAward makes them (decision 0024).
    const timetable = answers('timetable') as { startDate: string; endDate: string } | undefined;
    if (timetable) {
      for (const report of reportingSchedule(a.awardPence, timetable)) {
        rows.reports.push({ grantId, ...report, status: 'not_started', updatedAt: decidedAt });
      }
    }
    audit(grantId, officer, 'grant.offered', decidedAt, {
      entityType: 'grant',
      after: { status: 'offered', bidId, awardId, amountPence: a.awardPence },
    });
    audit(bidId, officer, 'bid.awarded', decidedAt, {
      before: { status: 'scored' },
      after: { status: 'awarded', amountPence: a.awardPence, decisionId, panelId: panelIds[a.panel] },
      reason: a.partialReason ?? null,
    });
    decided.push({
      panel: a.panel,
      reference,
      line:
        a.awardPence < requested
          ? `${reference} ${a.organisation}, “${a.title}”: ${formatPence(a.awardPence)} of ${formatPence(requested)} asked for. ${a.partialReason}`
          : `${reference} ${a.organisation}, “${a.title}”: ${formatPence(a.awardPence)}, in full.`,
    });
  });

  for (const number of [1, 2] as const) {
    const panel = DEMO_PANELS[number];
    const these = decided.filter((d) => d.panel === number);
    const at = london(panel.date, panel.time);
    const total = awarded.filter((a) => a.panel === number).reduce((sum, a) => sum + a.awardPence, 0);
    const flagged = awarded.filter((a) => a.panel === number && a.disagreement);
    rows.panels.push({
      id: panelIds[number],
      fundId: fund.id,
      panelDate: panel.date,
      minutes: [
        `Communities Fund panel, ${formatDate(panel.date)}.`,
        'Present: Cllr Margaret Ellis (chair), Daniel Okafor and Priya Sharma (assessors); Sarah Whitfield (grants officer, minutes).',
        `The panel considered ${these.length} scored bids and awarded all of them, ${formatPence(total)} in total.`,
        ...(flagged.length > 0
          ? [
              `Moderation: the assessors’ scores differed by more than ${fund.moderationThreshold} points on ${flagged.map((a) => a.title).join(' and ')}; see the moderation notes.`,
            ]
          : []),
        '',
        'Awards:',
        ...these.map((d) => `- ${d.line}`),
      ].join('\n'),
      createdBy: officer,
      createdAt: at,
    });
    // The panel is recorded just before its decisions.
    audit(fund.id, officer, 'panel.held', new Date(Date.parse(at) - 1000).toISOString(), {
      entityType: 'fund',
      after: { panelId: panelIds[number], panelDate: panel.date, decisions: these.length },
    });
  }

  // ─── Now: bids still going through the fund ──────────────────────────────────────────────────

  const today = londonDate(now);
  const ago = (days: number, hour = 10) =>
    london(shiftDate(today, -days), `${String(hour).padStart(2, '0')}:00`);
  const startDate = shiftDate(today, 45);
  const inPlay = (p: DemoInPlay, updatedAt: string) =>
    sentBid(
      p,
      { started: ago(p.sentDaysAgo + 14), sent: ago(p.sentDaysAgo, 15), startDate },
      p.stage,
      updatedAt,
      'emailed bid form',
    );
  const [assessor1, assessor2, assessor3] = assessors as [string, string, string];
  // In the order they were sent, so their references count up with time.
  const current = [...DEMO_IN_PLAY].sort((a, b) => b.sentDaysAgo - a.sentDaysAgo);
  const beingAssessed = current.filter((p) => p.stage === 'in_assessment');

  current.forEach((p, index) => {
    const seed = DEMO_AWARDS.length + index;
    const d = p.sentDaysAgo;
    const screenedAt = ago(d - 4, 11);
    const assignedAt = ago(d - 5, 9);
    if (p.stage === 'eligible') {
      screen(inPlay(p, screenedAt), screenedAt);
      return;
    }
    if (p.stage === 'in_assessment') {
      const bidId = inPlay(p, assignedAt);
      screen(bidId, screenedAt);
      // One assessor has declared no conflict and saved half their scores; another has still to declare.
      const first = p === beingAssessed[0];
      const scorer = first ? assessor1 : assessor2;
      const scoring = assign(bidId, scorer, assignedAt, true, { at: ago(d - 8) });
      const marks = scoresOf(p, seed, 0).map((m, c) => (c < 3 ? m : null));
      scoreSet(scoring, bidId, scorer, marks, ago(2, 20), false);
      assign(bidId, first ? assessor2 : assessor3, assignedAt, false);
      if (first) {
        // The third has already submitted theirs.
        const done = assign(bidId, assessor3, assignedAt, false, { at: ago(d - 7) });
        scoreSet(done, bidId, assessor3, scoresOf(p, seed, 2), ago(10, 18), true);
      }
      return;
    }
    // Scored and waiting for the panel, the assessors far apart on one criterion. On one bid an
    // assessor declared a conflict of interest and the officer who also assesses took their place.
    const conflicted = p.organisation === 'Dogsthorpe Community Radio CIC';
    const scorers = conflicted ? [assessor1, officer2, assessor3] : [assessor1, assessor2, assessor3];
    const lastScored = ago(d - 18, 18);
    const bidId = inPlay(p, lastScored);
    screen(bidId, screenedAt);
    if (conflicted) {
      const nature =
        'I volunteer as a presenter at Dogsthorpe Community Radio, and a member of my family is one of its directors.';
      const declaredAt = ago(d - 6, 12);
      const organisationId = lookup(ids.organisations, p.organisation, 'group');
      assign(bidId, assessor2, assignedAt, true, { at: declaredAt, conflict: nature });
      rows.conflicts.push({ assessorId: assessor2, organisationId, nature, declaredAt, bidId });
      audit(bidId, assessor2, 'assessment.conflict_declared', declaredAt, {
        after: { assessorId: assessor2 },
        reason: nature,
      });
    }
    scorers.forEach((assessorId, k) => {
      const replacement = conflicted && assessorId === officer2;
      const assignmentId = assign(
        bidId,
        assessorId,
        replacement ? ago(d - 7, 9) : assignedAt,
        k === 0 && !conflicted,
        {
          at: ago(d - (replacement ? 8 : 6 + k)),
        },
      );
      const at = k === 2 ? lastScored : ago(d - 12 - 3 * k, 18);
      scoreSet(assignmentId, bidId, assessorId, scoresOf(p, seed, k), at, true);
    });
    move(bidId, null, 'complete_scoring', 'in_assessment', 'scored', lastScored);
  });

  // ─── The Youth Fund: its bids with the Youth Commissioners (issue 9, item 21) ─────────────────

  const commissioners = ['youth@demo.test', 'youth2@demo.test', 'youth3@demo.test', 'youth4@demo.test'].map(
    user,
  ) as [string, string, string, string];
  const [zara, kai, maya, ibrahim] = commissioners;
  const youthBids = [...DEMO_YOUTH_IN_PLAY].sort((a, b) => b.sentDaysAgo - a.sentDaysAgo);
  youthBids.forEach((p, index) => {
    const d = p.sentDaysAgo;
    const screenedAt = ago(d - 3, 11);
    const assignedAt = ago(d - 4, 9);
    const bidId = sentBid(
      p,
      { started: ago(d + 10), sent: ago(d, 15), startDate },
      'in_assessment',
      assignedAt,
      'emailed bid form',
      youthFund,
    );
    screen(bidId, screenedAt);
    if (index === 0) {
      // Zara has submitted; Kai has saved half his scores; Maya has still to declare.
      const done = assign(bidId, zara, assignedAt, true, { at: ago(d - 5) });
      scoreSet(done, bidId, zara, scoresOf(p, index, 0), ago(d - 8, 18), true, youthFund);
      const half = assign(bidId, kai, assignedAt, false, { at: ago(d - 6) });
      const marks = scoresOf(p, index, 1).map((m, c) => (c < 3 ? m : null));
      scoreSet(half, bidId, kai, marks, ago(3, 19), false, youthFund);
      assign(bidId, maya, assignedAt, false);
      return;
    }
    // Newer: all three commissioners still to declare.
    assign(bidId, kai, assignedAt, true);
    assign(bidId, maya, assignedAt, false);
    assign(bidId, ibrahim, assignedAt, false);
  });

  checkAwards(rows, fund.capPence);

  // ─── Written in bulk, parents before children ─────────────────────────────────────────────────

  for (const part of chunks(rows.bids)) q.insert(bids).values(part).run();
  for (const part of chunks(rows.sections)) q.insert(bidSections).values(part).run();
  for (const part of chunks(rows.versions)) q.insert(bidSectionVersions).values(part).run();
  for (const part of chunks(rows.attachments)) q.insert(attachments).values(part).run();
  for (const part of chunks(rows.screenings)) q.insert(screenings).values(part).run();
  for (const part of chunks(rows.assignments)) q.insert(assignments).values(part).run();
  for (const part of chunks(rows.conflicts)) q.insert(assessorConflicts).values(part).run();
  for (const part of chunks(rows.scoreSets)) q.insert(scoreSets).values(part).run();
  for (const part of chunks(rows.scores)) q.insert(scores).values(part).run();
  for (const part of chunks(rows.notes)) q.insert(moderationNotes).values(part).run();
  for (const part of chunks(rows.panels)) q.insert(panels).values(part).run();
  for (const part of chunks(rows.decisions)) q.insert(decisions).values(part).run();
  // The database itself checks each award against the pot and the amount asked for.
  for (const part of chunks(rows.awards)) q.insert(awards).values(part).run();
  for (const part of chunks(rows.grants)) q.insert(grants).values(part).run();
  for (const part of chunks(rows.instalments)) q.insert(grantInstalments).values(part).run();
  for (const part of chunks(rows.conditions)) q.insert(grantConditions).values(part).run();
  for (const part of chunks(rows.reports)) q.insert(grantReports).values(part).run();
  // The audit trail is written by the caller, with what the seeds after this one add (demo-money.ts).
  return rows.audit;
}

/** An audit event of the demo, with the time it happened. */
export type DemoAuditEvent = typeof auditEvents.$inferInsert & { at: string };

/** Writes the demo's audit events oldest first, so the trail reads in order (equal times keep their order). */
export function writeDemoAudit(q: Queryable, events: readonly DemoAuditEvent[]): void {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  // One by one through recordAudit: each event continues the hash chain (decision 0026).
  for (const e of sorted) {
    recordAudit(q, {
      actorId: e.actorId ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      before: e.before,
      after: e.after,
      reason: e.reason ?? null,
      ip: e.ip ?? null,
      at: e.at,
    });
  }
}

/** The demo must say what the council said; a mistake in the data above fails loudly, not quietly. */
function checkAwards(rows: Rows, capPence: number): void {
  const total = rows.awards.reduce((sum, a) => sum + a.amountPence, 0);
  const groups = new Set(
    rows.awards.map((a) => rows.bids.find((b) => b.id === a.bidId)?.organisationId ?? a.bidId),
  );
  if (
    rows.awards.length !== DEMO_AWARDS_COUNT ||
    total !== DEMO_AWARDS_TOTAL_PENCE ||
    groups.size !== DEMO_AWARDS_COUNT
  ) {
    throw new Error(
      `The demo must award ${formatPence(DEMO_AWARDS_TOTAL_PENCE)} to ${DEMO_AWARDS_COUNT} groups; it awards ${formatPence(total)} to ${groups.size}`,
    );
  }
  for (const award of rows.awards) {
    const bid = rows.bids.find((b) => b.id === award.bidId);
    const partial = rows.decisions.find((d) => d.id === award.decisionId)?.reason;
    if (
      !bid?.amountRequestedPence ||
      award.amountPence > capPence ||
      award.amountPence > bid.amountRequestedPence
    ) {
      throw new Error(
        `The demo award to ${bid?.title ?? award.bidId} is above the cap or the amount asked for`,
      );
    }
    if (award.amountPence < bid.amountRequestedPence && !partial) {
      throw new Error(`The partial demo award to ${bid.title} needs a reason`);
    }
  }
}
