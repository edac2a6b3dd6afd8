// Grants ready to be paid: accepted, with bank details finance has checked.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getGrantRow } from '../../src/modules/grants/repository.js';
import type { TestApp } from '../support/app.js';
import { type Client, signedIn } from '../support/client.js';
import { userIdOf } from '../support/database.js';
import { registeredApplicant } from './accounts.js';

export const VYTIS = 'Basketball Club Vytis';
export const GOOD_ACCOUNT = { accountName: 'BC VYTIS', sortCode: '30-94-57', accountNumber: '00733445' };

let newMembers = 0;

/**
 * The offer issued by an officer and accepted by a member of the group, through the API as people
 * do it. A demo group with no member who can sign in gets one first (set-up only: joining a group
 * by invitation is tested with the groups).
 */
export async function acceptGrant(t: TestApp, grantId: string): Promise<Client> {
  const grant = getGrantRow(t.app.db, grantId);
  if (!grant) throw new Error(`No grant ${grantId}`);
  const officer = await signedIn(t.app, 'officer@demo.test');
  const issued = await officer.post(`/api/grants/${grantId}/offer/issue`);
  if (issued.statusCode !== 200) throw new Error(`Could not issue the offer: ${issued.body}`);
  const email = t.app.db.get<{ email: string }>(
    sql`select u.email from memberships m join users u on u.id = m.user_id
        where m.organisation_id = ${grant.organisationId} order by u.email limit 1`,
  )?.email;
  let member: Client;
  if (email) member = await signedIn(t.app, email);
  else {
    newMembers += 1;
    const address = `grant.member.${newMembers}@example.org`;
    member = await registeredApplicant(t.app, address, 'Grant Member');
    t.app.db.run(
      sql`insert into memberships (user_id, organisation_id) values (${userIdOf(t.app, address)}, ${grant.organisationId})`,
    );
  }
  const accepted = await member.post(`/api/grants/${grantId}/accept`, {
    fullName: 'Grant Member',
    role: 'Treasurer',
    declaration: true,
  });
  if (accepted.statusCode !== 200) throw new Error(`Could not accept the offer: ${accepted.body}`);
  return member;
}

/** The demo grant whose group has a member (applicant2@, Basketball Club Vytis: £15,000). */
export function vytisGrant(t: TestApp): {
  grantId: string;
  organisationId: string;
  awardPence: number;
  fundId: string;
} {
  const row = t.app.db.get<{ grantId: string; organisationId: string; awardPence: number; fundId: string }>(
    sql`select g.id as "grantId", g.organisation_id as "organisationId", a.amount_pence as "awardPence", g.fund_id as "fundId"
        from grants g join organisations o on o.id = g.organisation_id join awards a on a.id = g.award_id
        where o.name = ${VYTIS}`,
  );
  if (!row) throw new Error('No demo grant for Basketball Club Vytis');
  return row;
}

/** A member gives bank details; finance2@ checks them (so finance@ may approve payments to them). */
export async function checkedBankDetails(
  t: TestApp,
  member: Client,
  organisationId: string,
  checker?: Client,
): Promise<string> {
  const given = await member.put(`/api/organisations/${organisationId}/bank-account`, GOOD_ACCOUNT);
  if (given.statusCode !== 200) throw new Error(`Could not give bank details: ${given.body}`);
  const id = given.json().id as string;
  const finance2 = checker ?? (await signedIn(t.app, 'finance2@demo.test'));
  const checked = await finance2.post(`/api/bank-accounts/${id}/check`, {
    phoneNumber: '01733 555 0100',
    numberFromRecords: true,
  });
  if (checked.statusCode !== 200) throw new Error(`Could not check bank details: ${checked.body}`);
  return id;
}

/**
 * The officer ticks the grant's conditions to be met before the first payment (the demo fund's
 * standard ones ask for a safeguarding policy), all but those whose text is kept back.
 */
export async function firstPaymentConditionsMet(
  t: TestApp,
  grantId: string,
  keepBack: readonly string[] = [],
): Promise<void> {
  const officer = await signedIn(t.app, 'officer@demo.test');
  const { conditions } = (await officer.get(`/api/grants/${grantId}`)).json() as {
    conditions: { id: string; text: string; beforeFirstPayment: boolean; metAt: string | null }[];
  };
  for (const condition of conditions) {
    if (!condition.beforeFirstPayment || condition.metAt !== null || keepBack.includes(condition.text))
      continue;
    const met = await officer.post(`/api/grants/${grantId}/conditions/${condition.id}/met`);
    if (met.statusCode !== 200) throw new Error(`Could not tick a condition: ${met.body}`);
  }
}

/** Vytis's grant, accepted, its conditions met, with checked bank details: ready for a payment. */
export async function payableGrant(t: TestApp) {
  const grant = vytisGrant(t);
  await acceptGrant(t, grant.grantId);
  await firstPaymentConditionsMet(t, grant.grantId);
  const member = await signedIn(t.app, 'applicant2@demo.test');
  const bankAccountId = await checkedBankDetails(t, member, grant.organisationId);
  return { ...grant, member, bankAccountId };
}

/** The database itself refuses the write (a trigger), whatever the application does. */
export function databaseRefuses(write: () => unknown, reason: RegExp): void {
  let caught: unknown;
  try {
    write();
  } catch (error) {
    caught = error;
  }
  const cause = (caught as { cause?: { message?: string } } | undefined)?.cause?.message;
  expect(cause ?? (caught as Error | undefined)?.message ?? 'no refusal').toMatch(reason);
}

/** The CSV's rows as cells (every field of ours is quoted or a plain number). */
export function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) =>
      (line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g) ?? [])
        .filter((c) => c !== '')
        .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"')),
    );
}

/** The CSV's amounts, in pence, added up with integer arithmetic. */
export function csvTotalPence(text: string): number {
  return csvRows(text)
    .slice(1)
    .reduce((sum, row) => {
      const [pounds = '0', pennies = '0'] = (row[2] ?? '0').replace('-', '').split('.');
      const value = Number(pounds) * 100 + Number(pennies.padEnd(2, '0'));
      return sum + ((row[2] ?? '').startsWith('-') ? -value : value);
    }, 0);
}
