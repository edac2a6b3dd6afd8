import type { ReferenceData } from '@cf/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { priorities, wards } from '../../db/schema/index.js';

/** Priorities and wards in the council's order. */
export function referenceData(q: Queryable): ReferenceData {
  return {
    priorities: q
      .select({ id: priorities.id, name: priorities.name, description: priorities.description })
      .from(priorities)
      .orderBy(asc(priorities.position))
      .all(),
    wards: q
      .select({ id: wards.id, name: wards.name, isCityWide: wards.isCityWide })
      .from(wards)
      .orderBy(asc(wards.position))
      .all(),
  };
}

/** Wards with their position, for putting figures in the council's order. */
export function wardsInOrder(q: Queryable) {
  return q
    .select({ id: wards.id, name: wards.name, position: wards.position })
    .from(wards)
    .orderBy(asc(wards.position))
    .all();
}

/** Of these ids, those that are not wards. */
export function unknownWardIds(q: Queryable, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const known = new Set(
    q
      .select({ id: wards.id })
      .from(wards)
      .where(inArray(wards.id, [...ids]))
      .all()
      .map((w) => w.id),
  );
  return ids.filter((id) => !known.has(id));
}

/** The ids of the "wards" that stand for the whole city ("City-wide"). */
export function cityWideWardIds(q: Queryable): string[] {
  return q
    .select({ id: wards.id })
    .from(wards)
    .where(eq(wards.isCityWide, true))
    .all()
    .map((w) => w.id);
}

/** Of these ids, those that are not priorities. */
export function unknownPriorityIds(q: Queryable, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const known = new Set(
    q
      .select({ id: priorities.id })
      .from(priorities)
      .where(inArray(priorities.id, [...ids]))
      .all()
      .map((p) => p.id),
  );
  return ids.filter((id) => !known.has(id));
}

/** The names of these wards, in the council's order. */
export function wardNames(q: Queryable, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return q
    .select({ name: wards.name })
    .from(wards)
    .where(inArray(wards.id, [...ids]))
    .orderBy(asc(wards.position))
    .all()
    .map((w) => w.name);
}
