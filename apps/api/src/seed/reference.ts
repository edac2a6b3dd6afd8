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
 * The ONS codes of the 2016 wards (E05, published with geoCodeType WD) and of the council's area
 * for City-wide (E06000031, Peterborough unitary authority, UA). ONS numbers a new set of wards in
 * alphabetical order: Barnack E05010798 to Wittering E05010819. These are derived from that order,
 * not confirmed against the ONS list (decision 0025): an admin checks them before the first
 * publication and corrects any on the "Ward codes for open data" page. Migration 0021 writes the
 * same codes into existing databases.
 */
export const WARD_CODES: Record<(typeof WARDS)[number], string> = {
  Barnack: 'E05010798',
  Bretton: 'E05010799',
  Central: 'E05010800',
  Dogsthorpe: 'E05010801',
  East: 'E05010802',
  'Eye, Thorney and Newborough': 'E05010803',
  'Fletton and Stanground': 'E05010804',
  'Fletton and Woodston': 'E05010805',
  'Glinton and Castor': 'E05010806',
  Gunthorpe: 'E05010807',
  'Hampton Vale': 'E05010808',
  'Hargate and Hempsted': 'E05010809',
  'Millfield and New England': 'E05010810',
  North: 'E05010811',
  'Orton Longueville': 'E05010812',
  'Orton Waterville': 'E05010813',
  Park: 'E05010814',
  'Paston and Walton': 'E05010815',
  Ravensthorpe: 'E05010816',
  'Stanground South': 'E05010817',
  Werrington: 'E05010818',
  Wittering: 'E05010819',
};
export const CITY_WIDE_CODE = 'E06000031';

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
        ...WARDS.map((name, position) => ({ name, position, isCityWide: false, code: WARD_CODES[name] })),
        { name: CITY_WIDE, position: WARDS.length, isCityWide: true, code: CITY_WIDE_CODE },
      ])
      .run();
  }
}
