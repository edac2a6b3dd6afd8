import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundBody, priorityIdsOf } from '../../builders/funds.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { refusedChangingNothing } from '../../support/errors.js';

describe('where the finance system books a fund’s payments (cost centre and account code)', () => {
  let t: TestApp;
  let officer: Client;
  beforeAll(async () => {
    t = await buildTestApp();
    officer = await signedIn(t.app, 'officer@demo.test');
  });
  afterAll(async () => t.close());

  it('are seeded for the demo funds', () => {
    expect(
      t.app.db.all(
        sql`select code, cost_centre as "costCentre", account_code as "accountCode" from funds order by code`,
      ),
    ).toEqual([
      { code: 'PCF', costCentre: 'CF100', accountCode: '5810' },
      { code: 'PYF', costCentre: 'CF200', accountCode: '5810' },
    ]);
  });

  it('are set with the fund, may wait until payments start, and are changed like any of its details', async () => {
    const priorities = await priorityIdsOf(t.app);
    const created = await officer.post('/api/funds', fundBody(t.clock.now(), priorities));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ costCentre: '', accountCode: '' });
    const id = created.json().id;
    const body = {
      ...fundBody(t.clock.now(), priorities, { code: created.json().code }),
      costCentre: ' CF300 ',
      accountCode: '5811',
    };
    const changed = await officer.put(`/api/funds/${id}`, body);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ costCentre: 'CF300', accountCode: '5811' });
  });

  it('refuse what a finance system could not read, field by field', async () => {
    const priorities = await priorityIdsOf(t.app);
    const error = await refusedChangingNothing(
      t.app,
      () =>
        officer.post('/api/funds', {
          ...fundBody(t.clock.now(), priorities),
          costCentre: '=HYPERLINK("x")',
          accountCode: 'x'.repeat(21),
        }),
      400,
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['accountCode', 'costCentre']);
  });
});
