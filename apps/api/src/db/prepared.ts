import type { Queryable } from './client.js';

const prepared = new WeakMap<Queryable, Map<string, unknown>>();

/**
 * A query built and compiled once per database (or transaction) and kept, for the statements every
 * request runs (the session and the signed-in person): building a query with drizzle and compiling
 * it in SQLite costs far more than running it (issue 12, decision 0033). Write the query with
 * `sql.placeholder(...)` for its values, and give it a name unique in the program.
 */
export function preparedOnce<T>(q: Queryable, name: string, prepare: (q: Queryable) => T): T {
  let byName = prepared.get(q);
  if (!byName) {
    byName = new Map();
    prepared.set(q, byName);
  }
  if (!byName.has(name)) byName.set(name, prepare(q));
  return byName.get(name) as T;
}
