import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { expectPaged, getPage } from '../../support/paging.js';

describe('the assessor’s list of bids to assess pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('pages the assignments, each once, with the total and how many are still to finish on every page', async () => {
    const assessor = await signedIn(t.app, 'assessor@demo.test');
    const { total } = await expectPaged(assessor, '/api/assignments', 'assignments', 5);
    expect(total).toBe(22);
    const whole = (await assessor.get('/api/assignments?pageSize=100')).json() as {
      assignments: { status: string }[];
      toFinish: number;
    };
    const open = whole.assignments.filter(
      (a) => a.status === 'awaiting_declaration' || a.status === 'scoring',
    );
    expect(whole.toFinish).toBe(open.length);
    expect((await assessor.get('/api/assignments?page=5&pageSize=5')).json().toFinish).toBe(open.length);
    expect((await getPage(assessor, '/api/assignments?page=2&pageSize=5', 'assignments')).items).toHaveLength(
      5,
    );
  });
});
