import { count } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { priorities, wards } from '../db/schema/index.js';

/** The council's integration strategy priorities (PRODUCT.md section 1). */
export const PRIORITIES = [
  { name: 'Economic Opportunity', description: 'Skills, work and enterprise that open doors for everyone' },
  {
    name: 'Bringing Communities Together',
    description: 'People from different backgrounds meeting and doing things together',
  },
  {
    name: 'Young People',
    description: 'Children and young people growing up with friends from every background',
  },
  { name: 'English Language', description: 'Confidence and skill in speaking, reading and writing English' },
] as const;

/** Wards of Peterborough, 2016 boundaries, plus "City-wide" (PRODUCT.md section 7). */
export const WARDS = [
  'Barnack',
  'Bretton',
  'Central',
  'Dogsthorpe',
  'East',
  'Eye, Thorney and Newborough',
  'Fletton and Stanground',
  'Fletton and Woodston',
  'Glinton and Castor',
  'Gunthorpe',
  'Hampton Vale',
  'Hargate and Hempsted',
  'Millfield and New England',
  'North',
  'Orton Longueville',
  'Orton Waterville',
  'Park',
  'Paston and Walton',
  'Ravensthorpe',
  'Stanground South',
  'Werrington',
  'Wittering',
] as const;
export const CITY_WIDE = 'City-wide';

/**
 * Reference data every database needs, demo or not. Seeded once into an empty table; after that,
 * admins edit it and this never overwrites their changes.
 */
export function seedReferenceData(q: Queryable): void {
  if ((q.select({ n: count() }).from(priorities).get()?.n ?? 0) === 0) {
    q.insert(priorities)
      .values(PRIORITIES.map((p, position) => ({ ...p, position })))
      .run();
  }
  if ((q.select({ n: count() }).from(wards).get()?.n ?? 0) === 0) {
    q.insert(wards)
      .values([
        ...WARDS.map((name, position) => ({ name, position, isCityWide: false })),
        { name: CITY_WIDE, position: WARDS.length, isCityWide: true },
      ])
      .run();
  }
}
