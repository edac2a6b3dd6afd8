import {
  can,
  ErrorEnvelope,
  Fund,
  FundAssessorList,
  FundBody,
  FundBudget,
  FundIdParams,
  FundList,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { authorize, requireActor } from '../access/policy.js';
import { fundAssessors } from '../assessment/repository.js';
import { fundBudget, getFundRow, listFundRows, toFunds } from './repository.js';
import { createFund, updateFund } from './setup.js';

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

  const shown = (fundId: string) => {
    const [fund] = toFunds(app.db, [found(getFundRow(app.db, fundId), 'fund')], app.clock.now());
    return found(fund, 'fund');
  };

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
    async (request, reply) => {
      authorize(request.actor, { action: 'fund.manage' });
      const id = createFund(app, request, request.body);
      return reply.status(201).send(shown(id));
    },
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
    async (request) => {
      authorize(request.actor, { action: 'fund.manage' });
      updateFund(app, request, request.params.fundId, request.body);
      return shown(request.params.fundId);
    },
  );

  app.get(
    '/api/funds/:fundId/assessors',
    {
      schema: {
        tags: ['funds'],
        summary: 'Officers: who may assess this fund',
        params: FundIdParams,
        response: { 200: FundAssessorList, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      requireActor(request.actor);
      const fund = found(getFundRow(app.db, request.params.fundId), 'fund');
      authorize(request.actor, { action: 'assessment.manage', fund });
      return { assessors: fundAssessors(app.db, fund.id) };
    },
  );
};

export default fundRoutes;
