// The routes to fuzz, read from the OpenAPI document, and who sends each one.

import { BID_SECTIONS, REPORT_SECTION_SCHEMAS } from '@cf/shared';
import { type ZodType, z } from 'zod';
import type { Schema } from './values.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: Method;
  path: string;
  tag: string;
  parameters: Parameter[];
  body?: Schema;
  /** `GET /api/bids/{bidId}`: how tests name it. */
  id: string;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        tags?: string[];
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}

/** Every operation of the document. */
export function operationsOf(document: unknown): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries((document as OpenApi).paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const upper = method.toUpperCase() as Method;
      operations.push({
        method: upper,
        path,
        tag: operation.tags?.[0] ?? 'untagged',
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content['application/json']?.schema,
        id: `${upper} ${path}`,
      });
    }
  }
  return operations;
}

/**
 * Who sends the fuzzed requests: the people who may use a route, so that requests get past access
 * checks into validation and the service; and for staff routes an applicant too, who must be
 * refused whatever they send.
 */
export type Caller =
  | 'anonymous'
  /** officer2@ after the password, before the second factor. */
  | 'halfSigned'
  | 'applicant'
  /** A member of a group with a grant and monitoring reports (found in the demo data). */
  | 'member'
  | 'assessor'
  | 'officer'
  | 'finance'
  | 'finance2'
  | 'admin';

export const CALLER_EMAILS: Record<Exclude<Caller, 'anonymous' | 'member'>, string> = {
  halfSigned: 'officer2@demo.test',
  applicant: 'applicant@demo.test',
  assessor: 'assessor@demo.test',
  officer: 'officer@demo.test',
  finance: 'finance@demo.test',
  finance2: 'finance2@demo.test',
  admin: 'admin@demo.test',
};

/** First match wins; a route no rule names fails the coverage test. */
const CALLER_RULES: [RegExp, Caller[]][] = [
  [/^POST \/api\/auth\/second-factor$/, ['halfSigned', 'anonymous']],
  [/^\w+ \/api\/auth\//, ['anonymous', 'applicant', 'officer']],
  [/^\w+ \/api\/(invitations|group-invitations|accounts)\b/, ['anonymous', 'applicant']],
  [/^\w+ \/api\/(account|me)\//, ['applicant']],
  [/^\w+ \/api\/(admin|audit|mail)\b/, ['admin', 'applicant']],
  [/^\w+ \/api\/open-data\//, ['admin', 'officer', 'applicant']],
  [/^GET \/api\/funds\/\{fundId\}\/(360giving|transparency)/, ['anonymous', 'officer']],
  [/^\w+ \/api\/organisations\/\{organisationId\}\/bank-account/, ['applicant', 'member', 'finance']],
  [/^\w+ \/api\/bank-accounts\b/, ['finance2', 'finance', 'applicant']],
  [/^\w+ \/api\/organisations\b/, ['applicant', 'officer']],
  [
    /^\w+ \/api\/bids\/\{bidId\}\/(screening|return|decision|moderation-notes|assignments)/,
    ['officer', 'applicant'],
  ],
  [/^\w+ \/api\/bids\b/, ['applicant', 'officer']],
  [/^\w+ \/api\/needs\b/, ['applicant', 'officer']],
  [/^\w+ \/api\/(assignments|reopen-requests)\b/, ['assessor', 'officer', 'applicant']],
  [/^\w+ \/api\/payments\b/, ['finance', 'applicant']],
  [/^POST \/api\/grants\/\{grantId\}\/(accept|decline)$/, ['member', 'officer']],
  [/^\w+ \/api\/grants\/\{grantId\}\/(reports|ratings)$/, ['member', 'officer']],
  [/^\w+ \/api\/reports\b/, ['member', 'officer']],
  [/^\w+ \/api\/grants\b/, ['officer', 'finance', 'applicant']],
  [/^\w+ \/api\/funds\b/, ['officer', 'finance', 'admin', 'applicant']],
  [/^\w+ \/api\/monitoring\b/, ['officer', 'applicant']],
  [/^GET \/api\/work$/, ['officer', 'applicant']],
  [/^GET \/api\/(health|about|reference|privacy\/retention)$/, ['anonymous']],
];

/** Who sends requests to this route, or undefined when no rule names it. */
export function callersOf(operation: Operation): Caller[] | undefined {
  return CALLER_RULES.find(([pattern]) => pattern.test(operation.id))?.[1];
}

/**
 * Which fuzz file takes which routes (by their OpenAPI tag), so that each file builds one app and
 * the files run side by side. A tag no file names fails the coverage test.
 */
export const FILE_OF_TAG: Record<string, 'people' | 'bids' | 'money' | 'reports'> = {
  health: 'people',
  public: 'people',
  reference: 'people',
  auth: 'people',
  accounts: 'people',
  account: 'people',
  admin: 'people',
  mail: 'people',
  organisations: 'bids',
  bids: 'bids',
  assessment: 'bids',
  'project bank': 'bids',
  funds: 'money',
  panel: 'money',
  grants: 'money',
  payments: 'money',
  'open data': 'reports',
  reports: 'reports',
  monitoring: 'reports',
};

/**
 * Routes with nothing to fuzz (no body, no path parameters, no query string) that would end the
 * callers' sessions if a request got through; left out, as the brief fuzzes only routes with input.
 */
export const NOT_FUZZED: Record<string, string> = {
  'POST /api/auth/logout': 'no input; a request that gets through signs the caller out',
  'POST /api/account/sign-out-everywhere': 'no input; a request that gets through signs the caller out',
};

const jsonSchema = (schema: ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;

/**
 * Routes whose body's `data` is a record the service checks against the schema of the section the
 * path names (the OpenAPI document can only say "a record"): by route, the schema of each section.
 */
export const SECTION_DATA: Record<string, Record<string, Schema>> = {
  'PUT /api/bids/{bidId}/sections/{section}': Object.fromEntries(
    BID_SECTIONS.map((section) => [section.key, jsonSchema(section.schema)]),
  ),
  'PUT /api/reports/{reportId}/sections/{section}': Object.fromEntries(
    Object.entries(REPORT_SECTION_SCHEMAS).map(([key, schema]) => [key, jsonSchema(schema)]),
  ),
};

/**
 * Upload routes (multipart; the OpenAPI document names no body for them): by route, the form fields
 * besides "file" and the values they take.
 */
export const UPLOADS: Record<string, Record<string, string[]>> = {
  'POST /api/bids/{bidId}/attachments': {
    kind: ['governing_document', 'accounts', 'safeguarding_policy', 'other'],
  },
  'POST /api/reports/{reportId}/evidence': {},
};
