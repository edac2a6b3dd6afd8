import {
  ErrorEnvelope,
  Fund,
  FundBody,
  FundBudget,
  FundIdParams,
  FundList,
  FundMonths,
  FundMonthsQuery,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createFund, fundBudget, fundDetail, fundMonths, updateFund, visibleFunds } from './service.js';

const fundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/funds',
    {
      schema: {
        tags: ['funds'],
        summary: 'Funds visible to the caller (published funds are public)',
        response: { 200: FundList },
      },
    },
    async (request) => ({ funds: visibleFunds(request.ctx) }),
  );

  app.get(
    '/api/funds/:fundId',
    {
      schema: {
        tags: ['funds'],
        summary: 'One fund with its priorities and criteria',
        params: FundIdParams,
        response: { 200: Fund, 404: ErrorEnvelope },
      },
    },
    async (request) => fundDetail(request.ctx, request.params.fundId),
  );

  app.get(
    '/api/funds/:fundId/budget',
    {
      schema: {
        tags: ['funds'],
        summary:
          'Where the fund’s money stands: pot, committed, paid, returned, available, pipeline (staff only)',
        params: FundIdParams,
        response: { 200: FundBudget, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => fundBudget(request.ctx, request.params.fundId),
  );

  app.get(
    '/api/funds/:fundId/months',
    {
      schema: {
        tags: ['funds'],
        summary:
          'Staff: committed (awards less money returned) and paid (less reversals), month by month across a financial year (April to March)',
        params: FundIdParams,
        querystring: FundMonthsQuery,
        response: {
          200: FundMonths,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request) => fundMonths(request.ctx, request.params.fundId, request.query.year),
  );

  app.post(
    '/api/funds',
    {
      schema: {
        tags: ['funds'],
        summary:
          'Officers: set up a fund — pot, cap, dates, priorities, criteria with weights adding up to 100',
        body: FundBody,
        response: {
          201: Fund,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          409: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => reply.status(201).send(createFund(request.ctx, request.body)),
  );

  app.put(
    '/api/funds/:fundId',
    {
      schema: {
        tags: ['funds'],
        summary:
          'Officers: change a fund. After bids are sent, cap and criteria are locked; the pot can only grow above what is awarded.',
        params: FundIdParams,
        body: FundBody,
        response: {
          200: Fund,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
          409: ErrorEnvelope,
        },
      },
    },
    async (request) => updateFund(request.ctx, request.params.fundId, request.body),
  );
};

export default fundRoutes;
