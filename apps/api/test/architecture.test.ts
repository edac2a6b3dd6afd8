import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The shape of src/modules (src/modules/README.md), checked on the code itself: a rule that only
// lives in a README is forgotten by the next change.

const src = resolve(import.meta.dirname, '../src');
const modulesDir = join(src, 'modules');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const sourceFiles = filesUnder(src);
const moduleFiles = sourceFiles.filter((f) => f.startsWith(modulesDir));
const modules = readdirSync(modulesDir).filter((name) => statSync(join(modulesDir, name)).isDirectory());

const rel = (file: string) => relative(src, file);
const moduleOf = (file: string) => relative(modulesDir, file).split('/')[0] ?? '';

/** Every module specifier a file imports or re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'([^']+)'/g)].map((m) => m[1] ?? '');
}

/** The table between the dependency markers of the README: module → modules it may import. */
function allowedImports(): Map<string, Set<string>> {
  const readme = readFileSync(join(modulesDir, 'README.md'), 'utf8');
  const table = /<!-- dependencies: start -->([\s\S]*?)<!-- dependencies: end -->/.exec(readme)?.[1] ?? '';
  const allowed = new Map<string, Set<string>>();
  for (const line of table.split('\n').slice(3)) {
    const cells = line.split('|').map((c) => c.trim());
    const name = cells[1];
    if (!name) continue;
    allowed.set(
      name,
      new Set(
        (cells[2] ?? '')
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      ),
    );
  }
  return allowed;
}

describe('the shape of the API modules', () => {
  it('lists every module in the dependency table of modules/README.md', () => {
    expect([...allowedImports().keys()].sort()).toEqual([...modules].sort());
  });

  it('has no file in a module but routes.ts import Fastify', () => {
    const offenders = moduleFiles.filter(
      (file) =>
        !file.endsWith('/routes.ts') &&
        importsOf(file).some((s) => s === 'fastify' || s.startsWith('fastify-') || s.startsWith('@fastify/')),
    );
    expect(offenders.map(rel)).toEqual([]);
  });

  it('keeps SQL in repositories: no other file in a module imports drizzle or the tables', () => {
    const offenders = moduleFiles.filter(
      (file) =>
        !file.endsWith('/repository.ts') &&
        importsOf(file).some(
          (s) => s === 'drizzle-orm' || s.startsWith('drizzle-orm/') || s.includes('/db/schema'),
        ),
    );
    expect(offenders.map(rel)).toEqual([]);
  });

  it('imports another module only where the table allows, so dependencies run one way', () => {
    const allowed = allowedImports();
    const offenders: string[] = [];
    for (const file of moduleFiles) {
      const from = moduleOf(file);
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        if (!target.startsWith(modulesDir)) continue;
        const to = moduleOf(target);
        if (to !== from && !allowed.get(from)?.has(to)) offenders.push(`${rel(file)} → ${to}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no cycle in the table itself', () => {
    const allowed = allowedImports();
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (name: string, path: string[]) => {
      if (done.has(name)) return;
      if (visiting.has(name)) {
        cycles.push([...path, name].join(' → '));
        return;
      }
      visiting.add(name);
      for (const next of allowed.get(name) ?? []) visit(next, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of allowed.keys()) visit(name, []);
    expect(cycles).toEqual([]);
  });

  it('has no module import src/plugins or src/app (they are built on modules, not under them)', () => {
    const offenders = moduleFiles.filter((file) =>
      importsOf(file).some((s) => {
        const target = resolve(dirname(file), s);
        return (
          s.startsWith('.') && (target.startsWith(join(src, 'plugins')) || target === join(src, 'app.js'))
        );
      }),
    );
    expect(offenders.map(rel)).toEqual([]);
  });
});

describe('one writer for each life', () => {
  /** Every place that changes a table: `.update(table)` in the code, `UPDATE table` in SQL text. */
  function updatesOf(table: string, column: string) {
    const found: { file: string; fn: string }[] = [];
    // Demo data is written as it stands, history and all (its audit trail too): it moves nothing.
    for (const file of sourceFiles.filter((f) => !f.includes('/src/seed/'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(new RegExp(`\\.update\\(${table}\\)([\\s\\S]*?)\\.run\\(\\)`, 'g'))) {
        if (!new RegExp(`\\b${column}\\b`).test(match[1] ?? '')) continue;
        const before = text.slice(0, match.index);
        const fn = [...before.matchAll(/function\s+(\w+)/g)].at(-1)?.[1] ?? '?';
        found.push({ file: rel(file), fn });
      }
      if (new RegExp(`update\\s+["\`]?${table}["\`]?\\s+set[^;]*\\b${column}\\b`, 'i').test(text)) {
        found.push({ file: rel(file), fn: 'raw SQL' });
      }
    }
    return found;
  }

  function callersOf(fn: string) {
    return sourceFiles.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(new RegExp(`(?<!function )\\b${fn}\\(`, 'g'))].map((match) => {
        const before = text.slice(0, match.index);
        return { file: rel(file), fn: [...before.matchAll(/function\s+(\w+)/g)].at(-1)?.[1] ?? '?' };
      });
    });
  }

  it('writes bids.status in one repository function, called only by moveBid', () => {
    expect(updatesOf('bids', 'status')).toEqual([
      { file: 'modules/bids/repository.ts', fn: 'writeBidStatus' },
    ]);
    expect(callersOf('writeBidStatus')).toEqual([{ file: 'modules/bids/service.ts', fn: 'moveBid' }]);
  });

  it('writes grants.status in one repository function, called only by moveGrant', () => {
    expect(updatesOf('grants', 'status')).toEqual([
      { file: 'modules/grants/repository.ts', fn: 'writeGrantStatus' },
    ]);
    expect(callersOf('writeGrantStatus')).toEqual([{ file: 'modules/grants/service.ts', fn: 'moveGrant' }]);
  });

  it('starts every read-then-write transaction through unitOfWork', () => {
    const direct = sourceFiles
      .filter((file) => !file.endsWith('db/unit-of-work.ts'))
      .filter((file) => /behavior:\s*'immediate'/.test(readFileSync(file, 'utf8')));
    expect(direct.map(rel)).toEqual([]);
  });
});
