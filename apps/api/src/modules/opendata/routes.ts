import {
  ErrorEnvelope,
  FundIdParams,
  Package360,
  QualityReport,
  WardCodeBody,
  WardCodeList,
  WardIdParams,
  WardWithCode,
} from '@cf/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeWardCode,
  csv360,
  type Funder,
  package360,
  qualityReport,
  transparencyCsv,
  wardCodes,
} from './service.js';

/**
 * Open data (PRODUCT.md section 10, decision 0025). The three files are public by design: anyone
 * may fetch them, from any site (they are published for reuse), and they carry no personal data.
 */
const openDataRoutes: FastifyPluginAsyncZod = async (app) => {
  const funder: Funder = {
    name: app.config.FUNDER_NAME,
    orgId: app.config.FUNDER_ORG_ID,
    prefix: app.config.FUNDER_360G_PREFIX,
    department: app.config.FUNDER_DEPARTMENT,
    areaName: app.config.FUNDER_AREA_NAME,
    license: app.config.OPEN_DATA_LICENSE,
  };

  const openHeaders = (reply: FastifyReply, type: string, filename: string) =>
    reply
      .header('content-type', type)
      .header('content-disposition', `inline; filename="${filename}"`)
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');

  app.get(
    '/api/funds/:fundId/360giving.json',
    {
      schema: {
        tags: ['open data'],
        summary: 'Public: the fund’s awarded grants as a 360Giving package (open licence, no personal data)',
        params: FundIdParams,
        response: { 200: Package360, 404: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { filename, body } = package360(request.ctx, request.params.fundId, funder);
      openHeaders(reply, 'application/json; charset=utf-8', filename);
      return body;
    },
  );

  app.get(
    '/api/funds/:fundId/360giving.csv',
    {
      schema: {
        tags: ['open data'],
        summary: 'Public: the same grants in 360Giving’s flat CSV, with the standard’s column titles',
        params: FundIdParams,
        response: { 200: z.string(), 404: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { filename, stream } = csv360(request.ctx, request.params.fundId, funder);
      return openHeaders(reply, 'text/csv; charset=utf-8', filename).send(stream as unknown as string);
    },
  );

  app.get(
    '/api/funds/:fundId/transparency.csv',
    {
      schema: {
        tags: ['open data'],
        summary: 'Public: the same grants as the Local Government Transparency Code 2015 asks',
        params: FundIdParams,
        response: { 200: z.string(), 404: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { filename, stream } = transparencyCsv(request.ctx, request.params.fundId, funder);
      return openHeaders(reply, 'text/csv; charset=utf-8', filename).send(stream as unknown as string);
    },
  );

  app.get(
    '/api/funds/:fundId/open-data/quality',
    {
      schema: {
        tags: ['open data'],
        summary: 'Officers and admins: the built-in 360Giving quality check on the fund’s open data',
        params: FundIdParams,
        response: { 200: QualityReport, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => qualityReport(request.ctx, request.params.fundId, funder),
  );

  app.get(
    '/api/open-data/ward-codes',
    {
      schema: {
        tags: ['open data'],
        summary: 'Admins: the ONS codes wards are published with',
        response: { 200: WardCodeList, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => ({ wards: wardCodes(request.ctx) }),
  );

  app.put(
    '/api/open-data/ward-codes/:wardId',
    {
      schema: {
        tags: ['open data'],
        summary: 'Admins: change the ONS code a ward is published with (empty: none)',
        params: WardIdParams,
        body: WardCodeBody,
        response: {
          200: WardWithCode,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request) => changeWardCode(request.ctx, request.params.wardId, request.body),
  );
};

export default openDataRoutes;
