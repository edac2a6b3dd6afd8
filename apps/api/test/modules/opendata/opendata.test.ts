import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PURPOSE_SAME_AS_TITLE } from '../../../src/seed/demo-projects.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', '360giving');
const readJson = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** The official 360Giving package schema, with the grant schema registered offline (README there). */
function packageValidator() {
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  const packageSchema = readJson('360-giving-package-schema.json');
  ajv.addSchema(readJson('360-giving-schema.json'), packageSchema.properties.grants.items.$ref);
  return ajv.compile(packageSchema);
}

function fundIdOf(t: TestApp, name: string): string {
  const row = t.app.db.get<{ id: string }>(sql`select id from funds where name = ${name}`);
  if (!row) throw new Error(`no fund ${name}`);
  return row.id;
}

/** A CSV as rows of cells (the service's own CSV: every text quoted, numbers bare). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r') {
      // part of \r\n
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

describe('open data on the demo fund', () => {
  let t: TestApp;
  let fundId: string;
  let anonymous: Client;

  beforeAll(async () => {
    t = await buildTestApp();
    fundId = fundIdOf(t, 'Communities Fund');
    anonymous = new Client(t.app);
  });
  afterAll(async () => t.close());

  it('publishes the 19 grants, £215,000, as a package that validates against the official schema', async () => {
    const response = await anonymous.get(`/api/funds/${fundId}/360giving.json`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const pkg = response.json();
    const validate = packageValidator();
    expect(validate(pkg), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(pkg.grants).toHaveLength(19);
    const total = pkg.grants.reduce((sum: number, g: { amountAwarded: number }) => sum + g.amountAwarded, 0);
    expect(total).toBe(215_000);
    expect(pkg.license).toMatch(/^https:\/\//);
    expect(pkg.publisher).toEqual({ identifier: 'GB-LAE-PTE', name: 'Peterborough City Council' });
    for (const g of pkg.grants) {
      expect(g.id).toMatch(/^360G-peterboroughcc-PCF-\d{4}-\d{4}$/);
      expect(g.fundingOrganization).toEqual([{ id: 'GB-LAE-PTE', name: 'Peterborough City Council' }]);
      expect(g.grantProgramme[0].title).toBe('Communities Fund');
      expect(g.beneficiaryLocation.length).toBeGreaterThan(0);
      expect(g.classifications).toHaveLength(1);
      expect(g.plannedDates[0].startDate <= g.plannedDates[0].endDate).toBe(true);
      expect(g.dateModified).toBeTruthy();
    }
  });

  it('gives amountDisbursed as the payments module adds up what was paid (less reversals)', async () => {
    const pkg = (await anonymous.get(`/api/funds/${fundId}/360giving.json`)).json();
    const finance = await signedIn(t.app, 'finance@demo.test');
    const money = (await finance.get(`/api/funds/${fundId}/grants-money`)).json().grants as {
      bidReference: string;
      paidPence: number;
    }[];
    const paidByRef = new Map(money.map((g) => [`360G-peterboroughcc-${g.bidReference}`, g.paidPence / 100]));
    for (const g of pkg.grants) expect(g.amountDisbursed, g.id).toBe(paidByRef.get(g.id));
    const budget = (await finance.get(`/api/funds/${fundId}/budget`)).json();
    const disbursed = pkg.grants.reduce(
      (s: number, g: { amountDisbursed: number }) => s + g.amountDisbursed,
      0,
    );
    expect(Math.round(disbursed * 100)).toBe(budget.paidPence);
    expect(disbursed).toBeGreaterThan(0);
  });

  it('identifies groups by their register, and by a local 360G- id only when they have no number', async () => {
    const pkg = (await anonymous.get(`/api/funds/${fundId}/360giving.json`)).json();
    const orgs = t.app.db.all<{ name: string; type: string; number: string | null }>(
      sql`select name, type, registered_number as number from organisations`,
    );
    for (const g of pkg.grants) {
      const recipient = g.recipientOrganization[0];
      const org = orgs.find((o) => o.name === recipient.name);
      expect(org, recipient.name).toBeDefined();
      const expected: Record<string, string> = {
        registered_charity: `GB-CHC-${org?.number}`,
        cio: `GB-CHC-${org?.number}`,
        company: `GB-COH-${org?.number}`,
        school: `GB-EDU-${org?.number}`,
      };
      if (org?.number && expected[org.type]) expect(recipient.id).toBe(expected[org.type]);
      else expect(recipient.id).toMatch(/^360G-peterboroughcc-org-/);
    }
    const kinds = new Set(
      pkg.grants.map((g: { recipientOrganization: { id: string }[] }) =>
        g.recipientOrganization[0]?.id.slice(0, 6),
      ),
    );
    expect([...kinds].sort()).toEqual(['360G-p', 'GB-CHC', 'GB-COH', 'GB-EDU'].sort());
  });

  it('names wards by their ONS code (WD) and City-wide by the council’s area (UA)', async () => {
    const pkg = (await anonymous.get(`/api/funds/${fundId}/360giving.json`)).json();
    const locations = pkg.grants.flatMap((g: { beneficiaryLocation: unknown[] }) => g.beneficiaryLocation);
    for (const l of locations) {
      if (l.geoCodeType === 'UA') expect(l).toMatchObject({ name: 'Peterborough', geoCode: 'E06000031' });
      else expect(l).toMatchObject({ geoCodeType: 'WD', geoCode: expect.stringMatching(/^E0501\d{4}$/) });
    }
    const barnack = locations.find((l: { name: string }) => l.name === 'Barnack');
    if (barnack) expect(barnack.geoCode).toBe('E05010798');
  });

  it('never carries personal data: no person’s name, email, phone, address or bank details', async () => {
    const bodies = await Promise.all(
      ['360giving.json', '360giving.csv', 'transparency.csv'].map(
        async (file) => (await anonymous.get(`/api/funds/${fundId}/${file}`)).body,
      ),
    );
    const all = bodies.join('\n').toLowerCase();
    // Numbers as people write them with spaces or dashes inside: those removed, each run of digits whole.
    const runs = new Set(all.replace(/[\s()-]/g, '').match(/\d+/g) ?? []);
    const users = t.app.db.all<{ email: string; name: string }>(sql`select email, name from users`);
    const orgs = t.app.db.all<{
      contact_name: string;
      contact_email: string;
      contact_phone: string | null;
      address_line_1: string;
      address_line_2: string | null;
      postcode: string;
    }>(
      sql`select contact_name, contact_email, contact_phone, address_line_1, address_line_2, postcode from organisations`,
    );
    const banks = t.app.db.all<{ sort_code: string; account_number: string }>(
      sql`select sort_code, account_number from bank_accounts`,
    );
    const checks = t.app.db.all<{ phone_number: string }>(sql`select phone_number from bank_account_checks`);
    const signers = t.app.db.all<{ name: string | null }>(sql`select accepted_name as name from grants`);
    expect(users.length).toBeGreaterThan(10);
    expect(banks.length).toBeGreaterThan(5);
    const words = [
      ...users.flatMap((u) => [u.email, u.name]),
      ...orgs.flatMap((o) => [
        o.contact_name,
        o.contact_email,
        o.address_line_1,
        o.address_line_2,
        o.postcode,
      ]),
      ...signers.map((s) => s.name),
    ].filter((w): w is string => Boolean(w?.trim()));
    for (const w of words) expect(all, `“${w}” is in the open data`).not.toContain(w.toLowerCase());
    const numbers = [
      ...orgs.map((o) => o.contact_phone),
      ...checks.map((c) => c.phone_number),
      ...banks.flatMap((b) => [b.sort_code, b.account_number]),
    ]
      .map((n) => (n ?? '').replace(/\D/g, '').replace(/^44/, '0'))
      .filter((n) => n.length >= 6);
    expect(numbers.length).toBeGreaterThan(10);
    for (const n of numbers) {
      expect(
        [...runs].filter((run) => run.includes(n)),
        `${n} is in the open data`,
      ).toEqual([]);
    }
    expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });

  it('gives the flat CSV the standard’s column titles, one row per grant', async () => {
    const response = await anonymous.get(`/api/funds/${fundId}/360giving.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(response.body);
    for (const title of [
      'Identifier',
      'Title',
      'Description',
      'Currency',
      'Amount Applied For',
      'Amount Awarded',
      'Amount Disbursed',
      'Award Date',
      'Planned Dates:Start Date',
      'Planned Dates:End Date',
      'Recipient Org:Identifier',
      'Recipient Org:Name',
      'Recipient Org:Charity Number',
      'Recipient Org:Company Number',
      'Beneficiary Location:Name',
      'Beneficiary Location:Geographic Code',
      'Beneficiary Location:Geographic Code Type',
      'Funding Org:Identifier',
      'Funding Org:Name',
      'Grant Programme:Title',
      'Classifications:Title',
      'Last Modified',
    ]) {
      expect(header, title).toContain(title);
    }
    expect(rows).toHaveLength(19);
    const awarded = header?.indexOf('Amount Awarded') ?? -1;
    expect(rows.reduce((s, r) => s + Number(r[awarded]), 0)).toBe(215_000);
    expect(response.body).toMatch(/,15000\.00,/);
  });

  it('gives the Transparency Code file its fields for the same grants', async () => {
    const response = await anonymous.get(`/api/funds/${fundId}/transparency.csv`);
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual([
      'Date awarded',
      'Time period',
      'Department',
      'Beneficiary',
      'Registration number',
      'Purpose',
      'Amount',
    ]);
    expect(rows).toHaveLength(19);
    expect(rows.reduce((s, r) => s + Number(r[6]), 0)).toBe(215_000);
    for (const r of rows) {
      expect(r[0]).toMatch(/^2019-\d{2}-\d{2}$/);
      expect(r[1]).toMatch(/^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
      expect(r[2]).toBe('Communities');
    }
    expect(rows.some((r) => /^\d{6,8}$/.test(r[4] ?? ''))).toBe(true);
  });

  it('quality check: officers and admins see only the demo’s deliberate finding', async () => {
    for (const who of ['officer@demo.test', 'admin@demo.test']) {
      const client = await signedIn(t.app, who);
      const response = await client.get(`/api/funds/${fundId}/open-data/quality`);
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json();
      expect(report).toMatchObject({ grantsPublished: 19, totalAwardedPence: 21_500_000 });
      expect(report.checksRun).toBeGreaterThanOrEqual(11);
      expect(report.findings.map((f: { check: string }) => f.check)).toEqual(['title_same_as_description']);
      expect(report.findings[0].grants).toHaveLength(1);
      expect(report.findings[0].grants[0].title).toBe(DEMO_PURPOSE_SAME_AS_TITLE);
      expect(report.findings[0].fix).toBeTruthy();
    }
  });

  it('quality check: refused to finance, groups and anonymous callers', async () => {
    for (const who of ['finance@demo.test', 'applicant@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => client.get(`/api/funds/${fundId}/open-data/quality`), 403);
    }
    expectError(await anonymous.get(`/api/funds/${fundId}/open-data/quality`), 401);
  });

  it('answers 404 for a fund that does not exist, a malformed id, and a fund being set up', async () => {
    expectError(await anonymous.get('/api/funds/00000000-0000-4000-8000-000000000000/360giving.json'), 404);
    expectError(await anonymous.get('/api/funds/not-a-fund/360giving.csv'), 404);
    t.app.db.run(sql`update funds set published = 0 where id = ${fundId}`);
    try {
      for (const file of ['360giving.json', '360giving.csv', 'transparency.csv']) {
        expectError(await anonymous.get(`/api/funds/${fundId}/${file}`), 404);
      }
    } finally {
      t.app.db.run(sql`update funds set published = 1 where id = ${fundId}`);
    }
  });
});

describe('open data: what is published as the grants move on', () => {
  let t: TestApp;
  let fundId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    fundId = fundIdOf(t, 'Communities Fund');
  });
  afterAll(async () => t.close());

  it('leaves out an offer the group declined, and a grant ended early with all its award back', async () => {
    const grants = t.app.db.all<{ id: string; ref: string; amount: number }>(
      sql`select g.id, b.reference as ref, a.amount_pence as amount from grants g
          join bids b on b.id = g.bid_id join awards a on a.id = g.award_id
          where g.fund_id = ${fundId} and g.status = 'offered' order by b.reference limit 2`,
    );
    const [declined, ended] = grants;
    if (!declined || !ended) throw new Error('the demo has offered grants');
    // Straight into the tables: the grants module's own tests cover how these moves happen.
    const now = new Date().toISOString();
    t.app.db.run(sql`update grants set status = 'declined', updated_at = ${now} where id = ${declined.id}`);
    t.app.db.run(sql`insert into money_returns (id, grant_id, fund_id, amount_pence, reason, kind, recorded_at)
      values (${crypto.randomUUID()}, ${declined.id}, ${fundId}, ${declined.amount}, 'Declined', 'declined', ${now})`);
    t.app.db.run(sql`update grants set status = 'ended_early', updated_at = ${now} where id = ${ended.id}`);
    t.app.db.run(sql`insert into money_returns (id, grant_id, fund_id, amount_pence, reason, kind, recorded_at)
      values (${crypto.randomUUID()}, ${ended.id}, ${fundId}, ${ended.amount}, 'Ended', 'released', ${now})`);

    const pkg = (await new Client(t.app).get(`/api/funds/${fundId}/360giving.json`)).json();
    const ids = pkg.grants.map((g: { id: string }) => g.id);
    expect(ids).toHaveLength(17);
    expect(ids).not.toContain(`360G-peterboroughcc-${declined.ref}`);
    expect(ids).not.toContain(`360G-peterboroughcc-${ended.ref}`);
  });
});

describe('ward codes (admins)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('lists every ward with its code, and lets an admin change one (audited)', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const list = (await admin.get('/api/open-data/ward-codes')).json().wards as {
      id: string;
      name: string;
      code: string | null;
    }[];
    expect(list).toHaveLength(23);
    expect(list.every((w) => w.code)).toBe(true);
    const barnack = list.find((w) => w.name === 'Barnack');
    if (!barnack) throw new Error('no Barnack');
    const changed = await admin.put(`/api/open-data/ward-codes/${barnack.id}`, { code: ' e05099999 ' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().code).toBe('E05099999');
    const audit = t.app.db.get<{ n: number }>(
      sql`select count(*) as n from audit_events where action = 'system.ward_code_changed'`,
    );
    expect(audit?.n).toBe(1);
  });

  it('refuses a code that is not an ONS code, field by field, and anyone but an admin', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const wardId = t.app.db.get<{ id: string }>(sql`select id from wards where name = 'Bretton'`)?.id;
    const error = await refusedChangingNothing(
      t.app,
      () => admin.put(`/api/open-data/ward-codes/${wardId}`, { code: 'Bretton' }),
      400,
      'validation_failed',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['code']);
    const officer = await signedIn(t.app, 'officer@demo.test');
    await refusedChangingNothing(
      t.app,
      () => officer.put(`/api/open-data/ward-codes/${wardId}`, { code: 'E05010799' }),
      403,
    );
    await refusedChangingNothing(
      t.app,
      () =>
        admin.put('/api/open-data/ward-codes/00000000-0000-4000-8000-000000000000', { code: 'E05010799' }),
      404,
    );
  });
});
