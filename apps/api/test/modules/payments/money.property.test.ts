import { ELIGIBLE } from '@cf/shared/examples';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awards, bids, decisions, funds, grants, organisations } from '../../../src/db/schema/index.js';
import { unitOfWork } from '../../../src/db/unit-of-work.js';
import { getGrantRow } from '../../../src/modules/grants/repository.js';
import { moveGrant } from '../../../src/modules/grants/service.js';
import {
  insertBankAccount,
  insertBankCheck,
  insertReturn,
} from '../../../src/modules/payments/repository.js';
import { csvTotalPence } from '../../builders/payments.js';
import { buildTestApp, contextAs, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';

/**
 * Random sequences of awards, declined offers, payments asked for, approved, paid, rejected,
 * reversed, money paid back and grants ended early — some requests sent at once — and after every
 * step the rules of the money hold, and every figure of the budget agrees with the ledger's rows
 * and with payments.csv.
 */

type Action =
  | { kind: 'award'; pence: number; accepted: boolean }
  | { kind: 'accept'; grant: number }
  | { kind: 'decline'; grant: number }
  | { kind: 'end'; grant: number }
  | { kind: 'request'; grant: number; pence: number; twice: 'no' | 'same_key' | 'two_at_once' }
  | { kind: 'approve' | 'approve_race' | 'pay' | 'reject' | 'reverse'; payment: number }
  | { kind: 'return'; grant: number; pence: number };

const pence = fc.integer({ min: 1, max: 1_500_000 });
const index = fc.nat({ max: 7 });
const small = fc.integer({ min: 1, max: 400_000 });
const grantStep = (kind: 'accept' | 'decline' | 'end') =>
  fc.record({ kind: fc.constant(kind), grant: index });
const paymentStep = (kind: 'approve' | 'approve_race' | 'pay' | 'reject' | 'reverse') =>
  fc.record({ kind: fc.constant(kind), payment: index });
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('award' as const), pence, accepted: fc.boolean() }), weight: 3 },
  { arbitrary: grantStep('accept'), weight: 2 },
  { arbitrary: grantStep('decline'), weight: 2 },
  { arbitrary: grantStep('end'), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      grant: index,
      pence: small,
      twice: fc.constantFrom('no' as const, 'same_key' as const, 'two_at_once' as const),
    }),
    weight: 5,
  },
  { arbitrary: paymentStep('approve'), weight: 4 },
  { arbitrary: paymentStep('approve_race'), weight: 2 },
  { arbitrary: paymentStep('pay'), weight: 5 },
  { arbitrary: paymentStep('reject'), weight: 1 },
  { arbitrary: paymentStep('reverse'), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('return' as const), grant: index, pence: small }), weight: 3 },
);

describe('the money always adds up (property)', () => {
  let t: TestApp;
  let officer: Client;
  let finance: Client;
  let financeAgain: Client;
  let run = 0;
  /** How often each kind of step went through, to prove the sequences reach every state. */
  const through = { paid: 0, reversed: 0, returned: 0, ended: 0, declined: 0 };

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    finance = await signedIn(t.app, 'finance@demo.test');
    financeAgain = await signedIn(t.app, 'finance@demo.test');
  });
  afterAll(async () => t.close());

  /** A fund of its own for each run, with a group whose bank details finance2@ has checked. */
  function freshFund(potPence: number): { fundId: string; organisationId: string } {
    run += 1;
    const fundId = crypto.randomUUID();
    const organisationId = crypto.randomUUID();
    t.app.db
      .insert(funds)
      .values({
        id: fundId,
        name: `Property fund ${run}`,
        code: `PR${String.fromCharCode(65 + (run % 26))}${String.fromCharCode(65 + (Math.floor(run / 26) % 26))}`,
        potPence,
        capPence: potPence,
        opensAt: '2019-01-07T09:00:00.000Z',
        closesAt: '2019-03-29T17:00:00.000Z',
        deliveryStartsOn: '2019-07-01',
        deliveryEndsOn: '2020-03-31',
        costCentre: 'CF9',
        accountCode: '5810',
      })
      .run();
    t.app.db
      .insert(organisations)
      .values({
        id: organisationId,
        name: `Property group ${run}`,
        type: 'community_group',
        addressLine1: '1 High Street',
        town: 'Peterborough',
        postcode: 'PE1 1AA',
        contactName: 'A Person',
        contactEmail: `property${run}@example.org`,
      })
      .run();
    const at = t.clock.now().toISOString();
    const bankAccountId = insertBankAccount(t.app.db, {
      organisationId,
      accountName: 'PROPERTY GROUP',
      sortCode: '309457',
      accountNumber: '00733445',
      recordedBy: userIdOf(t.app, 'applicant2@demo.test'),
      at,
    });
    insertBankCheck(t.app.db, {
      bankAccountId,
      checkedBy: userIdOf(t.app, 'finance2@demo.test'),
      phoneNumber: '01733 555 0100',
      at,
    });
    return { fundId, organisationId };
  }

  /** An award and its grant, as the panel writes them; the database refuses one that overdraws. */
  function award(fundId: string, organisationId: string, amountPence: number): string | null {
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const bidId = crypto.randomUUID();
    const decisionId = crypto.randomUUID();
    const awardId = crypto.randomUUID();
    const at = t.clock.now().toISOString();
    try {
      return unitOfWork(t.app.db, (tx) => {
        tx.insert(bids)
          .values({
            id: bidId,
            fundId,
            organisationId,
            reference: `PR-${bidId.slice(0, 8)}`,
            status: 'awarded',
            title: 'A property project',
            amountRequestedPence: amountPence,
            eligibility: ELIGIBLE,
            createdBy: officerId,
            createdAt: at,
            updatedAt: at,
            submittedAt: at,
          })
          .run();
        tx.insert(decisions)
          .values({
            id: decisionId,
            bidId,
            fundId,
            outcome: 'award',
            amountPence,
            decidedBy: officerId,
            decidedAt: at,
          })
          .run();
        tx.insert(awards)
          .values({ id: awardId, bidId, fundId, decisionId, amountPence, awardedAt: at })
          .run();
        return tx
          .insert(grants)
          .values({ awardId, bidId, fundId, organisationId, wardIds: [], createdAt: at, updatedAt: at })
          .returning({ id: grants.id })
          .get().id;
      });
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      expect(cause).toMatch(/overdraw/);
      return null;
    }
  }

  /** The grant's move, through the service layer (the offers branch brings the real acceptance and decline). */
  function move(grantId: string, kind: 'accept' | 'decline'): boolean {
    const grant = getGrantRow(t.app.db, grantId);
    if (!grant) return false;
    const ctx = contextAs(t, 'officer@demo.test');
    try {
      unitOfWork(t.app.db, (tx) => {
        const moved = moveGrant(ctx, tx, grant, kind);
        if (kind === 'decline') {
          const amount = tx.get<{ a: number }>(
            sql`select a.amount_pence as a from awards a where a.id = ${grant.awardId}`,
          )?.a;
          insertReturn(tx, {
            grantId,
            fundId: grant.fundId,
            kind: 'declined',
            amountPence: amount ?? 0,
            reason: 'The offer was declined',
            receivedOn: null,
            receiptReference: null,
            recordedBy: userIdOf(t.app, 'officer@demo.test'),
            at: t.clock.now().toISOString(),
          });
        }
        return moved;
      });
      return true;
    } catch (error) {
      expect((error as { code?: string }).code).toBe('invalid_state');
      return false;
    }
  }

  /** Every answer is one the rules give (never a crash). */
  function expectHandled(...responses: LightMyRequestResponse[]): void {
    for (const r of responses) expect([200, 201, 400, 403, 409], r.body).toContain(r.statusCode);
  }

  /** Every rule and every figure, from the rows themselves. */
  async function checkEverything(fundId: string): Promise<void> {
    const rows = t.app.db.get<{ pot: number; awarded: number; returned: number; paid: number }>(sql`
      select
        (select pot_pence from funds where id = ${fundId}) as pot,
        (select coalesce(sum(amount_pence), 0) from awards where fund_id = ${fundId}) as awarded,
        (select coalesce(sum(amount_pence), 0) from money_returns where fund_id = ${fundId}) as returned,
        (select coalesce(sum(amount_pence), 0) from payments where fund_id = ${fundId} and status = 'paid') as paid`);
    if (!rows) throw new Error('no fund');
    expect(rows.awarded - rows.returned).toBeLessThanOrEqual(rows.pot);
    const perGrant = t.app.db.all<{
      award: number;
      out: number;
      paid: number;
      paidBack: number;
      returned: number;
    }>(sql`
      select a.amount_pence as award,
        (select coalesce(sum(amount_pence), 0) from payments p where p.grant_id = g.id and p.status in ('requested', 'approved', 'paid')) as out,
        (select coalesce(sum(amount_pence), 0) from payments p where p.grant_id = g.id and p.status = 'paid') as paid,
        (select coalesce(sum(amount_pence), 0) from money_returns r where r.grant_id = g.id and r.kind = 'returned') as "paidBack",
        (select coalesce(sum(amount_pence), 0) from money_returns r where r.grant_id = g.id) as returned
      from grants g join awards a on a.id = g.award_id where g.fund_id = ${fundId}`);
    for (const g of perGrant) {
      expect(g.out).toBeLessThanOrEqual(g.award);
      expect(g.paid).toBeGreaterThanOrEqual(0);
      expect(g.paidBack).toBeLessThanOrEqual(g.paid);
      expect(g.returned).toBeLessThanOrEqual(g.award);
    }
    const budget = (await finance.get(`/api/funds/${fundId}/budget`)).json();
    expect(budget).toMatchObject({
      potPence: rows.pot,
      committedPence: rows.awarded - rows.returned,
      returnedPence: rows.returned,
      availablePence: rows.pot - (rows.awarded - rows.returned),
      paidPence: rows.paid,
    });
    const csv = await finance.get(`/api/funds/${fundId}/payments.csv`);
    expect(csvTotalPence(csv.body)).toBe(budget.paidPence);
  }

  it('holds after every step of random sequences, some sent at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 500_000, max: 3_000_000 }),
        fc.array(fc.integer({ min: 10_000, max: 400_000 }), { minLength: 1, maxLength: 3 }),
        fc.array(action, { minLength: 10, maxLength: 30, size: 'max' }),
        async (potPence, accepted, actions) => {
          const { fundId, organisationId } = freshFund(potPence);
          const grantIds: string[] = [];
          // A few grants already accepted, so most sequences have money to move from the start.
          for (const amount of accepted) {
            const id = award(fundId, organisationId, amount);
            if (id) {
              move(id, 'accept');
              grantIds.push(id);
            }
          }
          await checkEverything(fundId);
          const paymentIds: string[] = [];
          // Likewise a grant the step fits most of the time, now and then any grant.
          const fits: Record<string, string> = {
            accept: "g.status = 'offered'",
            decline: "g.status = 'offered'",
            end: "g.status in ('offered', 'in_delivery')",
            request: "g.status = 'in_delivery'",
            return: `(select coalesce(sum(amount_pence), 0) from payments p where p.grant_id = g.id and p.status = 'paid')
              > (select coalesce(sum(amount_pence), 0) from money_returns r where r.grant_id = g.id and r.kind = 'returned')`,
          };
          const grantFor = (i: number, kind: string) => {
            if (i === 7) return grantIds[grantIds.length - 1];
            const ids = t.app.db
              .all<{ id: string }>(
                sql`select g.id from grants g where g.fund_id = ${fundId} and ${sql.raw(fits[kind] ?? '1 = 1')} order by g.rowid`,
              )
              .map((g) => g.id);
            return ids[i % Math.max(1, ids.length)];
          };
          // Mostly a payment the step can move (one waiting, for an approval; an approved one, to pay;
          // a paid one, to reverse), so payments are taken all the way through; now and then any
          // payment at all, to be refused.
          const movable: Record<string, string> = {
            approve: "status = 'requested'",
            approve_race: "status = 'requested'",
            pay: "status = 'approved'",
            reject: "status in ('requested', 'approved')",
            reverse: "status = 'paid' and amount_pence > 0",
          };
          const paymentAt = (i: number, kind: string) => {
            if (i === 7) return paymentIds[paymentIds.length - 1];
            const ids = t.app.db
              .all<{ id: string }>(
                sql`select id from payments where fund_id = ${fundId} and ${sql.raw(movable[kind] ?? '1 = 1')} order by rowid`,
              )
              .map((p) => p.id);
            return ids[i % Math.max(1, ids.length)];
          };
          const today = t.clock.now().toISOString().slice(0, 10);
          let keys = 0;
          for (const step of actions) {
            if (step.kind === 'award') {
              const id = award(fundId, organisationId, step.pence);
              if (id) grantIds.push(id);
              if (id && step.accepted) move(id, 'accept');
            } else if (step.kind === 'accept' || step.kind === 'decline') {
              const id = grantFor(step.grant, step.kind);
              if (id && move(id, step.kind) && step.kind === 'decline') through.declined += 1;
            } else if (step.kind === 'end') {
              const id = grantFor(step.grant, step.kind);
              if (!id) continue;
              const ended = await officer.post(`/api/grants/${id}/end-early`, {
                reason: 'Ended',
                owedBackPence: 0,
              });
              expectHandled(ended);
              if (ended.statusCode === 200) through.ended += 1;
            } else if (step.kind === 'request') {
              const id = grantFor(step.grant, step.kind);
              if (!id) continue;
              const send = (key?: string) =>
                officer.request('POST', `/api/grants/${id}/payments`, {
                  body: { amountPence: step.pence, trigger: 'acceptance' },
                  headers: key ? { 'idempotency-key': key } : {},
                });
              keys += 1;
              const answers =
                step.twice === 'no'
                  ? [await send()]
                  : await Promise.all(
                      step.twice === 'same_key'
                        ? [send(`k${run}-${keys}`), send(`k${run}-${keys}`)]
                        : [send(), send()],
                    );
              expectHandled(...answers);
              const made = answers.filter((a) => a.statusCode === 201).map((a) => a.json().id as string);
              if (step.twice === 'same_key') expect(new Set(made).size).toBeLessThanOrEqual(1);
              paymentIds.push(...new Set(made));
            } else if (step.kind === 'return') {
              const id = grantFor(step.grant, step.kind);
              if (!id) continue;
              // Mostly no more than can come back (so money does come back); now and then anything.
              const returnable =
                t.app.db.get<{ left: number }>(sql`select
                  (select coalesce(sum(amount_pence), 0) from payments where grant_id = ${id} and status = 'paid')
                  - (select coalesce(sum(amount_pence), 0) from money_returns where grant_id = ${id} and kind = 'returned')
                  as left`)?.left ?? 0;
              const back = await finance.post(`/api/grants/${id}/returns`, {
                amountPence:
                  step.grant === 7 || returnable < 1 ? step.pence : Math.min(step.pence, returnable),
                receivedOn: today,
                reason: 'Unspent',
                receiptReference: 'R-1',
              });
              expectHandled(back);
              if (back.statusCode === 200) through.returned += 1;
            } else {
              const id = paymentAt(step.payment, step.kind);
              if (!id) continue;
              if (step.kind === 'approve') expectHandled(await finance.post(`/api/payments/${id}/approve`));
              if (step.kind === 'approve_race') {
                const both = await Promise.all([
                  finance.post(`/api/payments/${id}/approve`),
                  financeAgain.post(`/api/payments/${id}/approve`),
                ]);
                expectHandled(...both);
                expect(both.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
              }
              if (step.kind === 'pay') {
                const paid = await finance.post(`/api/payments/${id}/paid`, {
                  paidOn: today,
                  paidReference: 'AP-1',
                });
                expectHandled(paid);
                if (paid.statusCode === 200) through.paid += 1;
              }
              if (step.kind === 'reject')
                expectHandled(await finance.post(`/api/payments/${id}/reject`, { reason: 'No' }));
              if (step.kind === 'reverse') {
                const reversed = await finance.post(`/api/payments/${id}/reverse`, {
                  reason: 'Error',
                  reversedOn: today,
                  paidReference: 'AP-R',
                });
                expectHandled(reversed);
                if (reversed.statusCode === 201) {
                  paymentIds.push(reversed.json().id);
                  through.reversed += 1;
                }
              }
            }
            await checkEverything(fundId);
          }
        },
      ),
      { numRuns: 60 },
    );
    // The random sequences reached every corner: not a property that held because nothing happened.
    for (const [what, count] of Object.entries(through)) expect(count, what).toBeGreaterThan(0);
  }, 60_000);
});
