import type { MoneyReturnKind, PaymentStatus } from '@cf/shared';
import { aliasedTable, and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  awards,
  bankAccountChecks,
  bankAccounts,
  bids,
  funds,
  grantEndings,
  grants,
  moneyReturns,
  organisations,
  payments,
  users,
} from '../../db/schema/index.js';

// ─── Bank details ────────────────────────────────────────────────────────────────────────────

export type BankAccountRow = typeof bankAccounts.$inferSelect;

export interface BankAccountRecord extends BankAccountRow {
  organisationName: string;
  recordedByName: string;
  check: { checkedById: string; checkedByName: string; checkedAt: string; phoneNumber: string } | null;
}

const checker = aliasedTable(users, 'checker');

function bankAccountQuery(q: Queryable) {
  return q
    .select({
      account: bankAccounts,
      organisationName: organisations.name,
      recordedByName: users.name,
      checkedById: bankAccountChecks.checkedBy,
      checkedByName: checker.name,
      checkedAt: bankAccountChecks.checkedAt,
      phoneNumber: bankAccountChecks.phoneNumber,
    })
    .from(bankAccounts)
    .innerJoin(organisations, eq(organisations.id, bankAccounts.organisationId))
    .innerJoin(users, eq(users.id, bankAccounts.recordedBy))
    .leftJoin(bankAccountChecks, eq(bankAccountChecks.bankAccountId, bankAccounts.id))
    .leftJoin(checker, eq(checker.id, bankAccountChecks.checkedBy));
}

interface BankAccountJoined {
  account: BankAccountRow;
  organisationName: string;
  recordedByName: string;
  checkedById: string | null;
  checkedByName: string | null;
  checkedAt: string | null;
  phoneNumber: string | null;
}

function toRecord(row: BankAccountJoined): BankAccountRecord {
  return {
    ...row.account,
    organisationName: row.organisationName,
    recordedByName: row.recordedByName,
    check:
      row.checkedById && row.checkedAt && row.phoneNumber
        ? {
            checkedById: row.checkedById,
            checkedByName: row.checkedByName ?? '',
            checkedAt: row.checkedAt,
            phoneNumber: row.phoneNumber,
          }
        : null,
  };
}

/** The group's current account: the newest row (rowid breaks a tie within one millisecond). */
export function currentBankAccount(q: Queryable, organisationId: string): BankAccountRecord | undefined {
  const row = bankAccountQuery(q)
    .where(eq(bankAccounts.organisationId, organisationId))
    .orderBy(desc(bankAccounts.recordedAt), desc(sql`${bankAccounts}.rowid`))
    .limit(1)
    .get();
  return row ? toRecord(row) : undefined;
}

export function getBankAccount(q: Queryable, id: string): BankAccountRecord | undefined {
  const row = bankAccountQuery(q).where(eq(bankAccounts.id, id)).get();
  return row ? toRecord(row) : undefined;
}

/** Every group's current account that has not been checked yet, oldest change first. */
export function accountsWaitingForCheck(q: Queryable): BankAccountRecord[] {
  const newest = sql`${bankAccounts.id} = (select b2.id from bank_accounts b2
    where b2.organisation_id = ${bankAccounts.organisationId}
    order by b2.recorded_at desc, b2.rowid desc limit 1)`;
  return bankAccountQuery(q)
    .where(and(isNull(bankAccountChecks.id), newest))
    .orderBy(bankAccounts.recordedAt)
    .all()
    .map(toRecord);
}

export function insertBankAccount(
  q: Queryable,
  account: {
    organisationId: string;
    accountName: string;
    sortCode: string;
    accountNumber: string;
    recordedBy: string;
    at: string;
  },
): string {
  return q
    .insert(bankAccounts)
    .values({
      organisationId: account.organisationId,
      accountName: account.accountName,
      sortCode: account.sortCode,
      accountNumber: account.accountNumber,
      recordedBy: account.recordedBy,
      recordedAt: account.at,
    })
    .returning({ id: bankAccounts.id })
    .get().id;
}

export function insertBankCheck(
  q: Queryable,
  check: { bankAccountId: string; checkedBy: string; phoneNumber: string; at: string },
): void {
  q.insert(bankAccountChecks)
    .values({
      bankAccountId: check.bankAccountId,
      checkedBy: check.checkedBy,
      checkedAt: check.at,
      phoneNumber: check.phoneNumber,
      numberFromRecords: true,
    })
    .run();
}

// ─── Grants as payments see them ─────────────────────────────────────────────────────────────

export interface GrantForMoney {
  id: string;
  fundId: string;
  fundName: string;
  organisationId: string;
  organisationName: string;
  bidId: string;
  bidReference: string | null;
  bidTitle: string | null;
  status: (typeof grants.$inferSelect)['status'];
  awardPence: number;
  updatedAt: string;
  awardId: string;
  mainPriorityId: string | null;
  wardIds: string[];
  createdAt: string;
}

export function grantForMoney(q: Queryable, grantId: string): GrantForMoney | undefined {
  return q
    .select({
      id: grants.id,
      fundId: grants.fundId,
      fundName: funds.name,
      organisationId: grants.organisationId,
      organisationName: organisations.name,
      bidId: grants.bidId,
      bidReference: bids.reference,
      bidTitle: bids.title,
      status: grants.status,
      awardPence: awards.amountPence,
      updatedAt: grants.updatedAt,
      awardId: grants.awardId,
      mainPriorityId: grants.mainPriorityId,
      wardIds: grants.wardIds,
      createdAt: grants.createdAt,
    })
    .from(grants)
    .innerJoin(awards, eq(awards.id, grants.awardId))
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(funds, eq(funds.id, grants.fundId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .where(eq(grants.id, grantId))
    .get();
}

/** Paid (less reversals), on its way (requested or approved), and paid back, for one grant. */
export function grantSums(
  q: Queryable,
  grantId: string,
): { paidPence: number; inFlightPence: number; paidBackPence: number; returnedPence: number } {
  const row = q.get<{ paid: number; inFlight: number; paidBack: number; returned: number }>(sql`
    select
      (select coalesce(sum(amount_pence), 0) from payments where grant_id = ${grantId} and status = 'paid') as paid,
      (select coalesce(sum(amount_pence), 0) from payments where grant_id = ${grantId} and status in ('requested', 'approved')) as "inFlight",
      (select coalesce(sum(amount_pence), 0) from money_returns where grant_id = ${grantId} and kind = 'returned') as "paidBack",
      (select coalesce(sum(amount_pence), 0) from money_returns where grant_id = ${grantId}) as returned`);
  return {
    paidPence: Number(row?.paid ?? 0),
    inFlightPence: Number(row?.inFlight ?? 0),
    paidBackPence: Number(row?.paidBack ?? 0),
    returnedPence: Number(row?.returned ?? 0),
  };
}

/** What has been paid from a fund, less reversals: the budget's paid figure. */
export function paidOfFund(q: Queryable, fundId: string): number {
  const row = q.get<{ paid: number }>(
    sql`select coalesce(sum(amount_pence), 0) as paid from payments where fund_id = ${fundId} and status = 'paid'`,
  );
  return Number(row?.paid ?? 0);
}

// ─── Payments ────────────────────────────────────────────────────────────────────────────────

export type PaymentRow = typeof payments.$inferSelect;

export interface PaymentRecord extends PaymentRow {
  requestedByName: string;
  approvedByName: string | null;
  rejectedByName: string | null;
  accountName: string;
  accountNumber: string;
  bankRecordedBy: string;
  bankCheckedBy: string | null;
  reversedByPaymentId: string | null;
  bidReference: string | null;
  bidTitle: string | null;
  organisationName: string;
  organisationId: string;
}

const approver = aliasedTable(users, 'approver');
const rejecter = aliasedTable(users, 'rejecter');
const reversal = aliasedTable(payments, 'reversal');

function paymentQuery(q: Queryable) {
  return q
    .select({
      payment: payments,
      requestedByName: users.name,
      approvedByName: approver.name,
      rejectedByName: rejecter.name,
      accountName: bankAccounts.accountName,
      accountNumber: bankAccounts.accountNumber,
      bankRecordedBy: bankAccounts.recordedBy,
      bankCheckedBy: bankAccountChecks.checkedBy,
      reversedByPaymentId: reversal.id,
      bidReference: bids.reference,
      bidTitle: bids.title,
      organisationName: organisations.name,
      organisationId: organisations.id,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.requestedBy))
    .leftJoin(approver, eq(approver.id, payments.approvedBy))
    .leftJoin(rejecter, eq(rejecter.id, payments.rejectedBy))
    .innerJoin(bankAccounts, eq(bankAccounts.id, payments.bankAccountId))
    .leftJoin(bankAccountChecks, eq(bankAccountChecks.bankAccountId, bankAccounts.id))
    .leftJoin(reversal, eq(reversal.reversesPaymentId, payments.id))
    .innerJoin(grants, eq(grants.id, payments.grantId))
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId));
}

type PaymentJoined = Omit<PaymentRecord, keyof PaymentRow> & { payment: PaymentRow };

function toPayment(row: PaymentJoined): PaymentRecord {
  const { payment, ...rest } = row;
  return { ...payment, ...rest };
}

export function getPayment(q: Queryable, paymentId: string): PaymentRecord | undefined {
  const row = paymentQuery(q).where(eq(payments.id, paymentId)).get();
  return row ? toPayment(row) : undefined;
}

export function paymentsOfGrant(q: Queryable, grantId: string): PaymentRecord[] {
  return paymentQuery(q)
    .where(eq(payments.grantId, grantId))
    .orderBy(payments.requestedAt, sql`${payments}.rowid`)
    .all()
    .map(toPayment);
}

export function paymentByKey(q: Queryable, grantId: string, key: string): PaymentRecord | undefined {
  const row = paymentQuery(q)
    .where(and(eq(payments.grantId, grantId), eq(payments.idempotencyKey, key)))
    .get();
  return row ? toPayment(row) : undefined;
}

/** Every payment waiting for approval, oldest first. */
export function paymentsWaiting(q: Queryable): PaymentRecord[] {
  return paymentQuery(q)
    .where(eq(payments.status, 'requested'))
    .orderBy(payments.requestedAt, sql`${payments}.rowid`)
    .all()
    .map(toPayment);
}

/**
 * A fund's payments, filtered: by status, and by date — the date paid for paid entries, the date
 * asked for otherwise.
 */
export function paymentsOfFund(
  q: Queryable,
  fundId: string,
  filter: { status?: PaymentStatus | undefined; from?: string | undefined; to?: string | undefined },
): PaymentRecord[] {
  const day = sql<string>`coalesce(${payments.paidOn}, substr(${payments.requestedAt}, 1, 10))`;
  return paymentQuery(q)
    .where(
      and(
        eq(payments.fundId, fundId),
        filter.status ? eq(payments.status, filter.status) : undefined,
        filter.from ? gte(day, filter.from) : undefined,
        filter.to ? lte(day, filter.to) : undefined,
      ),
    )
    .orderBy(day, payments.requestedAt, sql`${payments}.rowid`)
    .all()
    .map(toPayment);
}

export function insertPayment(
  q: Queryable,
  payment: {
    grantId: string;
    fundId: string;
    amountPence: number;
    trigger: PaymentRow['trigger'];
    status: PaymentStatus;
    bankAccountId: string;
    idempotencyKey: string | null;
    requestedBy: string;
    at: string;
    reversesPaymentId?: string;
    reversalReason?: string;
    paidOn?: string;
    paidReference?: string;
  },
): string {
  return q
    .insert(payments)
    .values({
      grantId: payment.grantId,
      fundId: payment.fundId,
      amountPence: payment.amountPence,
      trigger: payment.trigger,
      status: payment.status,
      bankAccountId: payment.bankAccountId,
      idempotencyKey: payment.idempotencyKey,
      requestedBy: payment.requestedBy,
      requestedAt: payment.at,
      reversesPaymentId: payment.reversesPaymentId ?? null,
      reversalReason: payment.reversalReason ?? null,
      paidOn: payment.paidOn ?? null,
      paidReference: payment.paidReference ?? null,
      paidRecordedBy: payment.paidOn ? payment.requestedBy : null,
      paidRecordedAt: payment.paidOn ? payment.at : null,
    })
    .returning({ id: payments.id })
    .get().id;
}

/** Moves a payment on, only from the state the caller read (false when someone moved it first). */
export function writePaymentMove(
  q: Queryable,
  paymentId: string,
  from: PaymentStatus,
  changes: Partial<
    Pick<
      PaymentRow,
      | 'status'
      | 'approvedBy'
      | 'approvedAt'
      | 'paidOn'
      | 'paidReference'
      | 'paidRecordedBy'
      | 'paidRecordedAt'
      | 'rejectedBy'
      | 'rejectedAt'
      | 'rejectedReason'
    >
  >,
): boolean {
  const result = q
    .update(payments)
    .set(changes)
    .where(and(eq(payments.id, paymentId), eq(payments.status, from)))
    .run();
  return result.changes === 1;
}

// ─── Returned money, endings, the ledger ─────────────────────────────────────────────────────

export function returnsOfGrant(q: Queryable, grantId: string) {
  return q
    .select({
      id: moneyReturns.id,
      kind: moneyReturns.kind,
      amountPence: moneyReturns.amountPence,
      reason: moneyReturns.reason,
      receivedOn: moneyReturns.receivedOn,
      receiptReference: moneyReturns.receiptReference,
      recordedByName: users.name,
      recordedAt: moneyReturns.recordedAt,
    })
    .from(moneyReturns)
    .leftJoin(users, eq(users.id, moneyReturns.recordedBy))
    .where(eq(moneyReturns.grantId, grantId))
    .orderBy(moneyReturns.recordedAt, sql`${moneyReturns}.rowid`)
    .all();
}

export function insertReturn(
  q: Queryable,
  entry: {
    grantId: string;
    fundId: string;
    kind: MoneyReturnKind;
    amountPence: number;
    reason: string;
    receivedOn: string | null;
    receiptReference: string | null;
    recordedBy: string;
    at: string;
  },
): void {
  q.insert(moneyReturns)
    .values({
      grantId: entry.grantId,
      fundId: entry.fundId,
      kind: entry.kind,
      amountPence: entry.amountPence,
      reason: entry.reason,
      receivedOn: entry.receivedOn,
      receiptReference: entry.receiptReference,
      recordedBy: entry.recordedBy,
      recordedAt: entry.at,
    })
    .run();
}

export function endingOfGrant(q: Queryable, grantId: string) {
  return q
    .select({
      reason: grantEndings.reason,
      owedBackPence: grantEndings.owedBackPence,
      endedAt: grantEndings.endedAt,
      endedByName: users.name,
    })
    .from(grantEndings)
    .innerJoin(users, eq(users.id, grantEndings.endedBy))
    .where(eq(grantEndings.grantId, grantId))
    .get();
}

export function insertEnding(
  q: Queryable,
  ending: { grantId: string; reason: string; owedBackPence: number; endedBy: string; at: string },
): void {
  q.insert(grantEndings)
    .values({
      grantId: ending.grantId,
      reason: ending.reason,
      owedBackPence: ending.owedBackPence,
      endedBy: ending.endedBy,
      endedAt: ending.at,
    })
    .run();
}

export function fundCodes(
  q: Queryable,
  fundId: string,
): { id: string; code: string; costCentre: string; accountCode: string; published: boolean } | undefined {
  return q
    .select({
      id: funds.id,
      code: funds.code,
      costCentre: funds.costCentre,
      accountCode: funds.accountCode,
      published: funds.published,
    })
    .from(funds)
    .where(eq(funds.id, fundId))
    .get();
}

/** Who has declared a conflict with a group: they do no staff work on its grant's money either. */
export function conflictedWith(q: Queryable, organisationId: string): string[] {
  return q
    .select({ userId: assessorConflicts.assessorId })
    .from(assessorConflicts)
    .where(eq(assessorConflicts.organisationId, organisationId))
    .all()
    .map((c) => c.userId);
}

/** Every grant of a fund with where its money stands, by bid reference. */
export function grantsOfFund(q: Queryable, fundId: string) {
  return q.all<{
    grantId: string;
    bidReference: string | null;
    bidTitle: string | null;
    organisationName: string;
    status: (typeof grants.$inferSelect)['status'];
    awardPence: number;
    paidPence: number;
    inFlightPence: number;
    returnedPence: number;
  }>(sql`
    select g.id as "grantId", b.reference as "bidReference", b.title as "bidTitle", o.name as "organisationName",
      g.status as status, a.amount_pence as "awardPence",
      (select coalesce(sum(p.amount_pence), 0) from payments p where p.grant_id = g.id and p.status = 'paid') as "paidPence",
      (select coalesce(sum(p.amount_pence), 0) from payments p where p.grant_id = g.id and p.status in ('requested', 'approved')) as "inFlightPence",
      (select coalesce(sum(r.amount_pence), 0) from money_returns r where r.grant_id = g.id) as "returnedPence"
    from grants g
    join awards a on a.id = g.award_id
    join bids b on b.id = g.bid_id
    join organisations o on o.id = g.organisation_id
    where g.fund_id = ${fundId}
    order by b.reference, g.rowid`);
}
