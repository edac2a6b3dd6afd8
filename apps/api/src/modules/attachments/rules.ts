import type { AllowedUploadType } from '@cf/shared';

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/**
 * What a file really is, from its bytes — never from its name or the type the browser claims.
 * Office files are zip archives: we look inside for the parts that make each kind.
 * Returns null for anything we do not accept (an .exe renamed .pdf among them).
 */
export function detectFileType(bytes: Buffer): AllowedUploadType | null {
  if (bytes.length < 8) return null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // ODF puts an uncompressed "mimetype" entry first; OOXML has [Content_Types].xml and its parts.
    const head = bytes.subarray(0, 120).toString('latin1');
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) {
      return 'application/vnd.oasis.opendocument.text';
    }
    const names = zipEntryNames(bytes);
    if (names.includes('[Content_Types].xml')) {
      if (names.some((n) => n.startsWith('word/'))) {
        return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      }
      if (names.some((n) => n.startsWith('xl/'))) {
        return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      }
    }
  }
  return null;
}

/** The file names in a zip archive, read from its central directory. */
export function zipEntryNames(bytes: Buffer): string[] {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  const from = Math.max(0, bytes.length - 65_557);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count && offset + 46 <= bytes.length; i++) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) break;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    names.push(bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A file name safe to send back in Content-Disposition and to show: no paths, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => {
      const code = char.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f && char !== '"';
    })
    .join('')
    .trim()
    .slice(0, 150);
  return cleaned === '' ? 'document' : cleaned;
}

/**
 * The headers a stored document is sent with: its type, the name it was uploaded with (plain ASCII
 * for old browsers, UTF-8 for the rest) as a download, and never cached by anyone but the reader.
 */
export function downloadHeaders(file: { filename: string; contentType: string }): Record<string, string> {
  return {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'cache-control': 'private, no-store',
  };
}
