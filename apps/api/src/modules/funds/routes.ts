import { ErrorEnvelope, Fund, FundBudget, FundIdParams, FundList } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../lib/errors.js';
import { authorize, can } from '../access/policy.js';
import { fundBudget, getFundRow, listFundRows, toFunds } from './repository.js';

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
    async (request) => {
      const visible = listFundRows(app.db).filter((fund) =>
        can(request.actor, { action: 'fund.read', fund }),
      );
      return { funds: toFunds(app.db, visible, app.clock.now()) };
    },
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
    async (request) => {
      const fund = getFundRow(app.db, request.params.fundId);
      if (!fund) throw notFound('There is no such fund');
      authorize(request.actor, { action: 'fund.read', fund }, { hide: true });
      const [shown] = toFunds(app.db, [fund], app.clock.now());
      if (!shown) throw notFound('There is no such fund');
      return shown;
    },
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
    async (request) => {
      const fund = getFundRow(app.db, request.params.fundId);
      if (!fund) throw notFound('There is no such fund');
      authorize(request.actor, { action: 'fund.budget', fund });
      return fundBudget(app.db, fund);
    },
  );
};

export default fundRoutes;
