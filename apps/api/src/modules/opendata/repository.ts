import type { GrantStatus, OrganisationType } from '@cf/shared';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { memberships, organisations, users, wards } from '../../db/schema/index.js';

/** A fund as open data names it. */
export function fundForOpenData(q: Queryable, fundId: string) {
  return q.get<{ id: string; name: string; code: string; description: string; published: number }>(sql`
    select id, name, code, description, published from funds where id = ${fundId}`);
}

/** One of a fund's grants with everything its open data is made from (nothing personal is read). */
export interface GrantForOpenData {
  grantId: string;
  bidId: string;
  status: GrantStatus;
  bidReference: string | null;
  bidTitle: string | null;
  purpose: string;
  amountAppliedForPence: number;
  awardPence: number;
  awardedAt: string;
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  registeredNumber: string | null;
  wardIds: string[];
  priorityId: string | null;
  priorityName: string | null;
  /** The bid's timetable section, as saved (startDate, endDate). */
  timetable: { startDate?: unknown; endDate?: unknown } | null;
  grantUpdatedAt: string;
  /** The latest money movement on the grant (a payment recorded paid, money returned), if any. */
  lastMoneyAt: string | null;
  /** Money that came back to the pot: declined offers, released and returned money. */
  returnedPence: number;
}

/** Every grant of a fund, oldest award first, with what open data needs of it. */
export function grantsForOpenData(q: Queryable, fundId: string): GrantForOpenData[] {
  const rows = q.all<
    Omit<GrantForOpenData, 'wardIds' | 'timetable'> & { wardIds: string; timetable: string | null }
  >(sql`
    select g.id as "grantId", g.bid_id as "bidId", g.status as status, b.reference as "bidReference",
      b.title as "bidTitle", g.purpose as purpose, b.amount_requested_pence as "amountAppliedForPence",
      a.amount_pence as "awardPence", a.awarded_at as "awardedAt",
      o.id as "organisationId", o.name as "organisationName", o.type as "organisationType",
      o.registered_number as "registeredNumber", g.ward_ids as "wardIds",
      p.id as "priorityId", p.name as "priorityName",
      (select s.data from bid_sections s where s.bid_id = b.id and s.section = 'timetable') as timetable,
      g.updated_at as "grantUpdatedAt",
      (select max(t) from (
        select max(pay.paid_recorded_at) as t from payments pay where pay.grant_id = g.id and pay.status = 'paid'
        union all
        select max(r.recorded_at) as t from money_returns r where r.grant_id = g.id
      ) as money_times) as "lastMoneyAt",
      (select coalesce(sum(r.amount_pence), 0) from money_returns r where r.grant_id = g.id) as "returnedPence"
    from grants g
    join awards a on a.id = g.award_id
    join bids b on b.id = g.bid_id
    join organisations o on o.id = g.organisation_id
    left join priorities p on p.id = g.main_priority_id
    where g.fund_id = ${fundId}
    order by a.awarded_at, b.reference, g.rowid`);
  return rows.map((r) => ({
    ...r,
    awardPence: Number(r.awardPence),
    amountAppliedForPence: Number(r.amountAppliedForPence),
    returnedPence: Number(r.returnedPence),
    wardIds: JSON.parse(r.wardIds) as string[],
    timetable: r.timetable ? (JSON.parse(r.timetable) as GrantForOpenData['timetable']) : null,
  }));
}

/** Wards with the codes open data publishes them by, in the council's order. */
export function wardsWithCodes(q: Queryable) {
  return q
    .select({ id: wards.id, name: wards.name, isCityWide: wards.isCityWide, code: wards.code })
    .from(wards)
    .orderBy(asc(wards.position))
    .all();
}

export function wardById(q: Queryable, wardId: string) {
  return q
    .select({ id: wards.id, name: wards.name, isCityWide: wards.isCityWide, code: wards.code })
    .from(wards)
    .where(eq(wards.id, wardId))
    .get();
}

export function setWardCode(q: Queryable, wardId: string, code: string | null): void {
  q.update(wards).set({ code }).where(eq(wards.id, wardId)).run();
}

/**
 * The people the service knows in connection with these groups: their members' names, and the
 * contact the group gave (name, phone). Read only by the quality check, which looks for them in
 * what would be published; never published. (Email addresses need no list: the check looks for
 * anything shaped like one.)
 */
export function peopleOfGroups(
  q: Queryable,
  organisationIds: readonly string[],
): Map<string, { names: string[]; phones: string[] }> {
  const people = new Map<string, { names: string[]; phones: string[] }>();
  if (organisationIds.length === 0) return people;
  const entry = (id: string) => {
    let e = people.get(id);
    if (!e) {
      e = { names: [], phones: [] };
      people.set(id, e);
    }
    return e;
  };
  for (const o of q
    .select({
      id: organisations.id,
      contactName: organisations.contactName,
      contactPhone: organisations.contactPhone,
    })
    .from(organisations)
    .where(inArray(organisations.id, [...organisationIds]))
    .all()) {
    const e = entry(o.id);
    e.names.push(o.contactName);
    if (o.contactPhone) e.phones.push(o.contactPhone);
  }
  for (const m of q
    .select({ organisationId: memberships.organisationId, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.organisationId, [...organisationIds]))
    .all()) {
    const e = entry(m.organisationId);
    e.names.push(m.name);
  }
  return people;
}
