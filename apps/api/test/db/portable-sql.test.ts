import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Raw SQL that PostgreSQL would read differently from SQLite (decision 0035): an unquoted alias
// such as `as wardIds` comes back from PostgreSQL as `wardids`, so a row's field is undefined.
// Quoted (`as "wardIds"`) it means the same on both. Comments and imports are not SQL and are left out.
// The product's code and the tests' and bench's own SQL: a test helper's unquoted alias makes a
// test fail on PostgreSQL for a reason that is not the product's.
const root = resolve(import.meta.dirname, '../..');
const roots = ['src', 'test', 'bench', 'scripts'].map((dir) => join(root, dir));
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('raw SQL says the same on SQLite and PostgreSQL', () => {
  const lines = roots
    .flatMap(filesUnder)
    .filter((file) => file !== import.meta.filename)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ where: `${relative(root, file)}:${index + 1}`, line }))
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*|import )/.test(line)),
    );

  it('quotes every camelCase alias', () => {
    const unquoted = lines
      .filter(({ line }) => /\bas [a-z]+[A-Z][A-Za-z]*\b/.test(line))
      .map(({ where }) => where);
    expect(unquoted).toEqual([]);
  });

  it('finds the quoted aliases it checks (the search itself works)', () => {
    expect(lines.filter(({ line }) => /\bas "[a-z]+[A-Z][A-Za-z]*"/.test(line)).length).toBeGreaterThan(20);
  });
});
