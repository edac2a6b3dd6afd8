import { MAX_PAGE_SIZE } from '@cf/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { expectPaged, getPage } from '../../support/paging.js';

describe('the bid lists page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('pages the staff bid list, newest change first, every bid once however it is paged', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    const { ids } = await expectPaged(officer, '/api/bids', 'bids', 7);
    const whole = await getPage(officer, `/api/bids?pageSize=${MAX_PAGE_SIZE}`, 'bids');
    expect(ids).toHaveLength(whole.total);
    const updated = (whole.items as unknown as { updatedAt: string }[]).map((b) => b.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
  });

  it('pages the officer’s filtered list (awarded bids) with the total of the filter', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    const { total } = await expectPaged(officer, '/api/bids?status=awarded', 'bids', 4);
    expect(total).toBe(19);
  });

  it('pages a group’s own list too', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const { total } = await expectPaged(amina, '/api/bids', 'bids', 2);
    expect(total).toBe(3);
  });
});
