import type { AttachmentKind, BidStatus, ChangesAsked, EligibilityAnswers, SectionKey } from '@cf/shared';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, idColumn } from './columns.js';
import { funds } from './funds.js';
import { organisations, users } from './users.js';

export const bids = sqliteTable(
  'bids',
  {
    id: idColumn(),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Given at first submission, e.g. PCF-2019-0042; kept if the bid is returned and sent again. */
    reference: text('reference').unique(),
    status: text('status').$type<BidStatus>().notNull().default('draft'),
    /** Copied from the "about" section, for lists. */
    title: text('title'),
    /** The sum of the budget lines, kept in step with the budget section. */
    amountRequestedPence: integer('amount_requested_pence').notNull().default(0),
    eligibility: text('eligibility', { mode: 'json' }).$type<EligibilityAnswers>().notNull(),
    returnMessage: text('return_message'),
    /**
     * What the officer asked to change when returning the bid, still to do: a section leaves the
     * list when it is saved complete again, a kind of document when a new one is uploaded. Null
     * when nothing is asked for.
     */
    changesAsked: text('changes_asked', { mode: 'json' }).$type<ChangesAsked>(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
    submittedAt: text('submitted_at'),
  },
  (t) => [
    index('bids_organisation').on(t.organisationId),
    // With the amount, so the budget's pipeline is summed from the index alone (issue 12).
    index('bids_fund_status').on(t.fundId, t.status, t.amountRequestedPence),
    // The staff bid list, newest change first, for every fund and for one (decision 0021).
    index('bids_updated').on(t.updatedAt, t.id),
    index('bids_fund_updated').on(t.fundId, t.updatedAt, t.id),
  ],
);

/** The current answers of each section of a bid. */
export const bidSections = sqliteTable(
  'bid_sections',
  {
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    section: text('section').$type<SectionKey>().notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    complete: integer('complete', { mode: 'boolean' }).notNull().default(false),
    /** Goes up by one at every save; a save from an older version is a conflict (409). */
    version: integer('version').notNull(),
    updatedBy: text('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.section] })],
);

/** Every saved version of every section: what changed, for conflicts and for the record. */
export const bidSectionVersions = sqliteTable(
  'bid_section_versions',
  {
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    section: text('section').$type<SectionKey>().notNull(),
    version: integer('version').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    savedBy: text('saved_by')
      .notNull()
      .references(() => users.id),
    savedAt: text('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.section, t.version] })],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: idColumn(),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    kind: text('kind').$type<AttachmentKind>().notNull(),
    /** The name the person's file had, shown back to them and used when downloading. */
    filename: text('filename').notNull(),
    /** A random name under DATA_DIR; never derived from anything a person typed. */
    storedName: text('stored_name').notNull().unique(),
    /** Found from the file's bytes. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [index('attachments_bid').on(t.bidId)],
);

export const organisationInvitations = sqliteTable(
  'organisation_invitations',
  {
    id: idColumn(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('organisation_invitations_org').on(t.organisationId)],
);

/** Bid references are numbered per fund and year: PCF-2019-0001, PCF-2019-0002… */
export const referenceCounters = sqliteTable(
  'reference_counters',
  {
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('reference_counters_fund_year').on(t.fundId, t.year)],
);
