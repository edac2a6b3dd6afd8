import type { ErrorCode, ErrorEnvelope } from '@cf/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorCode } from '../../lib/errors.js';
import { AccessDenied } from '../../modules/access/policy.js';
import { recordRefusal } from '../../modules/audit/service.js';

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'bad_request',
    message: 'The request body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the request body as JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'The request is malformed',
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the file as a form upload',
  },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The file is too large' },
  // An upload form with more in it than the service asks for (one file and a few fields).
  FST_PARTS_LIMIT: { status: 413, code: 'payload_too_large', message: 'Send one file at a time' },
  FST_FILES_LIMIT: { status: 413, code: 'payload_too_large', message: 'Send one file at a time' },
  FST_FIELDS_LIMIT: { status: 413, code: 'payload_too_large', message: 'The upload has too many fields' },
  FST_PROTO_VIOLATION: { status: 400, code: 'bad_request', message: 'The upload could not be read' },
  FST_INVALID_JSON_FIELD_ERROR: { status: 400, code: 'bad_request', message: 'The upload could not be read' },
};

/** The one place a refusal's code becomes an HTTP status. */
const STATUS_OF: Record<DomainErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function envelope(code: ErrorCode, message: string, fields?: Record<string, string>): ErrorEnvelope {
  return { error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message } };
}

function validationFields(error: FastifyError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const item of error.validation ?? []) {
    const base = item.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = item.params as { keys?: unknown };
    if (item.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      for (const key of params.keys) {
        const path = base ? `${base}.${String(key)}` : String(key);
        fields[path] ??= 'Not a field we accept';
      }
      continue;
    }
    const path = base || '_';
    fields[path] ??= item.message ?? 'Is not valid';
  }
  return fields;
}

/**
 * One error handler for the whole API: every error leaves in the envelope of PRODUCT.md section 10,
 * with the right status. 5xx details are logged, never sent. Refused access is audited.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        // A malformed id in the path is simply something that does not exist.
        if (error.validationContext === 'params') {
          return reply.status(404).send(envelope('not_found', 'Page not found'));
        }
        const fields = validationFields(error);
        const where = error.validationContext === 'querystring' ? 'the address' : 'what you entered';
        return reply
          .status(400)
          .send(envelope('validation_failed', `There is a problem with ${where}: check each field`, fields));
      }

      if (error instanceof DomainError) {
        if (error instanceof AccessDenied && request.actor) {
          try {
            recordRefusal(app.db, {
              actorId: request.actor.id,
              permission: error.permission,
              method: request.method,
              url: request.url,
              ip: request.ip,
              at: app.clock.now(),
            });
          } catch (auditError) {
            request.log.error({ err: auditError }, 'could not audit a refused request');
          }
        }
        if (error.retryAfterSeconds !== undefined)
          reply.header('retry-after', String(error.retryAfterSeconds));
        return reply.status(STATUS_OF[error.code]).send(envelope(error.code, error.message, error.fields));
      }

      const known = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (known) return reply.status(known.status).send(envelope(known.code, known.message));

      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return reply
          .status(status)
          .send(
            envelope(CODE_BY_STATUS[status] ?? 'bad_request', error.message || 'The request is not valid'),
          );
      }

      request.log.error({ err: error, url: request.url, method: request.method }, 'unhandled error');
      return reply
        .status(500)
        .send(envelope('internal_error', 'Sorry, something went wrong on our side. Try again later.'));
    });
  },
  { name: 'errors', dependencies: ['config', 'db'] },
);
