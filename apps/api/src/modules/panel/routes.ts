import {
  BidIdParams,
  ErrorEnvelope,
  FundIdParams,
  ModerationNoteBody,
  PanelCheck,
  PanelDecisionsBody,
  ResultList,
  SingleDecisionBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addModerationNote, checkDecisions, decide, decideBid, fundResults, resultsCsv } from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

const ExportParams = z.strictObject({ fundId: z.uuid(), kind: z.enum(['scores', 'decisions']) });

/** Results, moderation and panel decisions; CSV exports for the panel papers. */
const panelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/funds/:fundId/results',
    {
      schema: {
        tags: ['panel'],
        summary:
          'Officers: scored bids ranked by mean weighted score, with spread, moderation flags and decisions',
        params: FundIdParams,
        response: { 200: ResultList, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => ({ results: fundResults(request.ctx, request.params.fundId) }),
  );

  app.post(
    '/api/bids/:bidId/moderation-notes',
    {
      schema: {
        tags: ['panel'],
        summary: 'Officers: record a moderation note on a bid',
        params: BidIdParams,
        body: ModerationNoteBody,
        response: { 201: ResultList, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ results: addModerationNote(request.ctx, request.params.bidId, request.body.note) }),
  );

  app.post(
    '/api/bids/:bidId/decision',
    {
      schema: {
        tags: ['panel'],
        summary:
          'Officers: award (full or partial, with a reason), turn down with feedback, or defer one scored bid',
        params: BidIdParams,
        body: SingleDecisionBody,
        response: { 200: ResultList, ...errors },
      },
    },
    async (request) => ({ results: decideBid(request.ctx, request.params.bidId, request.body) }),
  );

  app.post(
    '/api/funds/:fundId/panel-decisions',
    {
      schema: {
        tags: ['panel'],
        summary:
          'Officers: record a panel’s decisions as one batch, with the date and minutes. All or nothing: one refused decision refuses the batch.',
        params: FundIdParams,
        body: PanelDecisionsBody,
        response: { 200: ResultList, ...errors },
      },
    },
    async (request) => ({
      results: decide(request.ctx, {
        fundId: request.params.fundId,
        panelDate: request.body.panelDate,
        minutes: request.body.minutes,
        decisions: request.body.decisions.map((d) => ({ ...d.decision, bidId: d.bidId })),
      }),
    }),
  );

  app.post(
    '/api/funds/:fundId/panel-decisions/check',
    {
      schema: {
        tags: ['panel'],
        summary:
          'Officers: check a panel’s decisions before recording them — refused as recording them would be; otherwise what each would do, who would be emailed and what the pot is left with. Records, audits and emails nothing.',
        params: FundIdParams,
        body: PanelDecisionsBody,
        response: { 200: PanelCheck, ...errors },
      },
    },
    async (request) =>
      checkDecisions(request.ctx, {
        fundId: request.params.fundId,
        panelDate: request.body.panelDate,
        minutes: request.body.minutes,
        decisions: request.body.decisions.map((d) => ({ ...d.decision, bidId: d.bidId })),
      }),
  );

  app.get(
    '/api/funds/:fundId/exports/:kind.csv',
    {
      schema: {
        tags: ['panel'],
        summary: 'Officers: the score matrix or the decisions as CSV, for the panel papers',
        params: ExportParams,
        response: { 200: z.string(), 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { filename, stream } = resultsCsv(request.ctx, request.params.fundId, request.params.kind);
      return (
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'private, no-store')
          // A stream is sent as it is (never serialised); the schema still documents the CSV text.
          .send(stream as unknown as string)
      );
    },
  );
};

export default panelRoutes;
