import type { BidStatus } from '@cf/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  awards,
  bids,
  decisions,
  moderationNotes,
  organisations,
  panels,
  priorities,
  users,
  wards,
} from '../../db/schema/index.js';

/** Bids of a fund in these statuses with their group's name. */
export function bidsWithGroup(
  q: Queryable,
  fundId: string,
  statuses: readonly BidStatus[],
  bidIds?: string[],
) {
  return q
    .select({ bid: bids, organisationName: organisations.name })
    .from(bids)
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(
      and(
        eq(bids.fundId, fundId),
        inArray(bids.status, [...statuses]),
        bidIds ? inArray(bids.id, bidIds) : undefined,
      ),
    )
    .all();
}

export function priorityNames(q: Queryable): Map<string, string> {
  return new Map(
    q
      .select({ id: priorities.id, name: priorities.name })
      .from(priorities)
      .all()
      .map((p) => [p.id, p.name]),
  );
}

export function wardNameMap(q: Queryable): Map<string, string> {
  return new Map(
    q
      .select({ id: wards.id, name: wards.name })
      .from(wards)
      .all()
      .map((w) => [w.id, w.name]),
  );
}

export function insertPanel(
  q: Queryable,
  panel: { fundId: string; panelDate: string; minutes: string | null; createdBy: string },
): string {
  return q.insert(panels).values(panel).returning({ id: panels.id }).get().id;
}

export function insertDecision(
  q: Queryable,
  decision: {
    id: string;
    bidId: string;
    fundId: string;
    panelId: string | null;
    outcome: 'award' | 'reject' | 'defer';
    amountPence: number | null;
    reason: string | null;
    decidedBy: string;
    decidedAt: string;
  },
): string {
  return q.insert(decisions).values(decision).returning({ id: decisions.id }).get().id;
}

/** The award: what the fund has committed to the bid. The database refuses one that overdraws the pot. */
export function insertAward(
  q: Queryable,
  award: { bidId: string; fundId: string; decisionId: string; amountPence: number; awardedAt: string },
): string {
  return q.insert(awards).values(award).returning({ id: awards.id }).get().id;
}

export function insertModerationNote(
  q: Queryable,
  note: { bidId: string; note: string; createdBy: string; createdAt: string },
): void {
  q.insert(moderationNotes).values(note).run();
}

// ─── A fund's bids at once (decision 0021) ───────────────────────────────────────────────────────

/**
 * The newest decision on each of a fund's bids (or only these of it); of two made at the same
 * instant (a deferral, then the award), the later written.
 */
export function latestDecisionsOfFund(q: Queryable, fundId: string, bidIds?: readonly string[]) {
  const newest = new Map<string, typeof decisions.$inferSelect>();
  // Oldest first, so the newest (and of two at one instant, the later written) is kept last.
  for (const row of q
    .select()
    .from(decisions)
    .where(and(eq(decisions.fundId, fundId), bidIds ? inArray(decisions.bidId, [...bidIds]) : undefined))
    .orderBy(asc(decisions.decidedAt), asc(sql`${decisions}.rowid`))
    .all()) {
    newest.set(row.bidId, row);
  }
  return newest;
}

/**
 * The moderation notes on each of a fund's bids (or only these of it) as last sent, in one query:
 * notes written before a return are of another bid.
 */
export function moderationNotesOfFund(q: Queryable, fundId: string, bidIds?: readonly string[]) {
  const byBid = new Map<string, { note: string; byName: string; at: string }[]>();
  for (const { bidId, ...note } of q
    .select({
      bidId: moderationNotes.bidId,
      note: moderationNotes.note,
      byName: users.name,
      at: moderationNotes.createdAt,
    })
    .from(bids)
    .innerJoin(moderationNotes, eq(moderationNotes.bidId, bids.id))
    .innerJoin(users, eq(users.id, moderationNotes.createdBy))
    .where(
      and(
        eq(bids.fundId, fundId),
        bidIds ? inArray(bids.id, [...bidIds]) : undefined,
        sql`(${bids.submittedAt} is null or ${moderationNotes.createdAt} >= ${bids.submittedAt})`,
      ),
    )
    .orderBy(asc(moderationNotes.createdAt))
    .all()) {
    const list = byBid.get(bidId);
    if (list) list.push(note);
    else byBid.set(bidId, [note]);
  }
  return byBid;
}
