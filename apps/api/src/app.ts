import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Config, loadConfig } from './config.js';
import { type Clock, systemClock } from './lib/clock.js';
import accountRoutes from './modules/accounts/routes.js';
import assessmentRoutes from './modules/assessment/routes.js';
import auditRoutes from './modules/audit/routes.js';
import authRoutes from './modules/auth/routes.js';
import bidRoutes from './modules/bids/routes.js';
import fundRoutes from './modules/funds/routes.js';
import grantRoutes from './modules/grants/routes.js';
import healthRoutes from './modules/health/routes.js';
import mailRoutes from './modules/mail/routes.js';
import monitoringRoutes from './modules/monitoring/routes.js';
import needRoutes from './modules/needs/routes.js';
import openDataRoutes from './modules/opendata/routes.js';
import organisationRoutes from './modules/organisations/routes.js';
import panelRoutes from './modules/panel/routes.js';
import paymentRoutes from './modules/payments/routes.js';
import privacyRoutes from './modules/privacy/routes.js';
import referenceRoutes from './modules/reference/routes.js';
import reportRoutes from './modules/reports/routes.js';
import userRoutes from './modules/users/routes.js';
import workRoutes from './modules/work/routes.js';
import authPlugin from './plugins/app/auth.js';
import contextPlugin from './plugins/app/context.js';
import csrfPlugin from './plugins/app/csrf.js';
import errorsPlugin from './plugins/app/errors.js';
import filesPlugin from './plugins/app/files.js';
import jobsPlugin from './plugins/app/jobs.js';
import mailPlugin from './plugins/app/mail.js';
import webPlugin from './plugins/app/web.js';
import configPlugin from './plugins/external/config.js';
import cookiePlugin from './plugins/external/cookie.js';
import dbPlugin from './plugins/external/db.js';
import helmetPlugin from './plugins/external/helmet.js';
import multipartPlugin from './plugins/external/multipart.js';
import rateLimitPlugin from './plugins/external/rate-limit.js';
import swaggerPlugin from './plugins/external/swagger.js';
import { seedDatabase } from './seed/index.js';

export interface BuildOptions {
  /** Defaults to the process environment, validated. */
  config?: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

function defaultLogger(config: Config): FastifyServerOptions['logger'] {
  if (config.NODE_ENV === 'test') return false;
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    ...(config.NODE_ENV === 'development' ? { transport: { target: 'pino-pretty' } } : {}),
  };
}

/**
 * Builds the whole application as a tree of plugins (see README "How it is built"):
 * external services first, then the app's own cross-cutting plugins, then routes by domain, then
 * the web app. Tests call this and use `app.inject`; server.ts calls it and listens.
 */
export async function buildApp(options: BuildOptions = {}) {
  const config = options.config ?? loadConfig(process.env);
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? defaultLogger(config),
    bodyLimit: 1_048_576,
    trustProxy: config.TRUST_PROXY,
    // Unique-enough ids in logs, so one request can be followed through.
    genReqId: () => crypto.randomUUID(),
    // The router's own refusals, before any route or error handler runs: an address with a broken
    // percent-escape, or a path parameter longer than any id. Like any other address that names
    // nothing: 404 in the envelope (found by fuzzing, decision 0031).
    frameworkErrors: (error, _request, reply) => {
      const known = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const body = known
        ? { error: { code: 'not_found', message: 'Page not found' } }
        : { error: { code: 'bad_request', message: 'The request is malformed' } };
      (reply as FastifyReply).status(known ? 404 : 400).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // External: configuration, database, HTTP hardening, API documentation.
  await app.register(configPlugin, { config, clock });
  await app.register(dbPlugin);
  await app.register(cookiePlugin);
  await app.register(helmetPlugin);
  await app.register(rateLimitPlugin);
  await app.register(swaggerPlugin);
  await app.register(multipartPlugin);

  // App: errors, CSRF, who is signed in, each request's service context, mail, uploaded files.
  await app.register(errorsPlugin);
  await app.register(csrfPlugin);
  await app.register(authPlugin);
  await app.register(contextPlugin);
  await app.register(mailPlugin);
  await app.register(filesPlugin);
  await app.register(jobsPlugin);

  await seedDatabase(app.db, {
    demo: config.SEED_DEMO,
    now: clock.now(),
    storeFile: (bytes) => app.files.saveSync(bytes),
  });

  // Routes, one plugin per domain.
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(accountRoutes);
  await app.register(organisationRoutes);
  await app.register(bidRoutes);
  await app.register(needRoutes);
  await app.register(assessmentRoutes);
  await app.register(panelRoutes);
  await app.register(paymentRoutes);
  await app.register(fundRoutes);
  await app.register(referenceRoutes);
  await app.register(mailRoutes);
  await app.register(auditRoutes);
  await app.register(workRoutes);
  await app.register(grantRoutes);
  await app.register(openDataRoutes);
  // Personal data (decision 0026)
  await app.register(privacyRoutes);
  await app.register(reportRoutes);
  await app.register(monitoringRoutes);

  // Last: the web app and the answer for anything unknown.
  await app.register(webPlugin);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
