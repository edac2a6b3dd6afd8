import { createHash } from 'node:crypto';
import {
  Attachment,
  AttachmentKind,
  BidDetail,
  BidIdParams,
  BidList,
  BidListQuery,
  BidSectionParams,
  can,
  ErrorEnvelope,
  MAX_UPLOAD_BYTES,
  ReasonBody,
  ReturnBidBody,
  SaveSectionBody,
  SectionState,
  StartBidBody,
  Timeline,
} from '@cf/shared';
import type { MultipartFile } from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachments } from '../../db/schema/index.js';
import { badRequest, notFound, tooLarge, unsupportedType } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { requireActor } from '../access/policy.js';
import { cleanFilename, detectFileType } from '../attachments/file-type.js';
import { attachmentList, listBidSummaries } from './repository.js';
import {
  bidDetail,
  bidTimeline,
  editableBidForFiles,
  readableBid,
  returnBid,
  saveSection,
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

/** The uploaded file's bytes; a file over the limit is refused on the form's file field. */
async function fileBytes(part: MultipartFile): Promise<Buffer> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const limit = `${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;
      throw tooLarge(`The file must be ${limit} or smaller`, {
        file: `The selected file must be ${limit} or smaller`,
      });
    }
    throw error;
  }
}

/** Bids: start, save section by section, upload documents, send, withdraw, return for changes. */
const bidRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/bids',
    {
      schema: {
        tags: ['bids'],
        summary: 'Your groups’ bids; for grants staff, every bid (filter by status or fund)',
        querystring: BidListQuery,
        response: { 200: BidList, 400: ErrorEnvelope, 401: ErrorEnvelope },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { status, fundId } = request.query;
      const all = can(actor, { action: 'bid.list_all' });
      const filter = {
        ...(all ? {} : { organisationIds: actor.organisationIds }),
        ...(status ? { status } : {}),
        ...(fundId ? { fundId } : {}),
      };
      return { bids: listBidSummaries(app.db, actor, filter) };
    },
  );

  app.post(
    '/api/bids',
    {
      schema: {
        tags: ['bids'],
        summary: 'Start a bid for one of your groups, with the eligibility answers',
        body: StartBidBody,
        response: { 201: BidDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const bidId = startBid(app, request, actor, request.body);
      return reply
        .status(201)
        .send(bidDetail(app.db, actor, readableBid(app.db, actor, bidId), app.clock.now()));
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      return bidDetail(app.db, actor, readableBid(app.db, actor, request.params.bidId), app.clock.now());
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      return saveSection(app, request, actor, request.params.bidId, request.params.section, request.body);
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      submitBid(app, request, actor, request.params.bidId);
      return bidDetail(app.db, actor, readableBid(app.db, actor, request.params.bidId), app.clock.now());
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      withdrawBid(app, request, actor, request.params.bidId, request.body.reason);
      return bidDetail(app.db, actor, readableBid(app.db, actor, request.params.bidId), app.clock.now());
    },
  );

  app.post(
    '/api/bids/:bidId/return',
    {
      schema: {
        tags: ['bids'],
        summary: 'Officers: return a sent bid to the group for changes, with a message (they are emailed)',
        params: BidIdParams,
        body: ReturnBidBody,
        response: { 200: BidDetail, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      returnBid(app, request, actor, request.params.bidId, request.body.message);
      return bidDetail(app.db, actor, readableBid(app.db, actor, request.params.bidId), app.clock.now());
    },
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
    async (request) => {
      const actor = requireActor(request.actor);
      const bid = readableBid(app.db, actor, request.params.bidId);
      return { events: bidTimeline(app.db, actor, bid) };
    },
  );

  app.post(
    '/api/bids/:bidId/attachments',
    {
      schema: {
        tags: ['bids'],
        summary:
          'Upload a document (multipart: field "kind", then "file"). PDF, DOCX, XLSX, ODT, JPG or PNG, up to 10 MB, checked from its bytes.',
        params: BidIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Attachment, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      // Check access before reading the upload, so nobody can fill our disk with files for a bid they cannot see.
      editableBidForFiles(app.db, actor, request.params.bidId);
      if (!request.isMultipart()) throw unsupportedType('Send the file as a form upload');
      let kind: string | undefined;
      let upload: { filename: string; bytes: Buffer } | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'field' && part.fieldname === 'kind') kind = String(part.value);
        else if (part.type === 'file' && part.fieldname === 'file') {
          upload = { filename: part.filename, bytes: await fileBytes(part) };
        } else if (part.type === 'file') {
          // A file under any other name is thrown away; left unread, it would stall the upload for ever.
          part.file.resume();
        }
      }
      const parsedKind = AttachmentKind.safeParse(kind);
      if (!parsedKind.success)
        throw badRequest('Choose what kind of document this is', {
          kind: 'Choose what kind of document this is',
        });
      if (!upload || upload.bytes.length === 0) throw badRequest('Select a file', { file: 'Select a file' });
      const contentType = detectFileType(upload.bytes);
      if (!contentType) {
        throw unsupportedType('The file must be a PDF, DOCX, XLSX, ODT, JPG or PNG', {
          file: 'The selected file must be a PDF, Word document (DOCX), spreadsheet (XLSX), ODT, JPG or PNG',
        });
      }
      const storedName = await app.files.save(upload.bytes);
      try {
        const id = app.db.transaction(
          (tx) => {
            // Checked again inside the transaction: the bid may have been sent while the file arrived.
            editableBidForFiles(tx, actor, request.params.bidId);
            const row = tx
              .insert(attachments)
              .values({
                bidId: request.params.bidId,
                kind: parsedKind.data,
                filename: cleanFilename(upload.filename),
                storedName,
                contentType,
                sizeBytes: upload.bytes.length,
                sha256: createHash('sha256').update(upload.bytes).digest('hex'),
                uploadedBy: actor.id,
              })
              .returning({ id: attachments.id })
              .get();
            request.audit(tx, {
              action: 'bid.document_uploaded',
              entityType: 'bid',
              entityId: request.params.bidId,
              after: {
                attachmentId: row.id,
                kind: parsedKind.data,
                filename: cleanFilename(upload.filename),
                contentType,
              },
            });
            return row.id;
          },
          { behavior: 'immediate' },
        );
        const saved = attachmentList(app.db, request.params.bidId).find((a) => a.id === id);
        return reply.status(201).send(found(saved, 'document'));
      } catch (error) {
        await app.files.remove(storedName);
        throw error;
      }
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
          200: z
            .custom<Buffer>((value) => Buffer.isBuffer(value))
            .meta({ description: 'The file, as uploaded' }),
          401: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      readableBid(app.db, actor, request.params.bidId);
      const file = app.db
        .select()
        .from(attachments)
        .where(
          and(eq(attachments.id, request.params.attachmentId), eq(attachments.bidId, request.params.bidId)),
        )
        .get();
      if (!file) throw notFound('There is no such document');
      const bytes = await app.files.read(file.storedName);
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(bytes);
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
      const actor = requireActor(request.actor);
      const storedName = app.db.transaction(
        (tx) => {
          editableBidForFiles(tx, actor, request.params.bidId);
          const file = tx
            .select()
            .from(attachments)
            .where(
              and(
                eq(attachments.id, request.params.attachmentId),
                eq(attachments.bidId, request.params.bidId),
              ),
            )
            .get();
          if (!file) throw notFound('There is no such document');
          tx.delete(attachments).where(eq(attachments.id, file.id)).run();
          request.audit(tx, {
            action: 'bid.document_removed',
            entityType: 'bid',
            entityId: request.params.bidId,
            before: { attachmentId: file.id, kind: file.kind, filename: file.filename },
          });
          return file.storedName;
        },
        { behavior: 'immediate' },
      );
      await app.files.remove(storedName);
      return reply.status(204).send();
    },
  );
};

export default bidRoutes;
