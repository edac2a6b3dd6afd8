import {
  ErrorEnvelope,
  GrantIdParams,
  GrantReports,
  RateGrantBody,
  ReportDetail,
  ReportEvidence,
  ReportEvidenceParams,
  ReportIdParams,
  ReportSectionBody,
  ReportSectionParams,
  ReturnReportBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkedFile, FileDownload, readUpload } from '../attachments/routes.js';
import { downloadHeaders } from '../attachments/rules.js';
import {
  addEvidence,
  approveReport,
  checkCanAddEvidence,
  evidenceToDownload,
  grantReports,
  rateGrant,
  removeEvidence,
  reportDetail,
  returnReport,
  saveReportSection,
  sendReport,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Monitoring reports (issue 11, decision 0024). */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/grants/:grantId/reports',
    {
      schema: {
        tags: ['reports'],
        summary:
          'A grant’s reports, due date and state each; for staff, its red/amber/green rating and their history',
        params: GrantIdParams,
        response: { 200: GrantReports, ...errors },
      },
    },
    async (request) => grantReports(request.ctx, request.params.grantId),
  );

  app.post(
    '/api/grants/:grantId/ratings',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Officers standing apart from the group: rate the grant red, amber or green (a reason is required when it differs from the suggested rating)',
        params: GrantIdParams,
        body: RateGrantBody,
        response: { 201: GrantReports, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(rateGrant(request.ctx, request.params.grantId, request.body)),
  );

  app.get(
    '/api/reports/:reportId',
    {
      schema: {
        tags: ['reports'],
        summary: 'A report: its sections, evidence and state; for officers, the suggested rating',
        params: ReportIdParams,
        response: { 200: ReportDetail, ...errors },
      },
    },
    async (request) => reportDetail(request.ctx, request.params.reportId),
  );

  app.put(
    '/api/reports/:reportId/sections/:section',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Members of the group: save one section of the report (progress, spend, outcomes, story), from the version opened, while it is not sent',
        params: ReportSectionParams,
        body: ReportSectionBody,
        response: { 200: ReportDetail, ...errors },
      },
    },
    async (request) =>
      saveReportSection(request.ctx, request.params.reportId, request.params.section, request.body),
  );

  app.post(
    '/api/reports/:reportId/evidence',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Members of the group: add evidence (multipart: "file"). PDF, DOCX, XLSX, ODT, JPG or PNG, up to 10 MB, checked from its bytes; at most 20 files, 50 MB in all (409 beyond)',
        params: ReportIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ReportEvidence, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      // Check access before reading the upload, so nobody can fill our disk with files for a report they cannot change.
      checkCanAddEvidence(request.ctx, request.params.reportId);
      const { upload } = await readUpload(request);
      const file = checkedFile(upload);
      const saved = await app.files.storeFor(file.bytes, (storedName) =>
        addEvidence(request.ctx, request.params.reportId, { ...file, storedName }),
      );
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/reports/:reportId/evidence/:evidenceId',
    {
      schema: {
        tags: ['reports'],
        summary: 'Download evidence (people who can see the grant only)',
        params: ReportEvidenceParams,
        response: {
          200: FileDownload,
          401: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const file = evidenceToDownload(request.ctx, request.params.reportId, request.params.evidenceId);
      const bytes = await app.files.read(file.storedName);
      return reply.headers(downloadHeaders(file)).send(bytes);
    },
  );

  app.delete(
    '/api/reports/:reportId/evidence/:evidenceId',
    {
      schema: {
        tags: ['reports'],
        summary: 'Members of the group: remove evidence while the report is not sent',
        params: ReportEvidenceParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      const storedName = removeEvidence(request.ctx, request.params.reportId, request.params.evidenceId);
      await app.files.remove(storedName);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/reports/:reportId/send',
    {
      schema: {
        tags: ['reports'],
        summary: 'Members of the group: send the report to the grants officer (every section answered)',
        params: ReportIdParams,
        response: { 200: ReportDetail, ...errors },
      },
    },
    async (request) => sendReport(request.ctx, request.params.reportId),
  );

  app.post(
    '/api/reports/:reportId/approve',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Officers standing apart from the group: approve a sent report. The final report completes the grant and asks for the final payment',
        params: ReportIdParams,
        response: { 200: ReportDetail, ...errors },
      },
    },
    async (request) => approveReport(request.ctx, request.params.reportId),
  );

  app.post(
    '/api/reports/:reportId/return',
    {
      schema: {
        tags: ['reports'],
        summary: 'Officers standing apart from the group: return a sent report to the group with comments',
        params: ReportIdParams,
        body: ReturnReportBody,
        response: { 200: ReportDetail, ...errors },
      },
    },
    async (request) => returnReport(request.ctx, request.params.reportId, request.body),
  );
};

export default reportRoutes;
