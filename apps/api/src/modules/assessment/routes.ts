import {
  AssessmentOverview,
  AssessorView,
  AssignBody,
  AssignmentIdParams,
  AssignmentList,
  AutoAssignBody,
  BidIdParams,
  DeclarationBody,
  ErrorEnvelope,
  FundIdParams,
  isMember,
  pence,
  ReopenBody,
  ScoreSet,
  ScoreSetBody,
  Screening,
  ScreeningBody,
  sectionSchema,
} from '@cf/shared';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignments, funds, wards } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { authorize, requireActor } from '../access/policy.js';
import { getBidRow, sectionStates } from '../bids/repository.js';
import { readableBid } from '../bids/service.js';
import { criteriaOf, latestScreening, listAssignments, scoreSetFor } from './repository.js';
import {
  assessmentOverview,
  assign,
  autoAssign,
  declare,
  reopenScores,
  saveScores,
  screenBid,
  unassign,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Screening, assignment, conflicts of interest and scoring. */
const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/bids/:bidId/screening',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Officers: mark a sent bid eligible (documents valid, group verified) or not eligible with a reason',
        params: BidIdParams,
        body: ScreeningBody,
        response: { 200: Screening, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      screenBid(app, request, actor, request.params.bidId, request.body);
      return found(latestScreening(app.db, request.params.bidId) ?? undefined, 'screening');
    },
  );

  app.get(
    '/api/funds/:fundId/assessment',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Officers: bids to assess, who is assigned, who may be, and each assessor’s load',
        params: FundIdParams,
        response: { 200: AssessmentOverview, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const fund = found(
        app.db.select().from(funds).where(eq(funds.id, request.params.fundId)).get(),
        'fund',
      );
      authorize(request.actor, { action: 'assessment.manage', fund });
      return assessmentOverview(app.db, fund.id);
    },
  );

  app.post(
    '/api/bids/:bidId/assignments',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Officers: give a bid to an assessor (never one from the group or with a declared conflict)',
        params: BidIdParams,
        body: AssignBody,
        response: { 201: AssignmentList, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      assign(app, request, actor, request.params.bidId, request.body.assessorId);
      return reply
        .status(201)
        .send({ assignments: listAssignments(app.db, { bidIds: [request.params.bidId] }, true) });
    },
  );

  app.post(
    '/api/funds/:fundId/assignments/auto',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Officers: give every eligible bid N assessors, balancing the load',
        params: FundIdParams,
        body: AutoAssignBody,
        response: { 200: z.object({ assigned: z.int(), short: z.array(z.string()) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return autoAssign(app, request, actor, request.params.fundId, request.body.perBid);
    },
  );

  app.delete(
    '/api/assignments/:assignmentId',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Officers: take an assessor off a bid (before they submit)',
        params: AssignmentIdParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      unassign(app, request, actor, request.params.assignmentId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/assignments',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Assessors: the bids you have been asked to assess',
        response: { 200: AssignmentList, 401: ErrorEnvelope },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return {
        assignments: listAssignments(
          app.db,
          { assessorId: actor.id, statuses: ['awaiting_declaration', 'scoring', 'submitted', 'conflict'] },
          false,
        ),
      };
    },
  );

  app.get(
    '/api/assignments/:assignmentId',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Assessors: one bid to assess — its answers only after you declare no conflict',
        params: AssignmentIdParams,
        response: { 200: AssessorView, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const row = app.db
        .select()
        .from(assignments)
        .where(eq(assignments.id, request.params.assignmentId))
        .get();
      if (!row) throw notFound('There is no such assignment');
      authorize(actor, { action: 'assessment.act', assignment: row }, { hide: true });
      const assignment = found(listAssignments(app.db, { assignmentId: row.id }, false)[0], 'assignment');
      const bid = found(getBidRow(app.db, row.bidId), 'bid');
      const fund = found(app.db.select().from(funds).where(eq(funds.id, bid.fundId)).get(), 'fund');
      // Answers only after "no conflict", and never to a member of the group that made the bid.
      const canRead =
        (row.status === 'scoring' || row.status === 'submitted') && !isMember(actor, bid.organisationId);
      const sections = canRead
        ? sectionStates(app.db, bid.id)
            // The person who signed is personal data the panel does not need.
            .filter((s) => s.key !== 'declarations')
            .map((s) => ({ key: s.key, title: s.title, data: s.data }))
        : [];
      const beneficiaries = sections.find((s) => s.key === 'beneficiaries')?.data;
      const parsedWards = sectionSchema('beneficiaries').safeParse(beneficiaries);
      const wardIds = parsedWards.success ? (parsedWards.data as { wardIds: string[] }).wardIds : [];
      const wardNames =
        wardIds.length === 0
          ? []
          : app.db
              .select({ name: wards.name })
              .from(wards)
              .where(inArray(wards.id, wardIds))
              .all()
              .map((w) => w.name);
      return {
        assignment,
        fund: {
          id: fund.id,
          name: fund.name,
          capPence: pence(fund.capPence),
          deliveryEndsOn: fund.deliveryEndsOn,
        },
        bid: canRead ? { amountRequestedPence: pence(bid.amountRequestedPence), wardNames, sections } : null,
        criteria: criteriaOf(app.db, fund.id).map(({ id, title, description, weight, guidance }) => ({
          id,
          title,
          description,
          weight,
          guidance,
        })),
        scoreSet: canRead ? scoreSetFor(app.db, row.id) : null,
      };
    },
  );

  app.post(
    '/api/assignments/:assignmentId/declaration',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Assessors: declare no conflict, or a conflict with its nature (which takes you off the bid)',
        params: AssignmentIdParams,
        body: DeclarationBody,
        response: { 200: AssignmentList, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      declare(app, request, actor, request.params.assignmentId, request.body);
      return { assignments: listAssignments(app.db, { assignmentId: request.params.assignmentId }, false) };
    },
  );

  app.put(
    '/api/assignments/:assignmentId/scores',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Assessors: save scores, or submit them (every criterion scored and commented, a recommendation)',
        params: AssignmentIdParams,
        body: ScoreSetBody,
        response: { 200: ScoreSet, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      saveScores(app, request, actor, request.params.assignmentId, request.body);
      return found(scoreSetFor(app.db, request.params.assignmentId) ?? undefined, 'score set');
    },
  );

  app.post(
    '/api/assignments/:assignmentId/reopen',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Officers: reopen submitted scores so the assessor can change them (recorded, with a reason)',
        params: AssignmentIdParams,
        body: ReopenBody,
        response: { 200: ScoreSet, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      reopenScores(app, request, actor, request.params.assignmentId, request.body.reason);
      return found(scoreSetFor(app.db, request.params.assignmentId) ?? undefined, 'score set');
    },
  );

  app.get(
    '/api/bids/:bidId/screening',
    {
      schema: {
        tags: ['assessment'],
        summary: 'Grants staff: the eligibility check of a bid',
        params: BidIdParams,
        response: { 200: Screening.nullable(), 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const bid = readableBid(app.db, actor, request.params.bidId);
      // As on the bid itself: the officer's check is for grants staff, not for the group.
      return isMember(actor, bid.organisationId) ? null : latestScreening(app.db, bid.id);
    },
  );
};

export default assessmentRoutes;
