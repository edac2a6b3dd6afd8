// Bundles the API into dist/server.js for `pnpm start`, and dist/ops.js for `pnpm backup` and
// `pnpm restore`. Our own workspace packages (@cf/shared,
// consumed as TypeScript source) are bundled in; everything from npm stays in node_modules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter(
  (name) => !pkg.dependencies[name].startsWith('workspace:'),
);

await build({
  entryPoints: {
    server: fileURLToPath(new URL('./src/server.ts', import.meta.url)),
    ops: fileURLToPath(new URL('./src/ops/cli.ts', import.meta.url)),
  },
  outdir: fileURLToPath(new URL('./dist', import.meta.url)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
console.log('apps/api: built dist/server.js and dist/ops.js');
