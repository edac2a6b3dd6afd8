/**
 * How the staff pages that matter at panel time grow with a fund's bids: builds one fund of 1,000
 * and one of 10,000 bids through the product's schema (each in its own new database, beside the
 * demo data), and times each request the way a route makes it (the service call, as an officer).
 * Prints figures only; nothing is asserted (shared machines are too noisy for that). Not part of
 * the test command: the 10,000-bid fund takes a while to build, and longer to read before 0021.
 *
 *   pnpm --filter @cf/api bench:scale            # 1,000 and 10,000 bids
 *   pnpm --filter @cf/api bench:scale 1000 5000  # other sizes
 *
 * See docs/decisions/0021-speed-and-loading.md for the figures before and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ELIGIBLE } from '@cf/shared/examples';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Queryable } from '../src/db/client.js';
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
} from '../src/db/schema/index.js';
import { ManualClock } from '../src/lib/clock.js';
import * as assessment from '../src/modules/assessment/service.js';
import { loadActor } from '../src/modules/auth/repository.js';
import * as bidService from '../src/modules/bids/service.js';
import * as fundService from '../src/modules/funds/service.js';
import * as panel from '../src/modules/panel/service.js';
import { createServiceContext } from '../src/plugins/app/context.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000];
const ASSESSORS = 30;

/** A small random generator with a seed, so every run builds the same fund. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => void) {
  for (let i = 0; i < rows.length; i += size) write(rows.slice(i, i + size));
}

/** One fund of `count` bids at every stage the staff pages show, with assessors' scores and decisions. */
function buildFund(q: Queryable, count: number): string {
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
      .values({ id, email: `bench-assessor-${count}-${i}@bench.test`, name: `Assessor ${i}`, emailVerifiedAt: now })
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

/** The median of a few runs (at least one, more while they take under two seconds in all). */
async function time(run: () => unknown): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 7 && (times.length === 0 || performance.now() - started < 2_000)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Reads a CSV answer the way the route sends it: whole, or streamed to the end. */
async function drain(answer: unknown): Promise<void> {
  const body = (answer as { csv?: unknown; stream?: unknown }).stream ?? (answer as { csv?: unknown }).csv;
  if (body && typeof (body as NodeJS.ReadableStream).pipe === 'function') {
    await pipeline(
      body as NodeJS.ReadableStream,
      new Writable({
        write(_chunk, _encoding, done) {
          done();
        },
      }),
    );
  }
}

const results: Record<string, Record<number, number>> = {};
for (const count of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-scale-'));
  const app = await buildApp({
    clock: new ManualClock(new Date('2019-06-01T09:00:00.000Z')),
    config: loadConfig({
      NODE_ENV: 'test',
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      DATA_DIR: join(dir, 'files'),
      SEED_DEMO: 'true',
      WEB_DIST: '',
    }),
  });
  await app.ready();
  const built = performance.now();
  const fundId = app.db.transaction((tx) => buildFund(tx, count));
  process.stdout.write(
    `built a fund of ${count.toLocaleString('en-GB')} bids in ${((performance.now() - built) / 1000).toFixed(1)} s\n`,
  );
  app.db.run(sql`analyze`);
  const officerId = app.db.get<{ id: string }>(sql`select id from users where email = 'officer@demo.test'`).id;
  const actor = loadActor(app.db, officerId, { secondFactorUsed: true });
  const ctx = createServiceContext({
    db: app.db,
    clock: new ManualClock(new Date('2019-06-01T09:00:00.000Z')),
    publicUrl: 'http://localhost',
    actor,
  });
  const lastPage = Math.ceil(count / 25);
  const requests: [string, () => unknown][] = [
    ['results', () => panel.fundResults(ctx, fundId)],
    ['assessment overview', () => assessment.assessmentOverview(ctx, fundId)],
    ['scores CSV', async () => drain(panel.resultsCsv(ctx, fundId, 'scores'))],
    ['staff bid list, page 1', () => bidService.listBids(ctx, { fundId, page: 1, pageSize: 25 })],
    ['staff bid list, last page', () => bidService.listBids(ctx, { fundId, page: lastPage, pageSize: 25 })],
    ['budget', () => fundService.fundBudget(ctx, fundId)],
  ];
  for (const [name, run] of requests) {
    const ms = await time(run);
    results[name] ??= {};
    (results[name] as Record<number, number>)[count] = ms;
    process.stdout.write(`  ${name}: ${ms.toFixed(1)} ms\n`);
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

const header = ['request', ...SIZES.map((n) => `${n.toLocaleString('en-GB')} bids`)];
if (SIZES.length > 1) header.push(`× for ${SIZES.at(-1)! / SIZES[0]!}× the bids`);
console.log(`\n| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const [name, bySize] of Object.entries(results)) {
  const cells = SIZES.map((n) => `${(bySize[n] ?? 0).toFixed(1)} ms`);
  if (SIZES.length > 1) {
    const first = bySize[SIZES[0] as number] ?? 1;
    const last = bySize[SIZES.at(-1) as number] ?? 0;
    cells.push(`${(last / first).toFixed(1)}×`);
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
