// What a browser downloads before the first page can show: the entry script and every script it
// imports statically (which index.html preloads), and the stylesheet, each as built, gzipped and
// brotli-compressed. Prints figures only (decision 0021 keeps the initial JavaScript within
// 150 KB gzipped); run after `pnpm build`:
//
//   pnpm --filter @cf/web size
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error('No apps/web/dist/index.html: run pnpm build first.');
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');
const attr = (tag, name) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const entry = tags.filter((t) => t.startsWith('<script') && attr(t, 'src')).map((t) => attr(t, 'src'));
const styles = tags.filter((t) => /rel="stylesheet"/.test(t)).map((t) => attr(t, 'href'));

// Scripts: the entry and, followed through, every static import (not the routes' dynamic ones).
const scripts = new Set();
const queue = entry.map((src) => src.replace(/^\//, ''));
while (queue.length > 0) {
  const file = queue.shift();
  if (scripts.has(file)) continue;
  scripts.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const match of code.matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+)["']/g,
  )) {
    queue.push(join(dirname(file), match[1]));
  }
}

const measure = (file) => {
  const bytes = readFileSync(join(dist, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const table = (title, rows) => {
  console.log(`\n${title}`);
  console.log(`${'file'.padEnd(44)}${'as built'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const r of rows) console.log(`${r.file.padEnd(44)}${kb(r.raw)}${kb(r.gzip)}${kb(r.br)}`);
  const sum = (key) => rows.reduce((total, r) => total + r[key], 0);
  console.log(`${'in all'.padEnd(44)}${kb(sum('raw'))}${kb(sum('gzip'))}${kb(sum('br'))}`);
  return sum('gzip');
};

const js = table('Initial JavaScript (the entry and its static imports)', [...scripts].map(measure));
table(
  'Stylesheet',
  styles.map((href) => measure(href.replace(/^\//, ''))),
);
table('Page', [measure('index.html')]);
console.log(`\nInitial JavaScript, gzipped: ${(js / 1024).toFixed(1)} KB (aim: within 150 KB)`);
