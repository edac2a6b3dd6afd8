import { AnonymiseResult, ErrorEnvelope, PersonalData, RetentionBody, RetentionSetting } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { anonymiseNow, personalData, retentionSetting, setRetention } from './service.js';

/** Personal data: subject access and retention (decision 0026). */
const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/data',
    {
      schema: {
        tags: ['account'],
        summary:
          'Everything held about the signed-in person, as a JSON file to download (subject access): their own data only, no secrets. Audited',
        response: { 200: PersonalData, 401: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const data = personalData(request.ctx);
      return reply
        .header(
          'content-disposition',
          `attachment; filename="communities-fund-your-data-${data.generatedAt.slice(0, 10)}.json"`,
        )
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );

  app.get(
    '/api/privacy/retention',
    {
      schema: {
        tags: ['public'],
        summary:
          'How long closed grants keep personal data before it is removed (public, for the privacy notice)',
        response: { 200: RetentionSetting },
      },
    },
    async (request) => retentionSetting(request.ctx),
  );

  app.put(
    '/api/admin/retention',
    {
      schema: {
        tags: ['admin'],
        summary: 'Set how long closed grants keep personal data, in months (admins). Audited',
        body: RetentionBody,
        response: { 200: RetentionSetting, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => setRetention(request.ctx, request.body),
  );

  app.post(
    '/api/admin/retention/run',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Remove now the personal data of closed grants older than the retention period, as the daily job does (admins). Safe to repeat: each grant is done once',
        response: { 200: AnonymiseResult, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => anonymiseNow(request.ctx),
  );
};

export default privacyRoutes;
