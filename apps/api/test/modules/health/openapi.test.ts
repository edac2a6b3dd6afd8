import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client } from '../../support/client.js';

type Operation = {
  tags?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe('API documentation', () => {
  let t: TestApp;
  let doc: OpenApi;
  beforeAll(async () => {
    t = await buildTestApp();
    const response = await new Client(t.app).get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    doc = response.json();
  });
  afterAll(async () => t.close());

  it('serves an OpenAPI 3 document', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
  });

  const stable: [string, string, string][] = [
    ['get', '/api/health', '200'],
    ['post', '/api/auth/login', '200'],
    ['post', '/api/auth/logout', '204'],
    ['get', '/api/auth/me', '200'],
    ['get', '/api/funds', '200'],
    ['get', '/api/funds/{fundId}/budget', '200'],
  ];

  for (const [method, path, success] of stable) {
    it(`documents ${method.toUpperCase()} ${path} with its response schemas`, () => {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.tags?.length).toBeGreaterThan(0);
      expect(operation?.responses?.[success]).toBeDefined();
      if (success !== '204') {
        expect(operation?.responses?.[success]?.content?.['application/json']?.schema).toBeDefined();
      }
    });
  }

  it('documents the error envelope for refusals', () => {
    const me = doc.paths['/api/auth/me']?.get;
    expect(me?.responses?.['401']?.content?.['application/json']?.schema).toBeDefined();
    const budget = doc.paths['/api/funds/{fundId}/budget']?.get;
    for (const status of ['401', '403', '404']) {
      expect(budget?.responses?.[status]?.content?.['application/json']?.schema, status).toBeDefined();
    }
  });

  it('documents the budget fields of PRODUCT.md section 10', () => {
    const text = JSON.stringify(doc);
    for (const field of [
      'potPence',
      'capPence',
      'committedPence',
      'availablePence',
      'byPriority',
      'byWard',
    ]) {
      expect(text).toContain(field);
    }
  });

  it('documents the login body', () => {
    const login = doc.paths['/api/auth/login']?.post as Operation & {
      requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
    };
    expect(
      Object.keys(login.requestBody?.content?.['application/json']?.schema?.properties ?? {}).sort(),
    ).toEqual(['email', 'password']);
  });

  it('serves a documentation page at /api/docs', async () => {
    const response = await new Client(t.app).get('/api/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toMatch(/<html/i);
  });
});
