import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { expectPaged, getPage } from '../../support/paging.js';

describe('the admin users list pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('pages every user by name, each once, with the total', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const { total } = await expectPaged(admin, '/api/admin/users', 'users', 4);
    // The demo's 14 users and the members of the 15 groups whose offer was issued (demo-money.ts).
    expect(total).toBe(29);
    const names = (
      (await getPage(admin, '/api/admin/users', 'users')).items as unknown as { name: string }[]
    ).map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
