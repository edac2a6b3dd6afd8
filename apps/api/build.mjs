// Bundles the API into dist/server.js for `pnpm start`. Our own workspace packages (@cf/shared,
// consumed as TypeScript source) are bundled in; everything from npm stays in node_modules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter(
  (name) => !pkg.dependencies[name].startsWith('workspace:'),
);

await build({
  entryPoints: [fileURLToPath(new URL('./src/server.ts', import.meta.url))],
  outfile: fileURLToPath(new URL('./dist/server.js', import.meta.url)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
// The audit chain check (decision 0026), for machines with no dev tools (the container):
// `node apps/api/dist/audit-verify.js`, as `pnpm --filter @cf/api audit:verify` does from source.
await build({
  entryPoints: [fileURLToPath(new URL('./scripts/audit-verify.ts', import.meta.url))],
  outfile: fileURLToPath(new URL('./dist/audit-verify.js', import.meta.url)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
console.log('apps/api: built dist/server.js and dist/audit-verify.js');
