import type { GrantStatus, InstalmentTrigger, MoneyReturnKind } from '@cf/shared';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { awards } from './assessment.js';
import { bids } from './bids.js';
import { createdAt, idColumn } from './columns.js';
import { funds } from './funds.js';
import { priorities } from './reference.js';
import { organisations, users } from './users.js';

/**
 * A grant: what an award becomes, with a life of its own (offered → in delivery → completed, or
 * declined, or ended early). The award stays the unchangeable record of what the panel committed;
 * the grant carries the offer, payments and reports that follow. See decision 0012.
 */
export const grants = sqliteTable(
  'grants',
  {
    id: idColumn(),
    awardId: text('award_id')
      .notNull()
      .unique()
      .references(() => awards.id),
    bidId: text('bid_id')
      .notNull()
      .unique()
      .references(() => bids.id),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').$type<GrantStatus>().notNull().default('offered'),
    /**
     * Where the grant counts in the budget: the bid's main priority and wards, as they were when it
     * was awarded (a bid cannot change after its decision, so these never drift from it).
     */
    mainPriorityId: text('main_priority_id').references(() => priorities.id),
    wardIds: text('ward_ids', { mode: 'json' }).$type<string[]>().notNull(),
    // ─── The offer (issue 10, decision 0022) ───
    /** What the grant is for, as the agreement says it (the bid's summary unless the officer changes it). */
    purpose: text('purpose').notNull().default(''),
    /** The London date the group must answer by; set to 28 days after issue when the officer set none. */
    offerDeadline: text('offer_deadline'),
    /** Goes up by one at every change of the draft offer (a change from an older version is a 409). */
    offerVersion: integer('offer_version').notNull().default(1),
    /** When the offer was issued to the group; null while it is a draft. */
    issuedAt: text('issued_at'),
    issuedBy: text('issued_by').references(() => users.id),
    acceptedAt: text('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id),
    /** The name and role the member signed the agreement with. */
    acceptedName: text('accepted_name'),
    acceptedRole: text('accepted_role'),
    declineReason: text('decline_reason'),
    endReason: text('end_reason'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('grants_fund').on(t.fundId), index('grants_organisation').on(t.organisationId)],
);

/**
 * Money that comes back to the pot from a grant: the whole award when an offer is declined,
 * unspent money at the end, money recovered. Never changed or deleted (rule 6): a correction is a
 * new row. Committed = awards − returns, in every figure.
 */
export const moneyReturns = sqliteTable(
  'money_returns',
  {
    id: idColumn(),
    grantId: text('grant_id')
      .notNull()
      .references(() => grants.id),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    amountPence: integer('amount_pence').notNull(),
    reason: text('reason').notNull(),
    /**
     * What the row is: `declined` (an offer turned down: the whole award), `released` (the unpaid
     * part of a grant ended early, never to be paid), `returned` (money the group paid back; only
     * this kind is limited by what was paid). Rows from before kinds existed are `released`.
     */
    kind: text('kind').$type<MoneyReturnKind>().notNull().default('released'),
    /** For money the group paid back: the date the council received it, and its receipt reference. */
    receivedOn: text('received_on'),
    receiptReference: text('receipt_reference'),
    recordedBy: text('recorded_by').references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    // The sum returned to a fund's pot from the index alone (the pot, on every decision).
    index('money_returns_fund_amount').on(t.fundId, t.amountPence),
    index('money_returns_grant').on(t.grantId),
  ],
);

/**
 * A grant's conditions: the fund's standard ones, copied when the grant is made, and any the
 * officer adds to this grant's draft offer. Those to meet before the first payment are ticked by
 * an officer (who, when).
 */
export const grantConditions = sqliteTable(
  'grant_conditions',
  {
    id: idColumn(),
    grantId: text('grant_id')
      .notNull()
      .references(() => grants.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    beforeFirstPayment: integer('before_first_payment', { mode: 'boolean' }).notNull().default(false),
    standard: integer('standard', { mode: 'boolean' }).notNull().default(false),
    metAt: text('met_at'),
    metBy: text('met_by').references(() => users.id),
  },
  (t) => [uniqueIndex('grant_conditions_position').on(t.grantId, t.position)],
);

/**
 * A grant's payment schedule: what is paid at which moment. Made from `defaultSchedule` when the
 * grant is made; the officer may change it while the offer is a draft. Adds up to the award.
 */
export const grantInstalments = sqliteTable(
  'grant_instalments',
  {
    id: idColumn(),
    grantId: text('grant_id')
      .notNull()
      .references(() => grants.id),
    position: integer('position').notNull(),
    trigger: text('trigger').$type<InstalmentTrigger>().notNull(),
    amountPence: integer('amount_pence').notNull(),
  },
  (t) => [uniqueIndex('grant_instalments_position').on(t.grantId, t.position)],
);
