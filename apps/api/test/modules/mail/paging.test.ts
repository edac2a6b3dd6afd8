import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { expectPaged } from '../../support/paging.js';

describe('the Sent mail page pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('pages the emails newest first, each once, with the total', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    for (let i = 1; i <= 7; i++) {
      const invited = await admin.post('/api/admin/users', {
        name: `Staff Member ${i}`,
        email: `staff.${i}@demo.test`,
        role: 'officer',
      });
      expect(invited.statusCode, invited.body).toBe(201);
    }
    const officer = await signedIn(t.app, 'officer@demo.test');
    const { total } = await expectPaged(officer, '/api/mail', 'messages', 3);
    expect(total).toBe(7);
  });
});
