/**
 * The bench's data set, built through the product's drizzle schema with typed bulk inserts, seeded
 * random so every run builds the same, on top of the demo data (so the demo users sign in):
 *  - N bids in every state, in funds of at most 1,000 bids (100 funds at 100,000), across N/20
 *    groups (5,000 at 100,000); applicant@demo.test is a member of group 0, which sent 1% of them;
 *  - N/100 assessors (1,000 at 100,000; assessor@demo.test is one of them, on every fund), three
 *    or four score sets on each bid that reached assessment (about 300,000 at 100,000);
 *  - a grant for every awarded bid (about 20,000), with its instalments, payments in every state,
 *    checked bank details and reports; an audit trail (one event for each step recorded);
 *  - pools of fresh targets for the write runs (see `WritePools`), each used once.
 * The file is cached in apps/api/.bench/ keyed by N and the latest migration, so a second run
 * starts in seconds.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { defaultSchedule, reportingSchedule } from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { auditHash } from '../src/db/audit-chain.js';
import type { Queryable } from '../src/db/client.js';
import {
  assignments,
  attachments,
  auditEvents,
  awards,
  bankAccountChecks,
  bankAccounts,
  bidSections,
  bids,
  decisions,
  fundCriteria,
  fundPriorities,
  funds,
  grantInstalments,
  grantReports,
  grants,
  memberships,
  organisations,
  payments,
  scoreSets,
  scores,
  userRoles,
  users,
} from '../src/db/schema/index.js';
import { completeSectionData, type JourneyRefs } from '../test/builders/bids.js';
import { inBatches } from '../test/builders/scale.js';

/** Goes up when what the data set holds changes, so an older cached file is not used. */
const DATA_VERSION = 2;

export const API_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_DIR = join(API_ROOT, '.bench');

/** Fresh targets for the write runs: each request takes the next one and none is used twice. */
export interface WritePools {
  /** Draft bids of applicant@'s group, every section complete (version 1): save "about" again. */
  drafts: string[];
  /** Draft bids ready to send (sections complete, documents uploaded) to a fund open now. */
  sendable: string[];
  /** The "about" section's answers the drafts hold (saved again as they are). */
  aboutData: Record<string, unknown>;
  /** assessor@demo.test's assignments, declared, the last score set of their bid still to come. */
  scoring: string[];
  /** The criteria of the fund those assignments are in, in order. */
  scoringCriteria: string[];
  /** Scored bids in a closed fund whose pot holds them all: award each what it asked. */
  awardable: { bidId: string; amountPence: number }[];
  /** The panel date for those awards (the fund's). */
  panelDate: string;
  /** Accepted grants with checked bank details and no payment yet: ask for the first instalment. */
  payable: { grantId: string; amountPence: number }[];
}

export interface BenchData {
  /** The cached database file (copy it before use: runs write to it). */
  path: string;
  cached: boolean;
  buildSeconds: number;
  counts: Record<string, number>;
  pools: WritePools;
  /** Ids the reads ask for. */
  refs: { fundId: string; bidId: string };
}

/** A small random generator with a seed (mulberry32), so every run builds the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let idCounter = 0;
/**
 * A uuid (v4 shape) that is the same on every run: the hash of a counter, so ids are unique and
 * in no particular order (as random ones are).
 */
function stableUuid(): string {
  idCounter += 1;
  const hex = createHash('md5').update(`bench:${idCounter}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function latestMigrationTag(): string {
  const journal = JSON.parse(readFileSync(join(API_ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? 'none';
}

const BID_STATES = [
  ['draft', 0.08],
  ['submitted', 0.04],
  ['eligible', 0.04],
  ['ineligible', 0.02],
  ['in_assessment', 0.14],
  ['scored', 0.38],
  ['awarded', 0.2],
  ['rejected', 0.07],
  ['deferred', 0.01],
  ['withdrawn', 0.02],
] as const;
const ASSESSED = new Set(['in_assessment', 'scored', 'awarded', 'rejected', 'deferred']);
const WORDS = ['garden', 'football', 'language cafe', 'choir', 'mural', 'lunch club', 'repair cafe', 'walks'];

/** Audit events that continue the hash chain (decision 0026), as the trigger wants them. */
class AuditWriter {
  private rows: (typeof auditEvents.$inferInsert)[] = [];
  private id: number;
  private prev: string | null;
  constructor(private readonly q: Queryable) {
    const last = q.get<{ id: number; hash: string | null } | undefined>(
      sql`select id, hash from audit_events order by id desc limit 1`,
    );
    this.id = last?.id ?? 0;
    this.prev = last?.hash ?? null;
  }
  add(e: {
    at: string;
    actorId: string | null;
    action: string;
    entityType: string;
    entityId: string;
    after: unknown;
  }) {
    this.id += 1;
    const after = JSON.stringify(e.after);
    const stored = {
      id: this.id,
      at: e.at,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: null,
      after,
      reason: null,
      ip: null,
      prevHash: this.prev,
    };
    const hash = auditHash(stored);
    this.rows.push({ ...stored, after: e.after, hash } as typeof auditEvents.$inferInsert);
    this.prev = hash;
  }
  flush() {
    inBatches(this.rows, 300, (batch) => this.q.insert(auditEvents).values(batch).run());
    this.rows = [];
  }
}

interface Demo {
  officerId: string;
  financeId: string;
  finance2Id: string;
  applicantId: string;
  assessorId: string;
  criteria: { title: string; weight: number; guidance: string; position: number }[];
  priorityIds: string[];
  wardIds: string[];
  cityWideId: string;
  needIds: string[];
}

function demoRefs(q: Queryable): Demo {
  const idOf = (email: string) => q.get<{ id: string }>(sql`select id from users where email = ${email}`).id;
  const demoFund = q.get<{ id: string }>(sql`select id from funds where code = 'PCF'`).id;
  const wards = q.all<{ id: string; isCityWide: number }>(
    sql`select id, is_city_wide as "isCityWide" from wards`,
  );
  return {
    officerId: idOf('officer@demo.test'),
    financeId: idOf('finance@demo.test'),
    finance2Id: idOf('finance2@demo.test'),
    applicantId: idOf('applicant@demo.test'),
    assessorId: idOf('assessor@demo.test'),
    criteria: q.all(
      sql`select title, weight, guidance, position from fund_criteria where fund_id = ${demoFund} order by position`,
    ),
    priorityIds: q.all<{ id: string }>(sql`select id from priorities order by id`).map((p) => p.id),
    wardIds: wards.filter((w) => !w.isCityWide).map((w) => w.id),
    cityWideId: wards.find((w) => w.isCityWide)?.id ?? '',
    needIds: q.all<{ id: string }>(sql`select id from needs order by id`).map((n) => n.id),
  };
}

/** A fund with the demo fund's criteria and every priority; returns its id and criteria ids. */
function addFund(
  q: Queryable,
  demo: Demo,
  values: Omit<typeof funds.$inferInsert, 'id' | 'capPence'> & { capPence?: number },
): { fundId: string; criterionIds: string[] } {
  const fundId = stableUuid();
  q.insert(funds)
    .values({ id: fundId, capPence: 2_000_000, ...values })
    .run();
  const criterionIds = demo.criteria.map(() => stableUuid());
  q.insert(fundCriteria)
    .values(
      demo.criteria.map((c, i) => ({
        id: criterionIds[i] as string,
        fundId,
        position: c.position,
        title: c.title,
        weight: c.weight,
        guidance: JSON.parse(c.guidance) as string[],
      })),
    )
    .run();
  q.insert(fundPriorities)
    .values(demo.priorityIds.map((priorityId) => ({ fundId, priorityId })))
    .run();
  return { fundId, criterionIds };
}

interface People {
  groupIds: string[];
  assessorIds: string[];
  bankAccountOf: Map<string, string>;
}

function addPeople(q: Queryable, demo: Demo, count: number): People {
  const now = '2019-01-01T09:00:00.000Z';
  const groupIds = Array.from({ length: Math.max(5, Math.round(count / 20)) }, () => stableUuid());
  inBatches(
    groupIds.map((id, i) => ({
      id,
      name: `Bench group ${i}`,
      type: 'community_group' as const,
      addressLine1: `${i + 1} High Street`,
      town: 'Peterborough',
      postcode: 'PE1 1AA',
      contactName: 'A Person',
      contactEmail: `group${i}@bench.test`,
    })),
    200,
    (batch) => q.insert(organisations).values(batch).run(),
  );
  q.insert(memberships)
    .values({ userId: demo.applicantId, organisationId: groupIds[0] as string })
    .run();
  // assessor@demo.test is one of the assessors, on every fund.
  const assessorIds = [demo.assessorId];
  const userRows: (typeof users.$inferInsert)[] = [];
  for (let i = 1; i < Math.max(10, Math.round(count / 100)); i++) {
    const id = stableUuid();
    assessorIds.push(id);
    userRows.push({
      id,
      email: `bench-assessor-${i}@bench.test`,
      name: `Assessor ${i}`,
      emailVerifiedAt: now,
    });
  }
  inBatches(userRows, 200, (batch) => q.insert(users).values(batch).run());
  inBatches(
    [demo.assessorId, ...userRows.map((u) => u.id as string)].map((userId) => ({
      id: stableUuid(),
      userId,
      role: 'assessor' as const,
      fundId: null,
    })),
    200,
    (batch) => q.insert(userRoles).values(batch).run(),
  );
  // Bank details for every group, given by a member and checked by finance2@.
  const bankAccountOf = new Map<string, string>();
  const accountRows: (typeof bankAccounts.$inferInsert)[] = [];
  const checkRows: (typeof bankAccountChecks.$inferInsert)[] = [];
  for (const [i, organisationId] of groupIds.entries()) {
    const id = stableUuid();
    bankAccountOf.set(organisationId, id);
    accountRows.push({
      id,
      organisationId,
      accountName: `BENCH GROUP ${i}`,
      sortCode: '309457',
      accountNumber: String(10_000_000 + i).slice(-8),
      recordedBy: demo.applicantId,
      recordedAt: now,
    });
    checkRows.push({
      id: stableUuid(),
      bankAccountId: id,
      checkedBy: demo.finance2Id,
      checkedAt: now,
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
  }
  inBatches(accountRows, 200, (batch) => q.insert(bankAccounts).values(batch).run());
  inBatches(checkRows, 200, (batch) => q.insert(bankAccountChecks).values(batch).run());
  return { groupIds, assessorIds, bankAccountOf };
}

interface Rows {
  bids: (typeof bids.$inferInsert)[];
  sections: (typeof bidSections.$inferInsert)[];
  assignments: (typeof assignments.$inferInsert)[];
  sets: (typeof scoreSets.$inferInsert)[];
  scores: (typeof scores.$inferInsert)[];
  decisions: (typeof decisions.$inferInsert)[];
  awards: (typeof awards.$inferInsert)[];
  grants: (typeof grants.$inferInsert)[];
  instalments: (typeof grantInstalments.$inferInsert)[];
  payments: (typeof payments.$inferInsert)[];
  reports: (typeof grantReports.$inferInsert)[];
}

function emptyRows(): Rows {
  return {
    bids: [],
    sections: [],
    assignments: [],
    sets: [],
    scores: [],
    decisions: [],
    awards: [],
    grants: [],
    instalments: [],
    payments: [],
    reports: [],
  };
}

function writeRows(q: Queryable, rows: Rows) {
  inBatches(rows.bids, 200, (b) => q.insert(bids).values(b).run());
  inBatches(rows.sections, 300, (b) => q.insert(bidSections).values(b).run());
  inBatches(rows.assignments, 300, (b) => q.insert(assignments).values(b).run());
  inBatches(rows.sets, 300, (b) => q.insert(scoreSets).values(b).run());
  inBatches(rows.scores, 500, (b) => q.insert(scores).values(b).run());
  inBatches(rows.decisions, 300, (b) => q.insert(decisions).values(b).run());
  inBatches(rows.awards, 300, (b) => q.insert(awards).values(b).run());
  inBatches(rows.grants, 200, (b) => q.insert(grants).values(b).run());
  inBatches(rows.instalments, 300, (b) => q.insert(grantInstalments).values(b).run());
  inBatches(rows.payments, 200, (b) => q.insert(payments).values(b).run());
  inBatches(rows.reports, 300, (b) => q.insert(grantReports).values(b).run());
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

/** One fund of up to 1,000 bids in every state, with its scores, decisions, grants and money. */
function addBulkFund(
  q: Queryable,
  demo: Demo,
  people: People,
  next: () => number,
  audit: AuditWriter,
  index: number,
  size: number,
  firstBid: number,
): { fundId: string; counts: Record<string, number> } {
  const year = 2000 + (index % 20);
  const opened = `${year}-01-07T09:00:00.000Z`;
  const decidedAt = `${year}-05-20T10:00:00.000Z`;
  // The pot holds every award (at most £20,000 each); the cap is the fund's.
  const { fundId, criterionIds } = addFund(q, demo, {
    name: `Bench round ${index + 1}`,
    code: `BR${String(index + 1).padStart(4, '0')}`,
    potPence: size * 2_000_000,
    opensAt: opened,
    closesAt: `${year}-03-29T17:00:00.000Z`,
    deliveryStartsOn: `${year}-07-01`,
    deliveryEndsOn: `${year + 1}-03-31`,
  });
  const rows = emptyRows();
  const counts: Record<string, number> = {};
  for (let k = 0; k < size; k++) {
    const i = firstBid + k;
    const roll = next();
    let sum = 0;
    const status = (BID_STATES.find(([, share]) => {
      sum += share;
      return roll < sum;
    }) ?? BID_STATES[5])[0];
    counts[status] = (counts[status] ?? 0) + 1;
    const bidId = stableUuid();
    const groupId = next() < 0.01 ? (people.groupIds[0] as string) : (pick(next, people.groupIds) as string);
    const requested = 100_000 + Math.floor(next() * 19) * 100_000;
    const at = new Date(Date.parse(opened) + k * 60_000).toISOString();
    const sent = status !== 'draft';
    rows.bids.push({
      id: bidId,
      fundId,
      organisationId: groupId,
      reference: sent
        ? `BR${String(index + 1).padStart(4, '0')}-${year}-${String(k + 1).padStart(4, '0')}`
        : null,
      status,
      title: `Bench project ${i} ${pick(next, WORDS)}`,
      amountRequestedPence: requested,
      eligibility: ELIGIBLE,
      createdBy: demo.applicantId,
      createdAt: at,
      updatedAt: at,
      submittedAt: sent ? at : null,
    });
    const mainPriorityId = pick(next, demo.priorityIds);
    const wardIds = [pick(next, demo.wardIds)];
    for (const [section, data] of [
      ['priorities', { mainPriorityId, otherPriorityIds: [] }],
      ['beneficiaries', { wardIds, communities: 'Neighbours old and new.' }],
    ] as const) {
      rows.sections.push({
        bidId,
        section,
        data,
        complete: true,
        version: 1,
        updatedBy: demo.applicantId,
        updatedAt: at,
      });
    }
    if (sent) {
      audit.add({
        at,
        actorId: demo.applicantId,
        action: 'bid.submitted',
        entityType: 'bid',
        entityId: bidId,
        after: { status: 'submitted' },
      });
    }
    if (!ASSESSED.has(status)) continue;
    // Three or four assessors a bid: about 3.75 score sets on each of the 80% assessed, 300,000 at 100,000.
    const wanted = next() < 0.75 ? 4 : 3;
    const chosen = new Set<string>();
    while (chosen.size < wanted) chosen.add(pick(next, people.assessorIds));
    for (const assessorId of chosen) {
      const scoring = status === 'in_assessment' && next() < 0.5;
      const assignmentId = stableUuid();
      rows.assignments.push({
        id: assignmentId,
        bidId,
        assessorId,
        status: scoring ? 'scoring' : 'submitted',
        assignedBy: demo.officerId,
        assignedAt: at,
        declaredAt: at,
      });
      const setId = stableUuid();
      rows.sets.push({
        id: setId,
        assignmentId,
        bidId,
        assessorId,
        status: scoring ? 'draft' : 'submitted',
        recommendation: scoring ? null : 'fund',
        version: 1,
        updatedAt: at,
        submittedAt: scoring ? null : at,
      });
      for (const criterionId of criterionIds) {
        rows.scores.push({ scoreSetId: setId, criterionId, score: Math.floor(next() * 6), comment: null });
      }
    }
    if (status === 'scored' || status === 'in_assessment') continue;
    const decisionId = stableUuid();
    const outcome = status === 'awarded' ? 'award' : status === 'rejected' ? 'reject' : 'defer';
    rows.decisions.push({
      id: decisionId,
      bidId,
      fundId,
      outcome,
      amountPence: outcome === 'award' ? requested : null,
      reason: outcome === 'award' ? null : 'Another bid met the need better',
      decidedBy: demo.officerId,
      decidedAt,
    });
    audit.add({
      at: decidedAt,
      actorId: demo.officerId,
      action: `bid.${status}`,
      entityType: 'bid',
      entityId: bidId,
      after: { status },
    });
    if (outcome !== 'award') continue;
    addGrant(rows, demo, people, next, audit, { bidId, fundId, groupId, requested, decisionId, year });
    counts.grants = (counts.grants ?? 0) + 1;
  }
  writeRows(q, rows);
  counts.scoreSets = rows.sets.length;
  counts.payments = rows.payments.length;
  counts.reports = rows.reports.length;
  return { fundId, counts };
}

/** The award's grant in one of its states, with instalments, payments and reports as it would have. */
function addGrant(
  rows: Rows,
  demo: Demo,
  people: People,
  next: () => number,
  audit: AuditWriter,
  g: { bidId: string; fundId: string; groupId: string; requested: number; decisionId: string; year: number },
  pool = false,
): string {
  const decidedAt = `${g.year}-05-20T10:00:00.000Z`;
  const acceptedAt = `${g.year}-06-10T10:00:00.000Z`;
  const awardId = stableUuid();
  const grantId = stableUuid();
  rows.awards.push({
    id: awardId,
    bidId: g.bidId,
    fundId: g.fundId,
    decisionId: g.decisionId,
    amountPence: g.requested,
    awardedAt: decidedAt,
  });
  const roll = next();
  const status = pool ? 'in_delivery' : roll < 0.1 ? 'offered' : roll < 0.75 ? 'in_delivery' : 'completed';
  const accepted = status !== 'offered';
  rows.grants.push({
    id: grantId,
    awardId,
    bidId: g.bidId,
    fundId: g.fundId,
    organisationId: g.groupId,
    status,
    mainPriorityId: pick(next, demo.priorityIds),
    wardIds: [pick(next, demo.wardIds)],
    purpose: 'A project for the community',
    offerDeadline: `${g.year}-06-17`,
    issuedAt: decidedAt,
    issuedBy: demo.officerId,
    acceptedAt: accepted ? acceptedAt : null,
    acceptedBy: accepted ? demo.applicantId : null,
    acceptedName: accepted ? 'A Member' : null,
    acceptedRole: accepted ? 'Treasurer' : null,
    createdAt: decidedAt,
    updatedAt: accepted ? acceptedAt : decidedAt,
  });
  const schedule = defaultSchedule(g.requested);
  schedule.forEach((instalment, position) => {
    rows.instalments.push({ id: stableUuid(), grantId, position, ...instalment });
  });
  const delivery = { startDate: `${g.year}-07-01`, endDate: `${g.year + 1}-03-31` };
  for (const due of reportingSchedule(g.requested, delivery)) {
    const done =
      status === 'completed' || (due.kind === 'mid_point' && status === 'in_delivery' && next() < 0.6);
    const reportStatus = !accepted
      ? 'not_started'
      : done
        ? 'approved'
        : pick(next, ['not_started', 'draft', 'submitted', 'returned'] as const);
    rows.reports.push({
      id: stableUuid(),
      grantId,
      kind: due.kind,
      dueOn: due.dueOn,
      status: reportStatus,
      progress: reportStatus === 'not_started' ? null : 'Going well; more people come every week.',
      story: reportStatus === 'not_started' ? null : 'One volunteer now runs the Saturday sessions.',
      version: reportStatus === 'not_started' ? 1 : 2,
      updatedAt: acceptedAt,
      updatedBy: reportStatus === 'not_started' ? null : demo.applicantId,
      submittedAt: ['submitted', 'approved'].includes(reportStatus) ? acceptedAt : null,
      submittedBy: ['submitted', 'approved'].includes(reportStatus) ? demo.applicantId : null,
      decidedAt: reportStatus === 'approved' ? acceptedAt : null,
      decidedBy: reportStatus === 'approved' ? demo.officerId : null,
    });
  }
  audit.add({
    at: decidedAt,
    actorId: demo.officerId,
    action: 'grant.offered',
    entityType: 'grant',
    entityId: grantId,
    after: { status: 'offered' },
  });
  if (!accepted || pool) return grantId;
  // Payments in every state: most first instalments paid; completed grants paid in full.
  const bankAccountId = people.bankAccountOf.get(g.groupId) as string;
  const payRoll = next();
  const paymentStates =
    status === 'completed'
      ? (['paid', 'paid'] as const)
      : payRoll < 0.65
        ? (['paid'] as const)
        : payRoll < 0.75
          ? (['approved'] as const)
          : payRoll < 0.85
            ? (['requested'] as const)
            : payRoll < 0.9
              ? (['rejected'] as const)
              : ([] as const);
  paymentStates.forEach((state, k) => {
    const instalment = schedule[k];
    if (!instalment) return;
    const paymentId = stableUuid();
    const approved = state === 'approved' || state === 'paid';
    rows.payments.push({
      id: paymentId,
      grantId,
      fundId: g.fundId,
      amountPence: instalment.amountPence,
      trigger: instalment.trigger,
      status: state,
      bankAccountId,
      requestedBy: demo.officerId,
      requestedAt: acceptedAt,
      approvedBy: approved ? demo.financeId : null,
      approvedAt: approved ? acceptedAt : null,
      paidOn: state === 'paid' ? `${g.year}-06-12` : null,
      paidReference: state === 'paid' ? `FIN-${paymentId.slice(0, 8)}` : null,
      paidRecordedBy: state === 'paid' ? demo.financeId : null,
      paidRecordedAt: state === 'paid' ? acceptedAt : null,
      rejectedBy: state === 'rejected' ? demo.financeId : null,
      rejectedAt: state === 'rejected' ? acceptedAt : null,
      rejectedReason: state === 'rejected' ? 'The bank details did not match the group' : null,
    });
    audit.add({
      at: acceptedAt,
      actorId: state === 'requested' ? demo.officerId : demo.financeId,
      action: `payment.${state}`,
      entityType: 'grant',
      entityId: grantId,
      after: { paymentId, status: state },
    });
  });
  return grantId;
}

/** The pools of fresh targets for the write runs, in their own funds. */
function addWritePools(
  q: Queryable,
  demo: Demo,
  people: People,
  next: () => number,
  audit: AuditWriter,
  size: number,
): WritePools {
  const now = new Date().toISOString();
  const group = people.groupIds[0] as string;
  // An open fund (closes in 2099): drafts to save and to send.
  const open = addFund(q, demo, {
    name: 'Bench open round',
    code: 'BOPEN',
    potPence: 1_000_000_000,
    opensAt: '2020-01-06T09:00:00.000Z',
    closesAt: '2099-03-27T17:00:00.000Z',
    deliveryStartsOn: '2099-07-01',
    deliveryEndsOn: '2100-03-31',
  });
  const refs: JourneyRefs = {
    fundId: open.fundId,
    youthFundId: open.fundId,
    capPence: 2_000_000,
    closesAt: '2099-03-27T17:00:00.000Z',
    deliveryStartsOn: '2099-07-01',
    deliveryEndsOn: '2100-03-31',
    priorityIds: demo.priorityIds,
    wardIds: demo.wardIds,
    cityWideId: demo.cityWideId,
    needIds: demo.needIds,
  };
  const sectionData = completeSectionData(refs, { amountPence: 500_000 });
  const rows = emptyRows();
  const attachmentRows: (typeof attachments.$inferInsert)[] = [];
  const drafts: string[] = [];
  const sendable: string[] = [];
  for (let i = 0; i < 2 * size; i++) {
    const bidId = stableUuid();
    (i < size ? drafts : sendable).push(bidId);
    rows.bids.push({
      id: bidId,
      fundId: open.fundId,
      organisationId: group,
      status: 'draft',
      title: (sectionData.about as { title: string }).title,
      amountRequestedPence: 500_000,
      eligibility: ELIGIBLE,
      createdBy: demo.applicantId,
      createdAt: now,
      updatedAt: now,
    });
    for (const [section, data] of Object.entries(sectionData)) {
      rows.sections.push({
        bidId,
        section: section as typeof bidSections.$inferInsert.section,
        data,
        complete: true,
        version: 1,
        updatedBy: demo.applicantId,
        updatedAt: now,
      });
    }
    for (const kind of ['governing_document', 'accounts'] as const) {
      attachmentRows.push({
        id: stableUuid(),
        bidId,
        kind,
        filename: `${kind}.pdf`,
        storedName: stableUuid(),
        contentType: 'application/pdf',
        sizeBytes: 1_000,
        sha256: createHash('sha256').update(`${bidId}/${kind}`).digest('hex'),
        uploadedBy: demo.applicantId,
      });
    }
  }
  // A closed fund: bids in assessment whose last score set is assessor@'s to send, and scored bids
  // to award, within a pot that holds every award.
  const closed = addFund(q, demo, {
    name: 'Bench panel round',
    code: 'BPANEL',
    potPence: 3 * size * 2_000_000,
    opensAt: '2021-01-04T09:00:00.000Z',
    closesAt: '2021-03-26T17:00:00.000Z',
    deliveryStartsOn: '2021-07-01',
    deliveryEndsOn: '2022-03-31',
  });
  const others = people.assessorIds.slice(1);
  const scoring: string[] = [];
  const awardable: { bidId: string; amountPence: number }[] = [];
  const at = '2021-02-01T09:00:00.000Z';
  for (let i = 0; i < 2 * size; i++) {
    const bidId = stableUuid();
    const inAssessment = i < size;
    const amount = 100_000 + Math.floor(next() * 19) * 100_000;
    rows.bids.push({
      id: bidId,
      fundId: closed.fundId,
      organisationId: pick(next, people.groupIds.slice(1)),
      reference: `BPANEL-2021-${String(i + 1).padStart(5, '0')}`,
      status: inAssessment ? 'in_assessment' : 'scored',
      title: `Bench panel project ${i} ${pick(next, WORDS)}`,
      amountRequestedPence: amount,
      eligibility: ELIGIBLE,
      createdBy: demo.applicantId,
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
    });
    if (!inAssessment) awardable.push({ bidId, amountPence: amount });
    const chosen = new Set<string>(inAssessment ? [demo.assessorId] : []);
    while (chosen.size < 3) chosen.add(pick(next, others));
    for (const assessorId of chosen) {
      const mine = inAssessment && assessorId === demo.assessorId;
      const assignmentId = stableUuid();
      if (mine) scoring.push(assignmentId);
      rows.assignments.push({
        id: assignmentId,
        bidId,
        assessorId,
        status: mine ? 'scoring' : 'submitted',
        assignedBy: demo.officerId,
        assignedAt: at,
        declaredAt: at,
      });
      if (mine) continue;
      const setId = stableUuid();
      rows.sets.push({
        id: setId,
        assignmentId,
        bidId,
        assessorId,
        status: 'submitted',
        recommendation: 'fund',
        version: 1,
        updatedAt: at,
        submittedAt: at,
      });
      for (const criterionId of closed.criterionIds) {
        rows.scores.push({
          scoreSetId: setId,
          criterionId,
          score: 1 + Math.floor(next() * 5),
          comment: null,
        });
      }
    }
  }
  // Accepted grants in the panel fund with nothing paid yet: ask for the first instalment.
  const payable: { grantId: string; amountPence: number }[] = [];
  for (let i = 0; i < size; i++) {
    const bidId = stableUuid();
    const groupId = pick(next, people.groupIds.slice(1));
    const amount = 100_000 + Math.floor(next() * 19) * 100_000;
    rows.bids.push({
      id: bidId,
      fundId: closed.fundId,
      organisationId: groupId,
      reference: `BPANEL-2021-P${String(i + 1).padStart(5, '0')}`,
      status: 'awarded',
      title: `Bench funded project ${i} ${pick(next, WORDS)}`,
      amountRequestedPence: amount,
      eligibility: ELIGIBLE,
      createdBy: demo.applicantId,
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
    });
    const decisionId = stableUuid();
    rows.decisions.push({
      id: decisionId,
      bidId,
      fundId: closed.fundId,
      outcome: 'award',
      amountPence: amount,
      decidedBy: demo.officerId,
      decidedAt: '2021-05-20T10:00:00.000Z',
    });
    const grantId = addGrant(
      rows,
      demo,
      people,
      next,
      audit,
      { bidId, fundId: closed.fundId, groupId, requested: amount, decisionId, year: 2021 },
      true,
    );
    payable.push({ grantId, amountPence: defaultSchedule(amount)[0]?.amountPence ?? amount });
  }
  writeRows(q, rows);
  inBatches(attachmentRows, 300, (b) => q.insert(attachments).values(b).run());
  return {
    drafts,
    sendable,
    aboutData: sectionData.about as Record<string, unknown>,
    scoring,
    scoringCriteria: closed.criterionIds,
    awardable,
    panelDate: '2021-05-20',
    payable,
  };
}

/**
 * The data set for `count` bids with write pools of `poolSize`: from the cache when it is there,
 * built otherwise (and cached). Never changed by a run: copy the file first.
 */
export async function benchData(count: number, poolSize: number): Promise<BenchData> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const key = `bids-${count}-pool-${poolSize}-v${DATA_VERSION}-${latestMigrationTag()}`;
  const path = join(BENCH_DIR, `${key}.sqlite`);
  const metaPath = join(BENCH_DIR, `${key}.json`);
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Omit<BenchData, 'path' | 'cached'>;
    return { ...meta, path, cached: true };
  }
  const started = performance.now();
  const building = join(BENCH_DIR, `${key}.building`);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const dbPath = join(building, 'bench.sqlite');
  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: 'test',
      DATABASE_PATH: dbPath,
      DATA_DIR: join(building, 'files'),
      SEED_DEMO: 'true',
      RUN_JOBS: 'false',
      LOG_LEVEL: 'silent',
      WEB_DIST: '',
    }),
  });
  await app.ready();
  const next = random(20_261_129 + count);
  idCounter = count * 100;
  const demo = demoRefs(app.db);
  const counts: Record<string, number> = {};
  const add = (more: Record<string, number>) => {
    for (const [k, v] of Object.entries(more)) counts[k] = (counts[k] ?? 0) + v;
  };
  const people = app.db.transaction((tx) => addPeople(tx, demo, count));
  counts.groups = people.groupIds.length;
  counts.assessors = people.assessorIds.length;
  const fundCount = Math.ceil(count / 1_000);
  let refs = { fundId: '', bidId: '' };
  for (let f = 0; f < fundCount; f++) {
    const size = Math.min(1_000, count - f * 1_000);
    app.db.transaction((tx) => {
      const audit = new AuditWriter(tx);
      const { fundId, counts: more } = addBulkFund(tx, demo, people, next, audit, f, size, f * 1_000);
      audit.flush();
      add(more);
      // The reads ask for the middle fund's ranking and budget, and one of its scored bids.
      if (f === Math.floor(fundCount / 2)) {
        const bid = tx.get<{ id: string }>(
          sql`select id from bids where fund_id = ${fundId} and status = 'scored' order by id limit 1`,
        );
        refs = { fundId, bidId: bid.id };
      }
    });
    if (count >= 10_000 && (f + 1) % 10 === 0) {
      process.stdout.write(`  ${((f + 1) * 1_000).toLocaleString('en-GB')} bids built\n`);
    }
  }
  counts.funds = fundCount;
  const pools = app.db.transaction((tx) => {
    const audit = new AuditWriter(tx);
    const made = addWritePools(tx, demo, people, next, audit, poolSize);
    audit.flush();
    return made;
  });
  counts.auditEvents = app.db.get<{ n: number }>(sql`select count(*) as n from audit_events`).n;
  counts.bids = app.db.get<{ n: number }>(sql`select count(*) as n from bids`).n;
  await app.close();
  const buildSeconds = (performance.now() - started) / 1000;
  copyFileSync(dbPath, `${path}.tmp`);
  renameSync(`${path}.tmp`, path);
  rmSync(building, { recursive: true, force: true });
  const meta = { buildSeconds, counts, pools, refs };
  writeFileSync(metaPath, JSON.stringify(meta));
  return { ...meta, path, cached: false };
}
