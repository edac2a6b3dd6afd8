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

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as Compose;
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
