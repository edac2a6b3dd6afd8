import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Raw SQL that PostgreSQL would read differently from SQLite (decision 0035): an unquoted alias
// such as `as wardIds` comes back from PostgreSQL as `wardids`, so a row's field is undefined.
// Quoted (`as "wardIds"`) it means the same on both. Comments are not SQL and are left out.
const src = resolve(import.meta.dirname, '../../src');
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
  const lines = filesUnder(src).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ where: `${relative(src, file)}:${index + 1}`, line }))
      .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line)),
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
