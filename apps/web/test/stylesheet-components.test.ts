import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The stylesheet takes only the GOV.UK Frontend components the app uses (decision 0032). A page that
// starts using another one would render it unstyled, which neither axe nor a journey notices: this
// test names the component whose `@use` line main.scss still needs.
const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const govuk = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/components');
const components = readdirSync(govuk, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(tsx?|html)$/.test(entry.name) ? [path] : [];
  });
}

describe('the stylesheet has every GOV.UK component the pages use', () => {
  const code = [...sources(join(web, 'src')), join(web, 'index.html')]
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
  const scss = readFileSync(join(web, 'src/styles/main.scss'), 'utf8');
  const used = components.filter((name) =>
    new RegExp(`govuk-${name}(?![a-z-])|govuk-${name}(__|--)`).test(code),
  );

  it('finds the components the pages use (the search itself works)', () => {
    expect(used).toEqual(expect.arrayContaining(['button', 'input', 'summary-list', 'table']));
  });

  it.each(used)('%s', (name) => {
    expect(scss, `main.scss needs @use "govuk-frontend/dist/govuk/components/${name}"`).toContain(
      `govuk/components/${name}"`,
    );
  });
});
