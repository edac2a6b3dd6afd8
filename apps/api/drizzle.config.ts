import { defineConfig } from 'drizzle-kit';

// Used only by `pnpm db:generate` to write SQL migrations into ./drizzle (committed).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
