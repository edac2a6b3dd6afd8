import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_UPLOAD_BYTES } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCompleteBid,
  type JourneyRefs,
  journeyRefs,
  startBid,
  uploadDocument,
} from '../../builders/bids.js';
import { newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  bidIdOf,
  lastAuditId,
  organisationIdOf,
  snapshotDatabase,
  userIdOf,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { filesUnder, postMultipart, postRaw, testFiles, zipArchive } from '../../support/files.js';

const TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

interface StoredRow {
  id: string;
  bid_id: string;
  filename: string;
  stored_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
}

describe('documents on a bid', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let kitchenId: string;
  let filesDir: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    filesDir = join(t.dir, 'files');
  });
  afterAll(async () => t.close());

  const newBid = () => startBid(amina, refs, kitchenId);
  const stored = (attachmentId: string) =>
    t.app.db.get<StoredRow>(sql`select * from attachments where id = ${attachmentId}`);

  /**
   * Expects the upload to be refused with this status, leaving no row and no file behind. The
   * audit trail gains nothing, or only the refusal when access itself was refused.
   */
  async function refusedUpload(
    send: () => Promise<Awaited<ReturnType<typeof uploadDocument>>>,
    status: number,
  ) {
    const { audit_events: _, ...before } = snapshotDatabase(t.app);
    const since = lastAuditId(t.app);
    const filesBefore = filesUnder(filesDir);
    const response = await send();
    const error = expectError(response, status);
    const { audit_events: __, ...after } = snapshotDatabase(t.app);
    expect(after).toEqual(before);
    expect(filesUnder(filesDir)).toEqual(filesBefore);
    const audited = auditSince(t.app, since).map((e) => e.action);
    expect(audited).toEqual(status === 403 || status === 404 ? ['access.denied'] : []);
    return error;
  }

  describe('uploading', () => {
    it.each([
      ['pdf', 'Constitution.pdf', testFiles.pdf],
      ['png', 'Bank statement.png', testFiles.png],
      ['jpeg', 'Bank statement photo.jpg', testFiles.jpeg],
      ['docx', 'Rules.docx', testFiles.docx],
      ['xlsx', 'Accounts 2018.xlsx', testFiles.xlsx],
      ['odt', 'Constitution.odt', testFiles.odt],
    ] as const)(
      'accepts a %s, with its type found from its bytes, and keeps it under a random name',
      async (type, filename, make) => {
        const bidId = await newBid();
        const bytes = make();
        const since = lastAuditId(t.app);
        // The browser's claimed type is ignored: send them all as a generic type.
        const response = await uploadDocument(
          amina,
          bidId,
          'accounts',
          filename,
          bytes,
          'application/octet-stream',
        );
        expect(response.statusCode, response.body).toBe(201);
        const attachment = response.json();
        expect(attachment).toMatchObject({
          kind: 'accounts',
          filename,
          contentType: TYPES[type],
          sizeBytes: bytes.length,
          uploadedByName: 'Amina Hussain',
        });

        const row = stored(attachment.id);
        expect(row?.stored_name).toMatch(/^[a-f0-9]{32}$/);
        expect(row?.stored_name).not.toContain(filename);
        const onDisk = readFileSync(
          join(filesDir, row?.stored_name.slice(0, 2) ?? '', row?.stored_name ?? ''),
        );
        expect(onDisk.equals(bytes)).toBe(true);
        expect(filesUnder(filesDir).some((path) => path.includes(filename))).toBe(false);
        expect(auditSince(t.app, since)).toEqual([
          expect.objectContaining({
            action: 'bid.document_uploaded',
            entityId: bidId,
            after: expect.objectContaining({ attachmentId: attachment.id, contentType: TYPES[type] }),
          }),
        ]);
        expect((await amina.get(`/api/bids/${bidId}`)).json().attachments).toEqual([attachment]);
      },
    );

    it('trusts the bytes, not the name: a PNG called report.pdf is stored as a PNG', async () => {
      const bidId = await newBid();
      const response = await uploadDocument(
        amina,
        bidId,
        'other',
        'report.pdf',
        testFiles.png(),
        'application/pdf',
      );
      expect(response.statusCode).toBe(201);
      expect(response.json().contentType).toBe('image/png');
    });

    it('gives two uploads of the same file different stored names', async () => {
      const bidId = await newBid();
      const a = (await uploadDocument(amina, bidId, 'other', 'same.pdf', testFiles.pdf())).json();
      const b = (await uploadDocument(amina, bidId, 'other', 'same.pdf', testFiles.pdf())).json();
      expect(stored(a.id)?.stored_name).not.toBe(stored(b.id)?.stored_name);
    });

    it('refuses a Windows program renamed report.pdf with 415 on the file field, storing nothing', async () => {
      const bidId = await newBid();
      const error = await refusedUpload(
        () =>
          uploadDocument(
            amina,
            bidId,
            'governing_document',
            'report.pdf',
            testFiles.exe(),
            'application/pdf',
          ),
        415,
      );
      expect(error.code).toBe('unsupported_media_type');
      expect(error.fields?.file).toMatch(
        /must be a PDF, Word document \(DOCX\), spreadsheet \(XLSX\), ODT, JPG or PNG/,
      );
    });

    it.each([
      ['a text file', 'notes.pdf', Buffer.from('Just some notes, not a real document at all.')],
      ['a web page', 'statement.pdf', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['a GIF', 'photo.png', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
      ['a few bytes of a PDF header', 'tiny.pdf', Buffer.from('%PDF')],
    ])('refuses %s with 415, storing nothing', async (_, filename, bytes) => {
      const bidId = await newBid();
      await refusedUpload(() => uploadDocument(amina, bidId, 'other', filename, bytes), 415);
    });

    it('refuses zip archives that are not Office or OpenDocument files with 415', async () => {
      const bidId = await newBid();
      const plainZip = zipArchive([['readme.txt', 'hello']]);
      await refusedUpload(() => uploadDocument(amina, bidId, 'other', 'archive.docx', plainZip), 415);
      const noContentTypes = zipArchive([['word/document.xml', '<w:document/>']]);
      await refusedUpload(() => uploadDocument(amina, bidId, 'other', 'fake.docx', noContentTypes), 415);
      // An ODT's mimetype must be its first entry, uncompressed: anywhere else it is not an ODT.
      const lateMimetype = zipArchive([
        ['content.xml', '<office:document-content/>'],
        ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ]);
      await refusedUpload(() => uploadDocument(amina, bidId, 'other', 'fake.odt', lateMimetype), 415);
    });

    it('accepts a file of exactly 10 MB', async () => {
      const bidId = await newBid();
      const bytes = Buffer.alloc(MAX_UPLOAD_BYTES, 0x20);
      bytes.write('%PDF-1.4\n', 0, 'latin1');
      const response = await uploadDocument(amina, bidId, 'accounts', 'big.pdf', bytes);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().sizeBytes).toBe(MAX_UPLOAD_BYTES);
    });

    it('refuses a file one byte over 10 MB with 413, leaving no file on disk and no row', async () => {
      const bidId = await newBid();
      const bytes = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
      bytes.write('%PDF-1.4\n', 0, 'latin1');
      const error = await refusedUpload(
        () => uploadDocument(amina, bidId, 'accounts', 'huge.pdf', bytes),
        413,
      );
      expect(error.code).toBe('payload_too_large');
    });

    it('refuses an 11 MB file the same way', async () => {
      const bidId = await newBid();
      const bytes = Buffer.alloc(11 * 1024 * 1024, 0x20);
      bytes.write('%PDF-1.4\n', 0, 'latin1');
      await refusedUpload(() => uploadDocument(amina, bidId, 'accounts', 'eleven.pdf', bytes), 413);
    });

    it('refuses an upload without a kind, or with a kind we do not know, on the kind field', async () => {
      const bidId = await newBid();
      const missing = await refusedUpload(
        () =>
          postMultipart(amina, `/api/bids/${bidId}/attachments`, [
            { name: 'file', filename: 'a.pdf', content: testFiles.pdf() },
          ]),
        400,
      );
      expect(missing.fields).toEqual({ kind: 'Choose what kind of document this is' });
      const unknown = await refusedUpload(
        () => uploadDocument(amina, bidId, 'bank_details', 'a.pdf', testFiles.pdf()),
        400,
      );
      expect(unknown.fields).toEqual({ kind: 'Choose what kind of document this is' });
    });

    it('refuses an upload without a file, or with an empty one, on the file field', async () => {
      const bidId = await newBid();
      const none = await refusedUpload(
        () => postMultipart(amina, `/api/bids/${bidId}/attachments`, [{ name: 'kind', value: 'accounts' }]),
        400,
      );
      expect(none.fields).toEqual({ file: 'Select a file' });
      const empty = await refusedUpload(
        () => uploadDocument(amina, bidId, 'accounts', 'empty.pdf', Buffer.alloc(0)),
        400,
      );
      expect(empty.fields).toEqual({ file: 'Select a file' });
    });

    it('refuses a body that is not a form upload with 415', async () => {
      const bidId = await newBid();
      const before = snapshotDatabase(t.app);
      expectError(await amina.post(`/api/bids/${bidId}/attachments`, { kind: 'accounts' }), 415);
      expect(snapshotDatabase(t.app)).toEqual(before);
    });

    const PART = '--cf\r\nContent-Disposition: form-data; name="kind"\r\n\r\naccounts\r\n';
    const FILE_HEAD =
      '--cf\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n';
    it.each([
      ['no boundary at all', 'multipart/form-data', `${PART}--cf--\r\n`],
      ['an empty boundary', 'multipart/form-data; boundary=', `${PART}--cf--\r\n`],
      ['a boundary the body never uses', 'multipart/form-data; boundary=other', `${PART}--cf--\r\n`],
      ['a body cut off in the middle of a field', 'multipart/form-data; boundary=cf', PART.slice(0, 40)],
      ['a body cut off in the middle of the file', 'multipart/form-data; boundary=cf', `${PART}${FILE_HEAD}`],
      ['a body with no closing boundary', 'multipart/form-data; boundary=cf', `${PART}${FILE_HEAD}%%EOF\r\n`],
      ['garbage', 'multipart/form-data; boundary=cf', '\u0000\u0001 not multipart at all'],
    ])(
      'answers a malformed upload (%s) with 400 in the error envelope, storing nothing',
      async (_, type, body) => {
        const bidId = await newBid();
        const error = await refusedUpload(
          () => postRaw(amina, `/api/bids/${bidId}/attachments`, type, body),
          400,
        );
        expect(error.code).toBe('bad_request');
      },
    );

    it('reads a part with no headers as no part at all, and asks for what is missing (400)', async () => {
      const bidId = await newBid();
      const error = await refusedUpload(
        () =>
          postRaw(
            amina,
            `/api/bids/${bidId}/attachments`,
            'multipart/form-data; boundary=cf',
            '--cf\r\n\r\nhello\r\n--cf--\r\n',
          ),
        400,
      );
      expect(error.fields).toHaveProperty('kind');
    });

    it('refuses an upload to a bid that has been sent with 409, storing nothing', async () => {
      const sent = bidIdOf(t.app, 'Welcome Table Supper Club');
      const error = await refusedUpload(
        () => uploadDocument(amina, sent, 'other', 'late.pdf', testFiles.pdf()),
        409,
      );
      expect(error.message).toMatch(/was sent on .+ and can no longer be changed/);
    });

    it('never adds a document to a bid that was sent while the file was arriving, and leaves no stray file', async () => {
      const bidId = await buildCompleteBid(amina, refs, kitchenId);
      const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
      big.write('%PDF-1.4\n', 0, 'latin1');
      const since = lastAuditId(t.app);
      const [upload, submit] = await Promise.all([
        uploadDocument(amina, bidId, 'other', 'Late letter.pdf', big),
        amina.post(`/api/bids/${bidId}/submit`),
      ]);
      expect(submit.statusCode, submit.body).toBe(200);
      const events = auditSince(t.app, since).filter((e) => e.entityId === bidId);
      const sentAt = events.findIndex((e) => e.action === 'bid.submitted');
      const uploadedAt = events.findIndex((e) => e.action === 'bid.document_uploaded');
      if (upload.statusCode === 201) expect(uploadedAt).toBeLessThan(sentAt);
      else {
        expectError(upload, 409, 'invalid_state');
        expect(uploadedAt).toBe(-1);
      }
      // Every stored file belongs to a row, and every row has its file.
      const rows = t.app.db.all<{ stored_name: string }>(sql`select stored_name from attachments`);
      expect(filesUnder(filesDir)).toEqual(
        rows.map((r) => join(r.stored_name.slice(0, 2), r.stored_name)).sort(),
      );
    });

    it('throws away a file sent under another field name instead of waiting for it, and asks for the file', async () => {
      const bidId = await newBid();
      const error = await refusedUpload(
        () =>
          postMultipart(amina, `/api/bids/${bidId}/attachments`, [
            { name: 'kind', value: 'accounts' },
            { name: 'document', filename: 'a.pdf', content: testFiles.pdf() },
          ]),
        400,
      );
      expect(error.fields).toEqual({ file: 'Select a file' });
    });

    it('refuses two files in one upload, storing neither', async () => {
      const bidId = await newBid();
      await refusedUpload(
        () =>
          postMultipart(amina, `/api/bids/${bidId}/attachments`, [
            { name: 'kind', value: 'accounts' },
            { name: 'file', filename: 'a.pdf', content: testFiles.pdf() },
            { name: 'file', filename: 'b.pdf', content: testFiles.pdf() },
          ]),
        413,
      );
    });

    it('accepts the kind sent after the file', async () => {
      const bidId = await newBid();
      const response = await postMultipart(amina, `/api/bids/${bidId}/attachments`, [
        { name: 'file', filename: 'a.pdf', content: testFiles.pdf() },
        { name: 'kind', value: 'governing_document' },
      ]);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().kind).toBe('governing_document');
    });

    it('does not let grants staff upload to a group’s bid (403), storing nothing', async () => {
      const bidId = await newBid();
      const officer = await signedIn(t.app, 'officer@demo.test');
      await refusedUpload(() => uploadDocument(officer, bidId, 'other', 'a.pdf', testFiles.pdf()), 403);
    });

    it('keeps the file name safe: no folders, quotes or control characters', async () => {
      const bidId = await newBid();
      for (const [sent, kept] of [
        ['..\\..\\windows\\evil\u0007name.pdf', 'evilname.pdf'],
        ['../../etc/passwd', 'passwd'],
        ['\u0001\u0002', 'document'],
      ]) {
        const response = await uploadDocument(amina, bidId, 'other', sent ?? '', testFiles.pdf());
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json().filename).toBe(kept);
      }
    });
  });

  describe('downloading', () => {
    let bidId: string;
    let attachmentId: string;
    let bytes: Buffer;
    beforeAll(async () => {
      bidId = await newBid();
      bytes = testFiles.docx();
      const response = await uploadDocument(
        amina,
        bidId,
        'governing_document',
        'Konstytucja – łódź.docx',
        bytes,
      );
      attachmentId = response.json().id;
    });
    const url = () => `/api/bids/${bidId}/attachments/${attachmentId}`;

    it('gives a member the same bytes as an attachment, never cached, with the name it had', async () => {
      const response = await amina.get(url());
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(bytes)).toBe(true);
      expect(response.headers['content-type']).toBe(TYPES.docx);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="Konstytucja _ __d_.docx"; filename*=UTF-8''${encodeURIComponent('Konstytucja – łódź.docx')}`,
      );
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('gives it to another member of the group too', async () => {
      const bilal = await newGroupMember(t.app, amina, kitchenId, 'bilal@example.org', 'Bilal Rahman');
      const response = await bilal.get(url());
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(bytes)).toBe(true);
    });

    it.each(['officer@demo.test', 'finance@demo.test', 'admin@demo.test'])(
      'gives it to grants staff (%s)',
      async (email) => {
        const staff = await signedIn(t.app, email);
        const response = await staff.get(url());
        expect(response.statusCode).toBe(200);
        expect(response.rawPayload.equals(bytes)).toBe(true);
      },
    );

    it('answers 404 to another group’s member and audits it', async () => {
      const tomas = await signedIn(t.app, 'applicant2@demo.test');
      const since = lastAuditId(t.app);
      const response = await tomas.get(url());
      expectError(response, 404, 'not_found');
      expect(response.rawPayload.includes(bytes)).toBe(false);
      expect(auditSince(t.app, since)).toEqual([
        expect.objectContaining({
          action: 'access.denied',
          actorId: userIdOf(t.app, 'applicant2@demo.test'),
        }),
      ]);
    });

    it('answers 404 when the document is asked for through another bid, even one the person can see', async () => {
      const otherBid = await newBid();
      expectError(await amina.get(`/api/bids/${otherBid}/attachments/${attachmentId}`), 404, 'not_found');
      const tomas = await signedIn(t.app, 'applicant2@demo.test');
      const vytisBid = bidIdOf(t.app, 'Vytis Summer Camp');
      expectError(await tomas.get(`/api/bids/${vytisBid}/attachments/${attachmentId}`), 404, 'not_found');
    });

    it('asks someone not signed in to sign in, and gives nothing', async () => {
      const response = await new Client(t.app).get(url());
      expectError(response, 401, 'unauthenticated');
    });

    it('cannot be reached by the stored name or any other address', async () => {
      const name = stored(attachmentId)?.stored_name ?? '';
      for (const path of [`/files/${name}`, `/api/files/${name}`, `/${name.slice(0, 2)}/${name}`]) {
        const response = await amina.get(path);
        expect(response.statusCode, path).toBe(404);
        expect(response.rawPayload.includes(bytes)).toBe(false);
      }
    });
  });

  describe('removing', () => {
    it('removes a document from a draft: the row and the file go, and it is audited', async () => {
      const bidId = await newBid();
      const attachment = (
        await uploadDocument(amina, bidId, 'accounts', 'wrong.pdf', testFiles.pdf())
      ).json();
      const storedName = stored(attachment.id)?.stored_name ?? '';
      expect(filesUnder(filesDir)).toContain(join(storedName.slice(0, 2), storedName));
      const since = lastAuditId(t.app);
      const response = await amina.delete(`/api/bids/${bidId}/attachments/${attachment.id}`);
      expect(response.statusCode).toBe(204);
      expect(stored(attachment.id)).toBeUndefined();
      expect(filesUnder(filesDir)).not.toContain(join(storedName.slice(0, 2), storedName));
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['bid.document_removed']);
      expectError(await amina.get(`/api/bids/${bidId}/attachments/${attachment.id}`), 404);
      expectError(await amina.delete(`/api/bids/${bidId}/attachments/${attachment.id}`), 404);
    });

    it('refuses to remove a document once the bid has been sent (409), keeping the file', async () => {
      const sent = bidIdOf(t.app, 'Welcome Table Supper Club');
      const [document] = (await amina.get(`/api/bids/${sent}`)).json().attachments as { id: string }[];
      if (!document) throw new Error('The demo sent bid has no documents');
      const before = snapshotDatabase(t.app);
      const filesBefore = filesUnder(filesDir);
      expectError(await amina.delete(`/api/bids/${sent}/attachments/${document.id}`), 409, 'invalid_state');
      expect(snapshotDatabase(t.app)).toEqual(before);
      expect(filesUnder(filesDir)).toEqual(filesBefore);
      expect((await amina.get(`/api/bids/${sent}/attachments/${document.id}`)).statusCode).toBe(200);
    });

    it('does not remove a document through another bid of the same group', async () => {
      const bidId = await newBid();
      const otherBid = await newBid();
      const attachment = (await uploadDocument(amina, bidId, 'accounts', 'keep.pdf', testFiles.pdf())).json();
      expectError(await amina.delete(`/api/bids/${otherBid}/attachments/${attachment.id}`), 404);
      expect(stored(attachment.id)).toBeDefined();
    });
  });
});
