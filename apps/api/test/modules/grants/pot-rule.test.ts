import { awardRefusal, potChangeRefusal, potPosition } from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerSqlFunctions } from '../../../src/db/client.js';
import * as schema from '../../../src/db/schema/index.js';
import { fundLedger, insertMoneyReturn } from '../../../src/modules/grants/repository.js';
import { apiRoot } from '../../../src/paths.js';

/**
 * The pot rule is kept twice: by the service (packages/shared `awardRefusal` over `potPosition`)
 * and by the database (triggers `awards_within_pot`, `funds_pot_covers_committed`,
 * `money_returns_within_award`). A bug in either must not let the pot be overdrawn; these
 * properties prove the two say the same thing, returned money included.
 */

type Db = ReturnType<typeof freshDatabase>;

function freshDatabase() {
  const sqlite = new Database(':memory:');
  // The app's SQL functions, which the audit chain's migration calls (decision 0026).
  registerSqlFunctions(sqlite);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: `${apiRoot()}/drizzle` });
  const user = db
    .insert(schema.users)
    .values({ email: 'o@test', name: 'Officer', status: 'active' })
    .returning()
    .get();
  const ward = db.insert(schema.wards).values({ name: 'Park', position: 1 }).returning().get();
  const group = db
    .insert(schema.organisations)
    .values({
      name: 'Group',
      type: 'community_group',
      addressLine1: '1 Road',
      town: 'Peterborough',
      postcode: 'PE1 1AA',
      wardId: ward.id,
      contactName: 'A',
      contactEmail: 'a@test',
      contactPhone: '01733 000000',
    })
    .returning()
    .get();
  return { sqlite, db, userId: user.id, groupId: group.id, wardId: ward.id };
}

function newFund(t: Db, potPence: number): string {
  return t.db
    .insert(schema.funds)
    .values({
      name: `Fund ${crypto.randomUUID()}`,
      code: crypto.randomUUID().slice(0, 6),
      potPence,
      capPence: potPence,
      opensAt: '2019-01-01T00:00:00.000Z',
      closesAt: '2019-06-01T00:00:00.000Z',
      deliveryStartsOn: '2019-07-01',
      deliveryEndsOn: '2020-03-31',
    })
    .returning()
    .get().id;
}

/** An award as the panel writes it (bid, decision, award, grant), straight to the database. */
function insertAward(t: Db, fundId: string, amountPence: number): string {
  const at = new Date().toISOString();
  const bid = t.db
    .insert(schema.bids)
    .values({
      fundId,
      organisationId: t.groupId,
      status: 'scored',
      amountRequestedPence: amountPence,
      eligibility: ELIGIBLE,
      createdBy: t.userId,
      updatedAt: at,
    })
    .returning()
    .get();
  const decision = t.db
    .insert(schema.decisions)
    .values({ bidId: bid.id, fundId, outcome: 'award', amountPence, decidedBy: t.userId, decidedAt: at })
    .returning()
    .get();
  return t.sqlite.transaction(() => {
    const award = t.db
      .insert(schema.awards)
      .values({ bidId: bid.id, fundId, decisionId: decision.id, amountPence, awardedAt: at })
      .returning()
      .get();
    return t.db
      .insert(schema.grants)
      .values({
        awardId: award.id,
        bidId: bid.id,
        fundId,
        organisationId: t.groupId,
        mainPriorityId: null,
        wardIds: [t.wardId],
        updatedAt: at,
      })
      .returning()
      .get().id;
  })();
}

function refused(write: () => unknown): boolean {
  try {
    write();
    return false;
  } catch (error) {
    // drizzle wraps the database's refusal; the trigger's words are in the cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    if (!(cause instanceof Error) || !/overdraw|pot cannot|returned from a grant/.test(cause.message)) {
      throw error;
    }
    return true;
  }
}

const operation = fc.oneof(
  fc.record({ kind: fc.constant('award' as const), amountPence: fc.integer({ min: 1, max: 400_000 }) }),
  fc.record({
    kind: fc.constant('return' as const),
    grant: fc.nat(),
    amountPence: fc.integer({ min: 1, max: 500_000 }),
  }),
  fc.record({ kind: fc.constant('pot' as const), potPence: fc.integer({ min: 0, max: 2_000_000 }) }),
);

describe('the pot rule, in the service and in the database', () => {
  it('agree on every award, return and change of pot, whatever happened before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_500_000 }),
        fc.array(operation, { maxLength: 25 }),
        (pot, ops) => {
          const t = freshDatabase();
          try {
            let potPence = pot;
            const fundId = newFund(t, potPence);
            const grants: { id: string; amountPence: number; returnedPence: number }[] = [];
            for (const op of ops) {
              const ledger = fundLedger(t.db, fundId);
              if (!ledger) throw new Error('The fund vanished');
              const position = potPosition(ledger.potPence, ledger.awards);
              if (op.kind === 'award') {
                const rule = awardRefusal({
                  amountPence: op.amountPence,
                  requestedPence: op.amountPence,
                  capPence: potPence,
                  availablePence: position.availablePence,
                });
                // The database holds the pot, not the cap: compare on the pot alone.
                const ruleRefuses = rule?.rule === 'overdraws' || op.amountPence > position.availablePence;
                let id = '';
                const dbRefuses = refused(() => {
                  id = insertAward(t, fundId, op.amountPence);
                });
                expect(dbRefuses, `award ${op.amountPence} with ${position.availablePence} available`).toBe(
                  ruleRefuses,
                );
                if (!dbRefuses) grants.push({ id, amountPence: op.amountPence, returnedPence: 0 });
              } else if (op.kind === 'return') {
                const grant = grants[op.grant % Math.max(1, grants.length)];
                if (!grant) continue;
                const ruleRefuses = grant.returnedPence + op.amountPence > grant.amountPence;
                const dbRefuses = refused(() =>
                  insertMoneyReturn(t.db, {
                    grantId: grant.id,
                    fundId,
                    amountPence: op.amountPence,
                    reason: 'Unspent',
                    recordedBy: t.userId,
                    at: new Date().toISOString(),
                  }),
                );
                expect(dbRefuses).toBe(ruleRefuses);
                if (!dbRefuses) grant.returnedPence += op.amountPence;
              } else {
                const ruleRefuses = potChangeRefusal(op.potPence, position.committedPence) !== null;
                const dbRefuses = refused(() =>
                  t.db.run(sql`update funds set pot_pence = ${op.potPence} where id = ${fundId}`),
                );
                expect(dbRefuses, `pot ${op.potPence} with ${position.committedPence} committed`).toBe(
                  ruleRefuses,
                );
                if (!dbRefuses) potPence = op.potPence;
              }
              const after = potPosition(potPence, fundLedger(t.db, fundId)?.awards ?? []);
              expect(after.committedPence).toBeLessThanOrEqual(potPence);
              expect(after.committedPence).toBe(
                grants.reduce((sum, g) => sum + g.amountPence - g.returnedPence, 0),
              );
            }
          } finally {
            t.sqlite.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
