// A fund of many bids at every stage the staff pages show, written straight through the schema
// (fast enough for thousands): for tests of how queries grow, and for bench/scale.ts.
import { ELIGIBLE } from '@cf/shared/examples';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../src/db/client.js';
import {
  assignments,
  awards,
  bidSections,
  bids,
  decisions,
  fundCriteria,
  fundPriorities,
  funds,
  grants,
  memberships,
  organisations,
  scoreSets,
  scores,
  userRoles,
  users,
} from '../../src/db/schema/index.js';

const ASSESSORS = 30;

/** A small random generator with a seed, so every run builds the same fund. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Writes rows a batch at a time (SQLite caps the parameters of one statement). */
export function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => void) {
  for (let i = 0; i < rows.length; i += size) write(rows.slice(i, i + size));
}

/** One fund of `count` bids at every stage the staff pages show, with assessors' scores and decisions. */
export function buildFund(q: Queryable, count: number): string {
  const next = random(count);
  const now = new Date('2019-06-01T09:00:00.000Z').toISOString();
  const officerId = q.get<{ id: string }>(sql`select id from users where email = 'officer@demo.test'`).id;
  const demoFund = q.get<{ id: string }>(sql`select id from funds where code = 'PCF'`).id;
  const fundId = crypto.randomUUID();
  q.insert(funds)
    .values({
      id: fundId,
      name: `Bench fund of ${count.toLocaleString('en-GB')} bids`,
      code: `B${count}`,
      potPence: 1_000_000_000_000,
      capPence: 2_000_000,
      opensAt: '2019-01-07T09:00:00.000Z',
      closesAt: '2019-03-29T17:00:00.000Z',
      deliveryStartsOn: '2019-07-01',
      deliveryEndsOn: '2020-03-31',
    })
    .run();
  const criteria = q.all<{ title: string; weight: number; guidance: string; position: number }>(
    sql`select title, weight, guidance, position from fund_criteria where fund_id = ${demoFund} order by position`,
  );
  const criterionIds = criteria.map(() => crypto.randomUUID());
  q.insert(fundCriteria)
    .values(
      criteria.map((c, i) => ({
        id: criterionIds[i] as string,
        fundId,
        position: c.position,
        title: c.title,
        weight: c.weight,
        guidance: JSON.parse(c.guidance) as string[],
      })),
    )
    .run();
  const priorityIds = q.all<{ id: string }>(sql`select id from priorities`).map((p) => p.id);
  const wardIds = q.all<{ id: string }>(sql`select id from wards`).map((w) => w.id);
  q.insert(fundPriorities)
    .values(priorityIds.map((priorityId) => ({ fundId, priorityId })))
    .run();
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;

  const assessorIds: string[] = [];
  for (let i = 0; i < ASSESSORS; i++) {
    const id = crypto.randomUUID();
    assessorIds.push(id);
    q.insert(users)
      .values({
        id,
        email: `bench-assessor-${count}-${i}@bench.test`,
        name: `Assessor ${i}`,
        emailVerifiedAt: now,
      })
      .run();
    q.insert(userRoles).values({ userId: id, role: 'assessor', fundId: null }).run();
  }
  const groupIds: string[] = [];
  const groupRows = Array.from({ length: Math.ceil(count / 3) }, (_, i) => {
    const id = crypto.randomUUID();
    groupIds.push(id);
    return {
      id,
      name: `Bench group ${i}`,
      type: 'community_group' as const,
      addressLine1: '1 High Street',
      town: 'Peterborough',
      postcode: 'PE1 1AA',
      contactName: 'A Person',
      contactEmail: `group${i}@bench.test`,
    };
  });
  inBatches(groupRows, 200, (batch) => q.insert(organisations).values(batch).run());
  // A few assessors belong to a group, so the overview has members to keep off its bids.
  for (let i = 0; i < 5; i++) {
    q.insert(memberships)
      .values({ userId: assessorIds[i] as string, organisationId: groupIds[i] as string })
      .run();
  }

  const bidRows: (typeof bids.$inferInsert)[] = [];
  const sectionRows: (typeof bidSections.$inferInsert)[] = [];
  const assignmentRows: (typeof assignments.$inferInsert)[] = [];
  const setRows: (typeof scoreSets.$inferInsert)[] = [];
  const scoreRows: (typeof scores.$inferInsert)[] = [];
  const decisionRows: (typeof decisions.$inferInsert)[] = [];
  const awardRows: (typeof awards.$inferInsert)[] = [];
  const grantRows: (typeof grants.$inferInsert)[] = [];
  const stages = [
    ['submitted', 0.05],
    ['eligible', 0.1],
    ['in_assessment', 0.2],
    ['scored', 0.4],
    ['awarded', 0.15],
    ['rejected', 0.1],
  ] as const;
  for (let i = 0; i < count; i++) {
    const roll = next();
    let sum = 0;
    const status = (stages.find(([, share]) => {
      sum += share;
      return roll < sum;
    }) ?? stages[3])[0];
    const bidId = crypto.randomUUID();
    const groupId = groupIds[i % groupIds.length] as string;
    const requested = 100_000 + Math.floor(next() * 19) * 100_000;
    const at = new Date(Date.parse('2019-02-01T09:00:00.000Z') + i * 60_000).toISOString();
    bidRows.push({
      id: bidId,
      fundId,
      organisationId: groupId,
      reference: `B${count}-2019-${String(i + 1).padStart(5, '0')}`,
      status,
      title: `Bench project ${i} ${pick(['garden', 'football', 'language cafe', 'choir', 'mural'])}`,
      amountRequestedPence: requested,
      eligibility: ELIGIBLE,
      createdBy: officerId,
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
    });
    const mainPriorityId = pick(priorityIds);
    sectionRows.push(
      {
        bidId,
        section: 'priorities',
        data: { mainPriorityId, otherPriorityIds: [] },
        complete: true,
        version: 1,
        updatedBy: officerId,
        updatedAt: at,
      },
      {
        bidId,
        section: 'beneficiaries',
        data: { wardIds: [pick(wardIds)] },
        complete: true,
        version: 1,
        updatedBy: officerId,
        updatedAt: at,
      },
    );
    if (status === 'submitted' || status === 'eligible') continue;
    const chosen = new Set<string>();
    while (chosen.size < 3) chosen.add(pick(assessorIds.slice(5)));
    for (const assessorId of chosen) {
      const assignmentId = crypto.randomUUID();
      const scoring = status === 'in_assessment' && next() < 0.5;
      assignmentRows.push({
        id: assignmentId,
        bidId,
        assessorId,
        status: scoring ? 'scoring' : 'submitted',
        assignedBy: officerId,
        assignedAt: at,
        declaredAt: at,
      });
      const setId = crypto.randomUUID();
      setRows.push({
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
        scoreRows.push({ scoreSetId: setId, criterionId, score: Math.floor(next() * 6), comment: null });
      }
    }
    if (next() < 0.05) {
      assignmentRows.push({
        id: crypto.randomUUID(),
        bidId,
        assessorId: assessorIds[5] as string,
        status: 'conflict',
        assignedBy: officerId,
        assignedAt: at,
        declaredAt: at,
        conflictNature: 'A trustee of the group',
      });
    }
    if (status === 'awarded' || status === 'rejected') {
      const decisionId = crypto.randomUUID();
      const amount = status === 'awarded' ? requested : null;
      decisionRows.push({
        id: decisionId,
        bidId,
        fundId,
        outcome: status === 'awarded' ? 'award' : 'reject',
        amountPence: amount,
        reason: status === 'awarded' ? null : 'Another bid met the need better',
        decidedBy: officerId,
        decidedAt: '2019-05-20T10:00:00.000Z',
      });
      if (amount !== null) {
        const awardId = crypto.randomUUID();
        awardRows.push({
          id: awardId,
          bidId,
          fundId,
          decisionId,
          amountPence: amount,
          awardedAt: '2019-05-20T10:00:00.000Z',
        });
        grantRows.push({
          awardId,
          bidId,
          fundId,
          organisationId: groupId,
          mainPriorityId,
          wardIds: [pick(wardIds)],
          createdAt: '2019-05-20T10:00:00.000Z',
          updatedAt: '2019-05-20T10:00:00.000Z',
        });
      }
    }
  }
  inBatches(bidRows, 200, (batch) => q.insert(bids).values(batch).run());
  inBatches(sectionRows, 300, (batch) => q.insert(bidSections).values(batch).run());
  inBatches(assignmentRows, 300, (batch) => q.insert(assignments).values(batch).run());
  inBatches(setRows, 300, (batch) => q.insert(scoreSets).values(batch).run());
  inBatches(scoreRows, 500, (batch) => q.insert(scores).values(batch).run());
  inBatches(decisionRows, 300, (batch) => q.insert(decisions).values(batch).run());
  inBatches(awardRows, 300, (batch) => q.insert(awards).values(batch).run());
  inBatches(grantRows, 300, (batch) => q.insert(grants).values(batch).run());
  return fundId;
}
