import {
  ErrorEnvelope,
  FundIdParams,
  FundOutcomes,
  ReminderRun,
  ReportList,
  ReportListQuery,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fundOutcomesCsv, fundOutcomesOf, reportList, sendRemindersNow } from './service.js';

/** Monitoring across grants: the officers' report lists, reminders by hand, a fund's outcomes. */
const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/monitoring/reports',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Officers: monitoring reports due in the next 14 days or overdue (grants in delivery), for a fund or all theirs — the list the home page counts',
        querystring: ReportListQuery,
        response: {
          200: ReportList,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request) => reportList(request.ctx, request.query),
  );

  app.post(
    '/api/monitoring/reminders',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Officers and admins: send today’s report reminders now (the daily job does this by itself; a reminder is never sent twice)',
        response: { 200: ReminderRun, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => sendRemindersNow(request.ctx),
  );

  app.get(
    '/api/funds/:fundId/outcomes',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Finance and officers: outcomes promised against achieved (latest approved report of each grant), in total, by priority and by ward',
        params: FundIdParams,
        response: {
          200: FundOutcomes,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request) => fundOutcomesOf(request.ctx, request.params.fundId),
  );

  app.get(
    '/api/funds/:fundId/outcomes.csv',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Finance and officers: outcomes achieved against promised, per grant, for the national evaluation',
        params: FundIdParams,
        response: {
          200: z.string(),
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { filename, stream } = fundOutcomesCsv(request.ctx, request.params.fundId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(stream as unknown as string);
    },
  );
};

export default monitoringRoutes;
