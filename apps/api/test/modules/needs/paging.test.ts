import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client } from '../../support/client.js';
import { expectPaged } from '../../support/paging.js';

describe('the project bank pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('pages the needs in the council’s ward order, each once, with the total', async () => {
    const { total } = await expectPaged(new Client(t.app), '/api/needs', 'needs', 4);
    expect(total).toBe(6);
  });
});
