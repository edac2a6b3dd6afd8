import { MAX_UPLOAD_BYTES } from '@cf/shared';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, DomainError, tooLarge, unsupportedType } from '../../lib/errors.js';
import { detectFileType } from './rules.js';

// Reading an uploaded file from a request, the one way every upload is read (bid documents,
// report evidence): the same size limit (413), the same check of what the file really is (415),
// the same answers. No paths of its own: the modules that take uploads call these.

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

/** An error that already says which status it is (Fastify's and its plugins' own). */
function hasStatus(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * The text fields and the "file" of an upload form. A body that cannot be read as a form upload
 * (no boundary, cut off, not multipart at all) is the sender's mistake: 400, never a 500. Refusals
 * the upload's limits make (too large, too many parts) keep their own answers.
 */
export async function readUpload(request: FastifyRequest): Promise<{
  fields: Record<string, string>;
  upload: { filename: string; bytes: Buffer } | undefined;
}> {
  if (!request.isMultipart()) throw unsupportedType('Send the file as a form upload');
  const fields: Record<string, string> = {};
  let upload: { filename: string; bytes: Buffer } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value);
      else if (part.fieldname === 'file') {
        upload = { filename: part.filename, bytes: await fileBytes(part) };
      } else {
        // A file under any other name is thrown away; left unread, it would stall the upload for ever.
        part.file.resume();
      }
    }
  } catch (error) {
    if (error instanceof DomainError || hasStatus(error)) throw error;
    throw new DomainError(
      'bad_request',
      'The upload could not be read. Choose the file again and upload it.',
    );
  }
  return { fields, upload };
}

/** The uploaded file with its type found from its bytes: 400 when none was chosen, 415 when not allowed. */
export function checkedFile(upload: { filename: string; bytes: Buffer } | undefined): {
  filename: string;
  bytes: Buffer;
  contentType: string;
} {
  if (!upload || upload.bytes.length === 0) throw badRequest('Select a file', { file: 'Select a file' });
  const contentType = detectFileType(upload.bytes);
  if (!contentType) {
    throw unsupportedType('The file must be a PDF, DOCX, XLSX, ODT, JPG or PNG', {
      file: 'The selected file must be a PDF, Word document (DOCX), spreadsheet (XLSX), ODT, JPG or PNG',
    });
  }
  return { filename: upload.filename, bytes: upload.bytes, contentType };
}

/** The 200 answer of every route that sends an uploaded file back, for the OpenAPI document. */
export const FileDownload = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ description: 'The file, as uploaded' });
