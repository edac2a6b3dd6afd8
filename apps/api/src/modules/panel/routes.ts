import {
  BidIdParams,
  ErrorEnvelope,
  FundIdParams,
  formatScore,
  hasRole,
  ModerationNoteBody,
  PanelDecisionsBody,
  penceToPoundsInput,
  RECOMMENDATION_LABELS,
  ResultList,
  SingleDecisionBody,
} from '@cf/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { funds } from '../../db/schema/index.js';
import { found } from '../../lib/found.js';
import { authorize, requireActor } from '../access/policy.js';
import { getBidRow } from '../bids/repository.js';
import { toCsv } from './csv.js';
import { addModerationNote, bidResults, decide } from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Results, moderation and panel decisions; CSV exports for the panel papers. */
const panelRoutes: FastifyPluginAsyncZod = async (app) => {
  const fundFor = (fundId: string) =>
    found(app.db.select().from(funds).where(eq(funds.id, fundId)).get(), 'fund');

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
    async (request) => {
      const fund = fundFor(request.params.fundId);
      authorize(request.actor, { action: 'results.read', fund });
      return { results: bidResults(app.db, fund.id) };
    },
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
    async (request, reply) => {
      const actor = requireActor(request.actor);
      addModerationNote(app, request, actor, request.params.bidId, request.body.note);
      const bid = found(getBidRow(app.db, request.params.bidId), 'bid');
      return reply.status(201).send({ results: bidResults(app.db, bid.fundId, { bidIds: [bid.id] }) });
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      // Refuse people who may not decide before looking the bid up, so they learn nothing about it.
      if (!hasRole(actor, 'officer'))
        authorize(actor, { action: 'panel.decide', fund: { id: '', published: false } });
      const bid = found(getBidRow(app.db, request.params.bidId), 'bid');
      decide(app, request, actor, {
        fundId: bid.fundId,
        panelDate: request.body.panelDate,
        decisions: [{ ...request.body.decision, bidId: bid.id }],
      });
      return { results: bidResults(app.db, bid.fundId, { bidIds: [bid.id] }) };
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      const fund = fundFor(request.params.fundId);
      decide(app, request, actor, {
        fundId: fund.id,
        panelDate: request.body.panelDate,
        minutes: request.body.minutes,
        decisions: request.body.decisions.map((d) => ({ ...d.decision, bidId: d.bidId })),
      });
      return { results: bidResults(app.db, fund.id, { bidIds: request.body.decisions.map((d) => d.bidId) }) };
    },
  );

  const ExportParams = z.strictObject({ fundId: z.uuid(), kind: z.enum(['scores', 'decisions']) });
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
      const fund = fundFor(request.params.fundId);
      authorize(request.actor, { action: 'results.read', fund });
      const results = bidResults(app.db, fund.id);
      let rows: (string | number | null)[][];
      if (request.params.kind === 'scores') {
        const criteria = results[0]?.criteria ?? [];
        rows = [
          [
            'Rank',
            'Reference',
            'Project',
            'Group',
            'Assessor',
            'Status',
            ...criteria.map((c) => `${c.title} (${c.weight}%)`),
            'Weighted total',
            'Recommendation',
            'Comment',
          ],
        ];
        results.forEach((result, index) => {
          for (const set of result.scoreSets) {
            rows.push([
              index + 1,
              result.reference,
              result.title,
              result.organisationName,
              set.assessorName,
              set.status,
              ...criteria.map((c) => set.scores.find((s) => s.criterionId === c.criterionId)?.score ?? null),
              formatScore(set.total),
              set.recommendation ? RECOMMENDATION_LABELS[set.recommendation] : null,
              set.overallComment,
            ]);
          }
          rows.push([
            index + 1,
            result.reference,
            result.title,
            result.organisationName,
            'Mean of complete sets',
            result.moderationFlag ? 'Moderation' : '',
            ...criteria.map(
              (c) => result.criteria.find((r) => r.criterionId === c.criterionId)?.mean ?? null,
            ),
            result.meanScore === null ? null : formatScore(result.meanScore),
            null,
            null,
          ]);
        });
      } else {
        rows = [
          [
            'Rank',
            'Reference',
            'Project',
            'Group',
            'Priority',
            'Wards',
            'Mean score',
            'Asked for (£)',
            'Decision',
            'Awarded (£)',
            'Reason or feedback',
            'Decided',
          ],
        ];
        results.forEach((result, index) => {
          rows.push([
            index + 1,
            result.reference,
            result.title,
            result.organisationName,
            result.mainPriority,
            result.wards.join('; '),
            result.meanScore === null ? null : formatScore(result.meanScore),
            penceToPoundsInput(result.amountRequestedPence),
            result.decision?.outcome ?? 'Not decided',
            result.decision?.amountPence === null || result.decision === null
              ? null
              : penceToPoundsInput(result.decision.amountPence),
            result.decision?.reason ?? null,
            result.decision?.decidedAt.slice(0, 10) ?? null,
          ]);
        });
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fund.code}-${request.params.kind}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(`\uFEFF${toCsv(rows)}`);
    },
  );
};

export default panelRoutes;
