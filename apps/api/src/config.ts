import { z } from 'zod';

const booleanFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'Use true or false' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

/**
 * Every setting the server reads, validated at start. A bad value stops the server with a message
 * naming the variable. PRODUCT.md section 9a lists the public ones; README "Configuration" too.
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/communities-fund.sqlite'),
  /**
   * PostgreSQL instead of the SQLite file, for larger deployments and more than one server
   * (decision 0035), e.g. postgres://cf:secret@db:5432/communities_fund. Unset: SQLite.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, { message: 'Must be a URL like postgres://user:pass@host:5432/name' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('data/files'),
  /** Demo accounts and data in a new, empty database: only when asked in so many words (PRODUCT.md 9a). */
  SEED_DEMO: booleanFromEnv(false),
  SMTP_URL: z.url({ message: 'Must be a URL like smtp://user:pass@host:587' }).optional(),
  MAIL_FROM: z.string().min(3).default('Communities Fund <communities-fund@peterborough.gov.uk>'),
  /** Where people reach the service; used in links in emails. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Secure cookies; defaults to on in production. Turn off only for plain-http trials off localhost. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Requests per minute per address across the whole API. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /**
   * Failed sign-ins allowed per account from one address, and per address, in LOGIN_WINDOW_MINUTES.
   * Across all addresses an account is only slowed, never stopped (modules/auth/rules.ts).
   */
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: z.coerce.number().int().positive().default(10),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** New applicant accounts per address per hour. */
  REGISTRATIONS_PER_HOUR: z.coerce.number().int().positive().default(20),
  /** Forgotten-password requests per address per hour (each email address also gets at most 3 an hour). */
  PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().positive().default(10),
  TRUST_PROXY: booleanFromEnv(false),
  /** Run the daily jobs (report reminders, retention) in this process; on unless NODE_ENV=test. */
  RUN_JOBS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'Use true or false' })
    .optional()
    .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built web app to serve; empty to serve the API only. Defaults to apps/web/dist. */
  WEB_DIST: z.string().optional(),
  // ─── Open data: who publishes the grants (PRODUCT.md section 8, decision 0025) ───
  /** The funder's name in 360Giving data and the Transparency Code file. */
  FUNDER_NAME: z.string().trim().min(1).default('Peterborough City Council'),
  /** The funder's organisation identifier (org-id.guide), e.g. GB-LAE-PTE. */
  FUNDER_ORG_ID: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z]+-[A-Za-z0-9-]+$/, { message: 'Must be an org-id like GB-LAE-PTE' })
    .default('GB-LAE-PTE'),
  /** The funder's registered 360Giving prefix: grant identifiers and local organisation ids start with it. */
  FUNDER_360G_PREFIX: z
    .string()
    .regex(/^360G-[A-Za-z0-9]+$/, { message: 'Must be a 360Giving prefix like 360G-peterboroughcc' })
    .default('360G-peterboroughcc'),
  /** The council department that awards the grants (Transparency Code 2015: "department"). */
  FUNDER_DEPARTMENT: z.string().trim().min(1).default('Communities'),
  /** The area the council serves, named for grants that benefit the whole of it ("City-wide"). */
  FUNDER_AREA_NAME: z.string().trim().min(1).default('Peterborough'),
  /** The licence the open data is published under (its canonical URL). */
  OPEN_DATA_LICENSE: z
    .url()
    .default('https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'),
});

export type Config = z.output<typeof ConfigSchema> & {
  /** Where people reach the service, for links in emails: PUBLIC_URL, resolved once, no trailing slash. */
  publicUrl: string;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The server cannot start: some settings are not valid.\n${lines.join('\n')}`);
  }
  const config = result.data;
  return {
    ...config,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
  };
}
