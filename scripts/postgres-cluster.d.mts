// Types for postgres-cluster.mjs, which the test runner (plain JavaScript) and the bench (TypeScript,
// apps/api/bench/postgres.ts) both use.

/** The newest installed PostgreSQL's programs, or null when there is none. */
export function postgresBin(): string | null;

/** Installs Debian's PostgreSQL when it is missing and this is root on Debian; true when it is there. */
export function ensurePostgres(): boolean;

/** A throwaway cluster on 127.0.0.1 and a free port, or null when no PostgreSQL is installed. */
export function startCluster(): { url: string; stop(): void } | null;
