// Bundles the API for `pnpm start` (dist/server.js), and its operations commands for machines with
// no dev tools (the container): dist/ops.js (`pnpm backup`, `pnpm restore`; decision 0028) and
// dist/audit-verify.js (the audit chain check, decision 0026; `pnpm --filter @cf/api audit:verify`
// runs the same from source). Our own workspace packages (@cf/shared, consumed as TypeScript
// source) are bundled in; everything from npm stays in node_modules.
import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter(
  (name) => !pkg.dependencies[name].startsWith('workspace:'),
);
const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));

await build({
  entryPoints: {
    server: path('./src/server.ts'),
    ops: path('./src/ops/cli.ts'),
    'audit-verify': path('./scripts/audit-verify.ts'),
  },
  outdir: path('./dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
// The thread that holds a PostgreSQL connection (decision 0035) is started from its own file, found
// beside the code that starts it: src/db/pg/ when run from source, dist/ when bundled.
copyFileSync(path('./src/db/pg/worker.mjs'), path('./dist/worker.mjs'));
console.log('apps/api: built dist/server.js, dist/ops.js, dist/audit-verify.js and dist/worker.mjs');
