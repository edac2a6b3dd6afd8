import type { Need, NeedBody } from '@cf/shared';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { needs, wards } from '../../db/schema/index.js';

export type NeedRow = typeof needs.$inferSelect;
export type NeedInput = z.output<typeof NeedBody>;

function needCondition(filter: { wardId?: string | undefined; needId?: string }) {
  return filter.needId
    ? eq(needs.id, filter.needId)
    : filter.wardId
      ? eq(needs.wardId, filter.wardId)
      : undefined;
}

/**
 * Needs in the project bank with their ward, in the council's ward order, newest first within a
 * ward (the id breaks ties, so pages never overlap): all of them, or one page (`window`).
 */
export function listNeeds(
  q: Queryable,
  filter: { wardId?: string | undefined; needId?: string },
  window?: { offset: number; limit: number },
): Need[] {
  const query = q
    .select({
      id: needs.id,
      wardId: needs.wardId,
      wardName: wards.name,
      title: needs.title,
      description: needs.description,
      source: needs.source,
      sourceDetail: needs.sourceDetail,
      identifiedOn: needs.identifiedOn,
      createdAt: needs.createdAt,
    })
    .from(needs)
    .innerJoin(wards, eq(wards.id, needs.wardId))
    .where(needCondition(filter))
    .orderBy(asc(wards.position), desc(needs.identifiedOn), asc(needs.id));
  return window ? query.limit(window.limit).offset(window.offset).all() : query.all();
}

export function countNeeds(q: Queryable, filter: { wardId?: string | undefined }): number {
  return (
    q.select({ count: sql<number>`count(*)` }).from(needs).where(needCondition(filter)).get()?.count ?? 0
  );
}

export function getNeedRow(q: Queryable, needId: string): NeedRow | undefined {
  return q.select().from(needs).where(eq(needs.id, needId)).get();
}

export function insertNeed(q: Queryable, body: NeedInput, createdBy: string | null): string {
  return q
    .insert(needs)
    .values({ ...body, createdBy })
    .returning({ id: needs.id })
    .get().id;
}

export function updateNeed(q: Queryable, needId: string, body: NeedInput): void {
  q.update(needs).set(body).where(eq(needs.id, needId)).run();
}

/** Of these ids, those that are not needs in the project bank. */
export function unknownNeedIds(q: Queryable, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const known = new Set(
    q
      .select({ id: needs.id })
      .from(needs)
      .where(inArray(needs.id, [...ids]))
      .all()
      .map((n) => n.id),
  );
  return ids.filter((id) => !known.has(id));
}
