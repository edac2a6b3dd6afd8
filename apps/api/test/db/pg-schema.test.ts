import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgTables from '../../src/db/pg/schema.js';
import * as sqliteSchema from '../../src/db/schema/index.js';
import { apiRoot } from '../../src/paths.js';

// One description of each table, two databases (decision 0035): the PostgreSQL tables are built
// from the SQLite ones (src/db/pg/schema.ts), and drizzle-kit writes their migrations into
// drizzle-pg/. These checks fail when a table, column, key or index is added to the SQLite schema
// and `pnpm --filter @cf/api db:generate:pg` was not run, or when the derived list misses a table.

interface Snapshot {
  tables: Record<
    string,
    {
      name: string;
      columns: Record<string, { notNull: boolean; primaryKey: boolean }>;
      indexes: Record<string, { isUnique: boolean }>;
      foreignKeys: Record<string, unknown>;
      compositePrimaryKeys: Record<string, unknown>;
      uniqueConstraints: Record<string, unknown>;
      checkConstraints: Record<string, unknown>;
    }
  >;
}

const folder = join(apiRoot(), 'drizzle-pg', 'meta');
const latest = readdirSync(folder)
  .filter((name) => name.endsWith('_snapshot.json'))
  .sort()
  .at(-1);
const snapshot = JSON.parse(readFileSync(join(folder, latest ?? 'missing'), 'utf8')) as Snapshot;

const sqliteTables = Object.entries(sqliteSchema)
  .filter(([, value]) => is(value, SQLiteTable))
  .map(([key, value]) => ({ key, config: getTableConfig(value as SQLiteTable) }));

describe('the PostgreSQL schema', () => {
  it('exports every SQLite table by the same name, for drizzle-kit to find', () => {
    const exported = Object.entries(pgTables).filter(([, value]) => is(value, PgTable));
    expect(exported.map(([key]) => key).sort()).toEqual(sqliteTables.map((t) => t.key).sort());
  });

  it("has, in drizzle-pg's latest migration, every SQLite table with the same columns, and SQLite's rowid", () => {
    const expected = Object.fromEntries(
      sqliteTables.map(({ config }) => [
        config.name,
        [
          ...config.columns.map((c) => `${c.name}${c.notNull || c.primary ? ' not null' : ''}`),
          'rowid not null',
        ].sort(),
      ]),
    );
    const found = Object.fromEntries(
      Object.values(snapshot.tables).map((t) => [
        t.name,
        Object.entries(t.columns)
          .map(([name, c]) => `${name}${c.notNull || c.primaryKey ? ' not null' : ''}`)
          .sort(),
      ]),
    );
    expect(found).toEqual(expected);
  });

  it('has the same indexes, unique keys, foreign keys, composite keys and checks', () => {
    for (const { config } of sqliteTables) {
      const table = snapshot.tables[`public.${config.name}`];
      expect(table, config.name).toBeDefined();
      expect(Object.keys(table?.indexes ?? {}).sort(), config.name).toEqual(
        config.indexes.map((i) => i.config.name).sort(),
      );
      expect(
        Object.entries(table?.indexes ?? {})
          .filter(([, i]) => i.isUnique)
          .map(([name]) => name)
          .sort(),
      ).toEqual(
        config.indexes
          .filter((i) => i.config.unique)
          .map((i) => i.config.name)
          .sort(),
      );
      expect(Object.keys(table?.uniqueConstraints ?? {}).sort(), config.name).toEqual(
        [
          ...config.columns.filter((c) => c.isUnique).map((c) => c.uniqueName),
          ...config.uniqueConstraints.map((u) => u.getName()),
        ].sort(),
      );
      expect(Object.keys(table?.foreignKeys ?? {}).sort(), config.name).toEqual(
        config.foreignKeys.map((fk) => fk.getName()).sort(),
      );
      expect(Object.keys(table?.compositePrimaryKeys ?? {}).length, config.name).toBe(
        config.primaryKeys.length,
      );
      expect(Object.keys(table?.checkConstraints ?? {}).sort(), config.name).toEqual(
        config.checks.map((c) => c.name).sort(),
      );
    }
  });
});
