import {
  AssessmentOverview,
  AssessorView,
  AssignBody,
  AssignmentDocumentParams,
  AssignmentIdParams,
  AssignmentList,
  AssignmentPage,
  AutoAssignBody,
  AutoAssignCheckBody,
  AutoAssignPlan,
  AutoAssignResult,
  BidIdParams,
  DeclarationBody,
  ErrorEnvelope,
  FundAssessorList,
  FundIdParams,
  PageQuery,
  ReopenAnswerBody,
  ReopenBody,
  ReopenRequest,
  ReopenRequestBody,
  ReopenRequestIdParams,
  ScoreSet,
  ScoreSetBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileDownload } from '../attachments/routes.js';
import { downloadHeaders } from '../attachments/rules.js';
import {
  answerReopenRequest,
  assessmentOverview,
  assessorDocument,
  assessorsOf,
  assessorView,
  assign,
  autoAssign,
  checkAutoAssign,
  declare,
  myAssignments,
  reopenScores,
  requestReopen,
  saveScores,
  unassign,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Assignment, conflicts of interest and scoring. (Screening, the check before, is the bid's: bids/routes.ts.) */
const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
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
    async (request) => assessmentOverview(request.ctx, request.params.fundId),
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
    async (request) => ({ assessors: assessorsOf(request.ctx, request.params.fundId) }),
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
    async (request, reply) =>
      reply
        .status(201)
        .send({ assignments: assign(request.ctx, request.params.bidId, request.body.assessorId) }),
  );

  app.post(
    '/api/funds/:fundId/assignments/auto',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Officers: give every eligible bid N assessors, balancing the load; with `plan` (from …/auto/check), only if that plan still holds (409 otherwise)',
        params: FundIdParams,
        body: AutoAssignBody,
        response: { 200: AutoAssignResult, ...errors },
      },
    },
    async (request) => autoAssign(request.ctx, request.params.fundId, request.body.perBid, request.body.plan),
  );

  app.post(
    '/api/funds/:fundId/assignments/auto/check',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Officers: who an automatic assignment would give each bid to, before anyone is assigned or emailed. Confirm by sending the plan with POST …/assignments/auto.',
        params: FundIdParams,
        body: AutoAssignCheckBody,
        response: { 200: AutoAssignPlan, ...errors },
      },
    },
    async (request) => checkAutoAssign(request.ctx, request.params.fundId, request.body.perBid),
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
      unassign(request.ctx, request.params.assignmentId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/assignments',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Assessors: the bids you have been asked to assess, a page at a time (?page=, ?pageSize= up to 100), with how many are left to finish',
        querystring: PageQuery,
        response: { 200: AssignmentPage, 400: ErrorEnvelope, 401: ErrorEnvelope },
      },
    },
    async (request) => myAssignments(request.ctx, request.query),
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
    async (request) => assessorView(request.ctx, request.params.assignmentId),
  );

  app.get(
    '/api/assignments/:assignmentId/documents/:attachmentId',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Assessors: download one of the bid’s supporting documents, once you have declared no conflict and while you assess it',
        params: AssignmentDocumentParams,
        response: {
          200: FileDownload,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const file = assessorDocument(request.ctx, request.params.assignmentId, request.params.attachmentId);
      const bytes = await app.files.read(file.storedName);
      return reply.headers(downloadHeaders(file)).send(bytes);
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
    async (request) => ({ assignments: declare(request.ctx, request.params.assignmentId, request.body) }),
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
    async (request) => saveScores(request.ctx, request.params.assignmentId, request.body),
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
    async (request) => reopenScores(request.ctx, request.params.assignmentId, request.body.reason),
  );

  app.post(
    '/api/assignments/:assignmentId/reopen-requests',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Assessors: ask the grants officer to reopen your submitted scores, saying why (one open request at a time)',
        params: AssignmentIdParams,
        body: ReopenRequestBody,
        response: { 201: ReopenRequest, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(requestReopen(request.ctx, request.params.assignmentId, request.body.reason)),
  );

  app.post(
    '/api/reopen-requests/:requestId/answer',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Officers: answer an assessor’s request — reopen the scores, or decline saying why (the assessor is told)',
        params: ReopenRequestIdParams,
        body: ReopenAnswerBody,
        response: { 200: ReopenRequest, ...errors },
      },
    },
    async (request) => answerReopenRequest(request.ctx, request.params.requestId, request.body),
  );
};

export default assessmentRoutes;
