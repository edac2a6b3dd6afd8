// Grants ready to be paid: accepted, with bank details finance has checked.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { unitOfWork } from '../../src/db/unit-of-work.js';
import { getGrantRow } from '../../src/modules/grants/repository.js';
import { moveGrant } from '../../src/modules/grants/service.js';
import { contextAs, type TestApp } from '../support/app.js';
import { type Client, signedIn } from '../support/client.js';

export const VYTIS = 'Basketball Club Vytis';
export const GOOD_ACCOUNT = { accountName: 'BC VYTIS', sortCode: '30-94-57', accountNumber: '00733445' };

/**
 * Accepts the offer. Until the offers branch's acceptance exists, set-up moves the grant through
 * the service layer (`moveGrant`), as an officer; the merge switches this to the real acceptance.
 */
export function acceptGrant(t: TestApp, grantId: string): void {
  const grant = getGrantRow(t.app.db, grantId);
  if (!grant) throw new Error(`No grant ${grantId}`);
  unitOfWork(t.app.db, (tx) => moveGrant(contextAs(t, 'officer@demo.test'), tx, grant, 'accept'));
}

/** The demo grant whose group has a member (applicant2@, Basketball Club Vytis: £15,000). */
export function vytisGrant(t: TestApp): {
  grantId: string;
  organisationId: string;
  awardPence: number;
  fundId: string;
} {
  const row = t.app.db.get<{ grantId: string; organisationId: string; awardPence: number; fundId: string }>(
    sql`select g.id as grantId, g.organisation_id as organisationId, a.amount_pence as awardPence, g.fund_id as fundId
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

/** Vytis's grant, accepted, with checked bank details: ready for a payment. */
export async function payableGrant(t: TestApp) {
  const grant = vytisGrant(t);
  acceptGrant(t, grant.grantId);
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
