import type { InstalmentTrigger, PaymentStatus } from '@cf/shared';
import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { idColumn } from './columns.js';
import { funds } from './funds.js';
import { grants } from './grants.js';
import { organisations, users } from './users.js';

/**
 * A group's bank details, as a history: every change is a new row, the newest is the current
 * account, and no row is ever changed or deleted (migration triggers). Mandate fraud is a changed
 * account, so a new row is unverified until finance records a call-back check
 * (`bank_account_checks`). See decision 0023.
 */
export const bankAccounts = sqliteTable(
  'bank_accounts',
  {
    id: idColumn(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    accountName: text('account_name').notNull(),
    /** Six digits. */
    sortCode: text('sort_code').notNull(),
    /** Eight digits. */
    accountNumber: text('account_number').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('bank_accounts_organisation').on(t.organisationId, t.recordedAt)],
);

/**
 * Finance's call-back check of one bank account: who, when, the number they called, and that the
 * number came from the council's records from before the change. One per account; never changed.
 */
export const bankAccountChecks = sqliteTable('bank_account_checks', {
  id: idColumn(),
  bankAccountId: text('bank_account_id')
    .notNull()
    .unique()
    .references(() => bankAccounts.id),
  checkedBy: text('checked_by')
    .notNull()
    .references(() => users.id),
  checkedAt: text('checked_at').notNull(),
  phoneNumber: text('phone_number').notNull(),
  numberFromRecords: integer('number_from_records', { mode: 'boolean' }).notNull(),
});

/**
 * Money paid, or to be paid, on a grant: requested by an officer, approved by someone else with
 * the finance role, then recorded as paid (or rejected). A paid payment is corrected only by a
 * reversing entry: a negative, paid row pointing at it. Never deleted; the amount never changes.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: idColumn(),
    grantId: text('grant_id')
      .notNull()
      .references(() => grants.id),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    /** Negative for a reversing entry. */
    amountPence: integer('amount_pence').notNull(),
    /** Which instalment of the schedule it pays; the merge links it to `grant_instalments`. */
    trigger: text('trigger').$type<InstalmentTrigger>().notNull(),
    status: text('status').$type<PaymentStatus>().notNull(),
    bankAccountId: text('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    reversesPaymentId: text('reverses_payment_id').references((): AnySQLiteColumn => payments.id),
    /** Why a reversing entry was made. */
    reversalReason: text('reversal_reason'),
    idempotencyKey: text('idempotency_key'),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    approvedBy: text('approved_by').references(() => users.id),
    approvedAt: text('approved_at'),
    /** The date the money left, as the finance system has it. */
    paidOn: text('paid_on'),
    /** The finance system's own reference for the payment. */
    paidReference: text('paid_reference'),
    paidRecordedBy: text('paid_recorded_by').references(() => users.id),
    paidRecordedAt: text('paid_recorded_at'),
    rejectedBy: text('rejected_by').references(() => users.id),
    rejectedAt: text('rejected_at'),
    rejectedReason: text('rejected_reason'),
  },
  (t) => [
    index('payments_grant').on(t.grantId),
    // With the amount, so the budget's paid figure is summed from the index alone (issue 12).
    index('payments_fund_status').on(t.fundId, t.status, t.amountPence),
    uniqueIndex('payments_idempotency').on(t.grantId, t.idempotencyKey),
    uniqueIndex('payments_reversal_once').on(t.reversesPaymentId),
  ],
);

/** How a grant ended early: why, and what the group still owes back (PRODUCT.md section 3). */
export const grantEndings = sqliteTable('grant_endings', {
  id: idColumn(),
  grantId: text('grant_id')
    .notNull()
    .unique()
    .references(() => grants.id),
  reason: text('reason').notNull(),
  owedBackPence: integer('owed_back_pence').notNull(),
  endedBy: text('ended_by')
    .notNull()
    .references(() => users.id),
  endedAt: text('ended_at').notNull(),
});
