// The PostgreSQL tables, built from the SQLite ones (db/schema) so that each table is still described
// once (decision 0035). drizzle-kit reads this file to write the PostgreSQL migrations into
// drizzle-pg/ (`pnpm --filter @cf/api db:generate:pg`); the running product never imports it: it
// speaks to PostgreSQL through the SQLite schema and db/pg/facade.ts.
//
// How each SQLite column is kept on PostgreSQL:
// - text (and JSON kept as text) → text; integer and boolean (0/1) → bigint, read back as numbers;
//   real → double precision;
// - an autoincrement id → a bigint identity, filled by the `a0_fill_id` trigger when drizzle's SQLite
//   dialect sends NULL for it (drizzle-pg/0001_rules.sql);
// - every table gains "rowid", a bigint identity: SQLite's hidden insert-order number, which a few
//   queries use to break ties between rows written in the same millisecond.
// Defaults, checks and partial indexes are the same SQL, said the PostgreSQL way (toPostgres).
import { is, SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  doublePrecision,
  foreignKey,
  index,
  type PgColumnBuilderBase,
  type PgTable,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from '../schema/index.js';
import { toPostgres } from './dialect.js';

/** A derived table: its columns are known only when it is built. */
type AnyPgTable = PgTable;

/** What every column builder used here can do; their own types differ by column type. */
interface ColumnBuilder extends PgColumnBuilderBase {
  primaryKey(): ColumnBuilder;
  notNull(): ColumnBuilder;
  unique(name?: string): ColumnBuilder;
  default(value: unknown): ColumnBuilder;
}

const byColumn = new Map<SQLiteColumn, () => AnyPgColumn>();
/** Each SQLite column's key in its table object (fundId for fund_id): the same key on PostgreSQL. */
const keyOf = new Map<SQLiteColumn, string>();

/**
 * The PostgreSQL column of a SQLite one. Inside a table's extra config (its keys, checks, indexes)
 * its own columns are the ones drizzle hands the callback (`own`), which carry index settings.
 */
function pgColumnOf(column: SQLiteColumn, own?: Record<string, AnyPgColumn>): AnyPgColumn {
  const key = keyOf.get(column);
  if (own && key && own[key]) return own[key];
  const found = byColumn.get(column);
  if (!found) throw new Error(`No PostgreSQL column for ${column.name}`);
  return found();
}

/** SQLite SQL (a default, a check, an index's WHERE) with its columns swapped for PostgreSQL's. */
function translate(expression: SQL, own?: Record<string, AnyPgColumn>): SQL {
  const chunks = expression.queryChunks.map((chunk) => {
    if (is(chunk, SQLiteColumn)) return pgColumnOf(chunk, own);
    if (is(chunk, SQL)) return translate(chunk, own);
    const strings = (chunk as { value?: unknown }).value;
    if (Array.isArray(strings)) return sql.raw(toPostgres(strings.join('')));
    return chunk;
  });
  return sql.join(chunks as SQL[]);
}

function literal(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function columnOf(column: SQLiteColumn): PgColumnBuilderBase {
  const kind = column.columnType;
  let builder: ColumnBuilder;
  if (kind === 'SQLiteText' || kind === 'SQLiteTextJson')
    builder = text(column.name) as unknown as ColumnBuilder;
  else if (kind === 'SQLiteInteger' || kind === 'SQLiteBoolean') {
    const integer = bigint(column.name, { mode: 'number' });
    const identity = (column as unknown as { autoIncrement?: boolean }).autoIncrement;
    builder = (identity ? integer.generatedByDefaultAsIdentity() : integer) as unknown as ColumnBuilder;
  } else if (kind === 'SQLiteReal') builder = doublePrecision(column.name) as unknown as ColumnBuilder;
  else throw new Error(`${column.name}: no PostgreSQL type for ${kind}`);
  if (column.primary) builder = builder.primaryKey();
  else if (column.notNull) builder = builder.notNull();
  if (column.isUnique) builder = builder.unique(column.uniqueName);
  if (column.default !== undefined) {
    builder = builder.default(is(column.default, SQL) ? translate(column.default) : literal(column.default));
  }
  return builder;
}

function pgTableOf(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table);
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const [key, column] of Object.entries(table) as [string, unknown][]) {
    if (is(column, SQLiteColumn) && config.columns.includes(column)) keyOf.set(column, key);
  }
  for (const column of config.columns) columns[keyOf.get(column) ?? column.name] = columnOf(column);
  columns.rowid = bigint('rowid', { mode: 'number' }).generatedAlwaysAsIdentity();

  const pg = pgTable(config.name, columns, (t) => {
    const own = t as unknown as Record<string, AnyPgColumn>;
    const mine = (c: SQLiteColumn) => pgColumnOf(c, own);
    return [
      ...config.primaryKeys.map((pk) =>
        primaryKey({ name: pk.getName(), columns: pk.columns.map(mine) as [AnyPgColumn, ...AnyPgColumn[]] }),
      ),
      ...config.foreignKeys.map((fk) => {
        const reference = fk.reference();
        let built = foreignKey({
          name: fk.getName(),
          columns: reference.columns.map(mine) as [AnyPgColumn, ...AnyPgColumn[]],
          foreignColumns: reference.foreignColumns.map((c) => pgColumnOf(c)) as [
            AnyPgColumn,
            ...AnyPgColumn[],
          ],
        });
        if (fk.onDelete) built = built.onDelete(fk.onDelete);
        if (fk.onUpdate) built = built.onUpdate(fk.onUpdate);
        return built;
      }),
      ...config.uniqueConstraints.map((u) => unique(u.name).on(...(u.columns.map(mine) as [AnyPgColumn]))),
      ...config.checks.map((c) => check(c.name, translate(c.value, own))),
      ...config.indexes.map((i) => {
        const on = i.config.columns.map((c) => {
          if (!is(c, SQLiteColumn))
            throw new Error(`${i.config.name}: an index on an expression is not derived`);
          return mine(c);
        }) as [AnyPgColumn, ...AnyPgColumn[]];
        const made = (i.config.unique ? uniqueIndex(i.config.name) : index(i.config.name)).on(...on);
        return i.config.where ? made.where(translate(i.config.where, own)) : made;
      }),
    ];
  });
  for (const column of config.columns) {
    const key = keyOf.get(column) ?? column.name;
    byColumn.set(column, () => (pg as unknown as Record<string, AnyPgColumn>)[key] as AnyPgColumn);
  }
  return pg;
}

/** Every SQLite table of the schema, as a PostgreSQL table, by the same export name. */
export function pgTablesOf(schema: Record<string, unknown>): Record<string, AnyPgTable> {
  const tables: Record<string, AnyPgTable> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!is(value, SQLiteTable)) continue;
    tables[key] = pgTableOf(value);
  }
  return tables;
}

const tables = pgTablesOf(sqliteSchema);

// drizzle-kit finds tables among a module's named exports; test/db/pg-schema.test.ts checks that this
// list names every SQLite table.
export const {
  accountTokens,
  assessorConflicts,
  assignments,
  attachments,
  auditEvents,
  auditRefusals,
  authFailures,
  awards,
  bankAccountChecks,
  bankAccounts,
  bidSectionVersions,
  bidSections,
  bids,
  decisions,
  fundCriteria,
  fundPriorities,
  funds,
  grantConditions,
  grantEndings,
  grantInstalments,
  grantRatings,
  grantReports,
  grants,
  invitations,
  jobRuns,
  memberships,
  moderationNotes,
  moneyReturns,
  needs,
  organisationInvitations,
  organisations,
  outbox,
  panels,
  payments,
  personalDataRemovals,
  priorities,
  recoveryCodes,
  referenceCounters,
  reopenRequests,
  reportEvidence,
  reportReminders,
  retentionSettings,
  scoreSets,
  scores,
  screenings,
  secondFactors,
  sessions,
  userRoles,
  users,
  wards,
} = tables;
