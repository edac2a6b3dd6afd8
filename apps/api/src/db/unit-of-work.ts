import type { Db, Queryable } from './client.js';

/**
 * Runs `work` as one read-then-write transaction: every change a service makes, with the reads its
 * decision rests on, commits together or not at all. `work` must not be async (better-sqlite3 is
 * synchronous; an async callback would commit before it finished).
 *
 * On SQLite this is BEGIN IMMEDIATE: the write lock is taken before the first read, so nothing
 * another request writes can slip between what `work` reads and what it writes (two decisions can
 * never both spend the pot's last pound). SQLite has one writer at a time, so that is all.
 *
 * A second database (PostgreSQL, for larger councils) runs writers side by side, and must lock the
 * rows each decision rests on instead, with SELECT … FOR UPDATE at the start of `work`:
 * - the fund row, wherever money is committed or the pot is changed (panel decisions, fund
 *   set-up, and later payments and returns): the pot rule reads every award of the fund;
 * - the bid row, wherever a bid moves (bids/service.ts `moveBid`), so two moves cannot both start
 *   from the same state;
 * - the assignment row, wherever scores are saved or a conflict is declared.
 * Call sites that spend from the pot say so in a comment naming this function.
 */
/**
 * Given a transaction already open (a Queryable inside `work`), it nests as a SAVEPOINT in that
 * transaction, which already holds the write lock: the audit trail's writer uses this to read the
 * chain's head and append in one step whether or not its caller opened a transaction.
 */
export function unitOfWork<T>(db: Db | Queryable, work: (tx: Queryable) => T): T {
  return db.transaction(work, { behavior: 'immediate' });
}
