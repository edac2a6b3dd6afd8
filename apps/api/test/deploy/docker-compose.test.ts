import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../src/config.js';

// No Docker engine runs where the tests run, so the compose file and Dockerfile are checked as text:
// they must parse and agree with PRODUCT.md section 9a and with what the server reads.
const root = join(import.meta.dirname, '..', '..', '..', '..');

interface ComposeService {
  build?: unknown;
  profiles?: string[];
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[] };
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// merge: the PostgreSQL servers share their settings through YAML merge keys (<<), as Compose reads them.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  const app = compose.services.app;

  it('builds the product from the Dockerfile and publishes port 3000', () => {
    expect(app?.build).toBe('.');
    expect(app?.ports).toContain('3000:3000');
  });

  it('sets the variables of PRODUCT.md section 9a, with the values a container needs', () => {
    const env = app?.environment ?? {};
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toBe('3000');
    expect(env.DATABASE_PATH).toMatch(/^\/data\//);
    expect(env.DATA_DIR).toMatch(/^\/data\//);
    expect(env.SEED_DEMO).toMatch(/^\$\{SEED_DEMO:-false\}$/);
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
  });

  it('only sets variables the server knows, with values it accepts', () => {
    const env = app?.environment ?? {};
    const known = Object.keys(ConfigSchema.shape);
    for (const name of Object.keys(env)) expect(known).toContain(name);
    // Substitute the defaults of ${VAR:-default} and check the server would start with them.
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );
    expect(ConfigSchema.safeParse(resolved).success).toBe(true);
  });

  it('keeps the database and files on a named volume', () => {
    expect(app?.volumes).toContain('app-data:/data');
    expect(compose.volumes).toHaveProperty('app-data');
  });

  it('checks health on /api/health', () => {
    expect(app?.healthcheck?.test?.join(' ')).toContain('/api/health');
  });

  it('runs Mailpit as the mail catcher', () => {
    expect(compose.services.mailpit?.image).toMatch(/^axllent\/mailpit:/);
  });
});

describe('docker-compose.yml, profile "postgres" (decision 0035)', () => {
  const servers = ['app-1', 'app-2'].map((name) => compose.services[name]);

  it('runs PostgreSQL 15 and two servers of the product behind one port, only when asked for', () => {
    expect(compose.services.postgres?.image).toMatch(/^postgres:15/);
    for (const name of ['postgres', 'app-1', 'app-2', 'proxy']) {
      expect(compose.services[name]?.profiles).toEqual(['postgres']);
    }
    expect(compose.services.app?.profiles).toBeUndefined();
    for (const server of servers) expect(server?.build).toBe('.');
    const proxy = compose.services.proxy;
    expect(proxy?.ports).toEqual(['3001:3000']);
    expect(proxy?.command?.join(' ')).toMatch(/--to app-1:3000 --to app-2:3000/);
  });

  it('points both servers at the same database and the same uploaded files, with values the server accepts', () => {
    const known = Object.keys(ConfigSchema.shape);
    const envs = servers.map((server) => server?.environment ?? {});
    for (const env of envs) {
      for (const name of Object.keys(env)) expect(known).toContain(name);
      const resolved = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [k, v.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
      );
      const parsed = ConfigSchema.safeParse(resolved);
      expect(parsed.success).toBe(true);
      expect(parsed.data?.DATABASE_URL).toMatch(/^postgres:\/\/cf:.*@postgres:5432\/communities_fund$/);
      expect(env.DATA_DIR).toBe('/shared/files');
    }
    expect(envs[0]?.DATABASE_URL).toBe(envs[1]?.DATABASE_URL);
    for (const server of servers) expect(server?.volumes).toEqual(['shared-files:/shared']);
    expect(compose.volumes).toHaveProperty('shared-files');
    expect(compose.volumes).toHaveProperty('postgres-data');
  });

  it('lets only the first server seed the demo, and starts the servers once PostgreSQL answers', () => {
    expect(servers[0]?.environment?.SEED_DEMO).toMatch(/^\$\{SEED_DEMO:-false\}$/);
    expect(servers[1]?.environment?.SEED_DEMO).toBe('false');
    for (const server of servers) {
      expect(server?.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    }
  });
});

describe('Dockerfile', () => {
  it('builds in stages and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('listens on all addresses and has a health check', () => {
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/api\/health/);
  });

  it('pins the same pnpm as package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string };
    expect(dockerfile).toContain(`pnpm@${pkg.packageManager.split('@')[1]}`);
  });
});
