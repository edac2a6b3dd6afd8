// Files: small but real documents of each kind the service accepts, and some it must refuse; uploads
// sent as a browser sends them; and the files the service stored.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { demoPdf } from '../../src/seed/demo-bids.js';
import type { Client } from './client.js';

const crc32 = (bytes: Buffer): number => zlibCrc32(bytes);

/** A zip archive with these entries, stored (not compressed), in this order. */
export function zipArchive(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time and date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = (part: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ContentType="${type}"/></Types>`;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const testFiles = {
  pdf: (title = 'Constitution') => demoPdf(title),
  /** A 1×1 white PNG. */
  png(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(1, 0);
    header.writeUInt32BE(1, 4);
    header.writeUInt8(8, 8); // bit depth
    header.writeUInt8(2, 9); // truecolour
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
  },
  /** A 1×1 JPEG (JFIF). */
  jpeg: () =>
    Buffer.from(
      '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
      'base64',
    ),
  docx: () =>
    zipArchive([
      [
        '[Content_Types].xml',
        CONTENT_TYPES(
          '/word/document.xml',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        ),
      ],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
      ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
    ]),
  xlsx: () =>
    zipArchive([
      [
        '[Content_Types].xml',
        CONTENT_TYPES(
          '/xl/workbook.xml',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        ),
      ],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
      ['xl/workbook.xml', '<?xml version="1.0"?><workbook/>'],
    ]),
  odt: () =>
    zipArchive([
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['META-INF/manifest.xml', '<?xml version="1.0"?><manifest:manifest/>'],
      ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
    ]),
  /** The start of a Windows program: what an .exe renamed .pdf really is. */
  exe: () =>
    Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
      Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
      Buffer.alloc(256),
    ]),
};

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; content: Buffer; contentType?: string };

/** A multipart/form-data body, built by hand as a browser would send it. */
export function multipartBody(parts: MultipartPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----cf-test-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends a multipart upload from a browser-like client (its cookies and CSRF header). */
export async function postMultipart(
  client: Client,
  url: string,
  parts: MultipartPart[],
): Promise<LightMyRequestResponse> {
  if (!client.jar.get('csrf_token')) {
    client.jar.store(
      await client.app.inject({ method: 'GET', url: '/api/health', remoteAddress: client.ip }),
    );
  }
  const { payload, contentType } = multipartBody(parts);
  const headers: Record<string, string> = { 'content-type': contentType };
  const cookie = client.jar.header();
  if (cookie) headers.cookie = cookie;
  const csrf = client.jar.get('csrf_token');
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await client.app.inject({
    method: 'POST',
    url,
    headers,
    payload,
    remoteAddress: client.ip,
  });
  client.jar.store(response);
  return response;
}

/**
 * Sends a body as it is, with this content type, from a browser-like client: for uploads a broken
 * browser or a script might send (no boundary, a truncated body).
 */
export async function postRaw(
  client: Client,
  url: string,
  contentType: string,
  payload: string | Buffer,
): Promise<LightMyRequestResponse> {
  if (!client.jar.get('csrf_token')) {
    client.jar.store(
      await client.app.inject({ method: 'GET', url: '/api/health', remoteAddress: client.ip }),
    );
  }
  const headers: Record<string, string> = { 'content-type': contentType };
  const cookie = client.jar.header();
  if (cookie) headers.cookie = cookie;
  const csrf = client.jar.get('csrf_token');
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await client.app.inject({
    method: 'POST',
    url,
    headers,
    payload,
    remoteAddress: client.ip,
  });
  client.jar.store(response);
  return response;
}

/** Every file under a folder, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
