import {
  Attachment,
  AttachmentKind,
  BidDetail,
  BidIdParams,
  BidList,
  BidListQuery,
  BidSectionParams,
  BidToDoList,
  ErrorEnvelope,
  ReasonBody,
  ReturnBidBody,
  SaveSectionBody,
  Screening,
  ScreeningBody,
  SectionState,
  StartBidBody,
  Timeline,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../lib/errors.js';
import { checkedFile, FileDownload, readUpload } from '../attachments/routes.js';
import { downloadHeaders } from '../attachments/rules.js';
import {
  addDocument,
  bidDetail,
  bidScreening,
  bidsToDo,
  bidTimeline,
  checkCanAddDocument,
  documentToDownload,
  listBids,
  removeDocument,
  returnBid,
  saveSection,
  screenBid,
  startBid,
  submitBid,
  withdrawBid,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

const AttachmentParams = z.strictObject({ bidId: z.uuid(), attachmentId: z.uuid() });

/** Bids: start, save section by section, upload documents, send, withdraw, return for changes. */
const bidRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/bids',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Your groups’ bids; for grants staff, every bid (filter by status or fund). A page at a time: ?page= and ?pageSize= (25, at most 100)',
        querystring: BidListQuery,
        response: { 200: BidList, 400: ErrorEnvelope, 401: ErrorEnvelope },
      },
    },
    async (request) => listBids(request.ctx, request.query),
  );

  app.get(
    '/api/bids/to-do',
    {
      schema: {
        tags: ['bids'],
        summary:
          'What your groups must do about their bids, soonest deadline first: drafts to finish and send, returned bids to change (while their fund takes bids)',
        response: { 200: BidToDoList, 401: ErrorEnvelope },
      },
    },
    async (request) => ({ items: bidsToDo(request.ctx) }),
  );

  app.post(
    '/api/bids',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Start a bid for one of your groups, with the eligibility answers (a group may have 5 unsent bids per fund; 409 beyond)',
        body: StartBidBody,
        response: { 201: BidDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(startBid(request.ctx, request.body)),
  );

  app.get(
    '/api/bids/:bidId',
    {
      schema: {
        tags: ['bids'],
        summary: 'A bid with every section, its documents and what stops it being sent',
        params: BidIdParams,
        response: { 200: BidDetail, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => bidDetail(request.ctx, request.params.bidId),
  );

  app.put(
    '/api/bids/:bidId/sections/:section',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Save one section. complete=true checks it in full; false saves a draft. A stale baseVersion gets 409 naming what changed.',
        params: BidSectionParams,
        body: SaveSectionBody,
        response: { 200: SectionState, ...errors },
      },
    },
    async (request) => saveSection(request.ctx, request.params.bidId, request.params.section, request.body),
  );

  app.post(
    '/api/bids/:bidId/submit',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Send the bid: every section complete, documents uploaded, within the cap, before the fund closes',
        params: BidIdParams,
        response: { 200: BidDetail, ...errors },
      },
    },
    async (request) => submitBid(request.ctx, request.params.bidId),
  );

  app.post(
    '/api/bids/:bidId/withdraw',
    {
      schema: {
        tags: ['bids'],
        summary: 'Withdraw a bid before a decision, with a reason',
        params: BidIdParams,
        body: ReasonBody,
        response: { 200: BidDetail, ...errors },
      },
    },
    async (request) => withdrawBid(request.ctx, request.params.bidId, request.body.reason),
  );

  app.post(
    '/api/bids/:bidId/return',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Officers: return a sent bid to the group for changes, with a message and, if chosen, the sections and documents to change (the group is emailed; the bid cannot be sent again until each is done)',
        params: BidIdParams,
        body: ReturnBidBody,
        response: { 200: BidDetail, ...errors },
      },
    },
    async (request) => returnBid(request.ctx, request.params.bidId, request.body),
  );

  app.get(
    '/api/bids/:bidId/timeline',
    {
      schema: {
        tags: ['bids'],
        summary: 'What has happened to the bid, from the audit trail',
        params: BidIdParams,
        response: { 200: Timeline, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => ({ events: bidTimeline(request.ctx, request.params.bidId) }),
  );

  app.post(
    '/api/bids/:bidId/attachments',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Upload a document (multipart: field "kind", then "file"). PDF, DOCX, XLSX, ODT, JPG or PNG, up to 10 MB, checked from its bytes. A bid holds at most 20 documents, 50 MB in all (409 beyond).',
        params: BidIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      // Check access before reading the upload, so nobody can fill our disk with files for a bid they cannot see.
      checkCanAddDocument(request.ctx, request.params.bidId);
      const { fields, upload } = await readUpload(request);
      const parsedKind = AttachmentKind.safeParse(fields.kind);
      if (!parsedKind.success)
        throw badRequest('Choose what kind of document this is', {
          kind: 'Choose what kind of document this is',
        });
      const file = checkedFile(upload);
      const saved = await app.files.storeFor(file.bytes, (storedName) =>
        addDocument(request.ctx, request.params.bidId, { ...file, kind: parsedKind.data, storedName }),
      );
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/bids/:bidId/attachments/:attachmentId',
    {
      schema: {
        tags: ['bids'],
        summary: 'Download a document (people who can see the bid only)',
        params: AttachmentParams,
        response: {
          200: FileDownload,
          401: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const file = documentToDownload(request.ctx, request.params.bidId, request.params.attachmentId);
      const bytes = await app.files.read(file.storedName);
      return reply.headers(downloadHeaders(file)).send(bytes);
    },
  );

  app.delete(
    '/api/bids/:bidId/attachments/:attachmentId',
    {
      schema: {
        tags: ['bids'],
        summary: 'Remove a document while the bid is a draft',
        params: AttachmentParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      const storedName = removeDocument(request.ctx, request.params.bidId, request.params.attachmentId);
      await app.files.remove(storedName);
      return reply.status(204).send();
    },
  );

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
    async (request) => screenBid(request.ctx, request.params.bidId, request.body),
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
    async (request) => bidScreening(request.ctx, request.params.bidId),
  );
};

export default bidRoutes;
