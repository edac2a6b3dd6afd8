import { defineConfig } from 'drizzle-kit';

// Used only by `pnpm db:generate:pg` to write the PostgreSQL migrations into ./drizzle-pg (committed),
// from the PostgreSQL tables derived from the SQLite schema (src/db/pg/schema.ts, decision 0035).
// Rules drizzle-kit cannot describe (triggers, functions, the search index) are custom migrations
// in the same folder (`pnpm db:generate:pg --custom --name <what>`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './drizzle-pg',
});
