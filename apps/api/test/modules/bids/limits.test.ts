import { join } from 'node:path';
import {
  MAX_DOCUMENT_BYTES_PER_BID,
  MAX_DOCUMENTS_PER_BID,
  MAX_DRAFTS_PER_GROUP_PER_FUND,
  MAX_UPLOAD_BYTES,
} from '@cf/shared';
import { ELIGIBLE } from '@cf/shared/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyRefs, journeyRefs, startBid, uploadDocument } from '../../builders/bids.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import type { Client } from '../../support/client.js';
import { auditSince, lastAuditId, snapshotDatabase } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { filesUnder, testFiles } from '../../support/files.js';

/** A PDF (by its first bytes) of exactly this size. */
function pdfOfSize(bytes: number): Buffer {
  const file = Buffer.alloc(bytes, 0x20);
  file.write('%PDF-1.4\n', 0, 'latin1');
  return file;
}

describe('limits on what one bid and one group can hold', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let filesDir: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    filesDir = join(t.dir, 'files');
  });
  afterAll(async () => t.close());

  /** The upload is refused with 409 on the file field, leaving no row and no file behind. */
  async function refusedUpload(send: () => ReturnType<typeof uploadDocument>) {
    const { audit_events: _, ...before } = snapshotDatabase(t.app);
    const since = lastAuditId(t.app);
    const filesBefore = filesUnder(filesDir);
    const error = expectError(await send(), 409, 'conflict');
    const { audit_events: __, ...after } = snapshotDatabase(t.app);
    expect(after).toEqual(before);
    expect(filesUnder(filesDir)).toEqual(filesBefore);
    expect(auditSince(t.app, since)).toEqual([]);
    return error;
  }

  describe(`documents: at most ${MAX_DOCUMENTS_PER_BID} per bid`, () => {
    let group: { client: Client; organisationId: string };
    beforeAll(async () => {
      group = await applicantWithGroup(t.app, 'documents.limit@example.org');
    });

    it(`takes ${MAX_DOCUMENTS_PER_BID} documents and refuses one more with 409 on the file field, saying the limit`, async () => {
      const bidId = await startBid(group.client, refs, group.organisationId);
      for (let i = 1; i <= MAX_DOCUMENTS_PER_BID; i++) {
        const response = await uploadDocument(
          group.client,
          bidId,
          'other',
          `Letter ${i}.pdf`,
          testFiles.pdf(`L${i}`),
        );
        expect(response.statusCode, response.body).toBe(201);
      }
      const error = await refusedUpload(() =>
        uploadDocument(group.client, bidId, 'other', 'One more.pdf', testFiles.pdf()),
      );
      expect(error.fields?.file).toContain(`already has ${MAX_DOCUMENTS_PER_BID} documents`);
      expect(error.message).toContain(`${MAX_DOCUMENTS_PER_BID}`);

      // Removing one makes room again.
      const bid = (await group.client.get(`/api/bids/${bidId}`)).json() as { attachments: { id: string }[] };
      expect(bid.attachments).toHaveLength(MAX_DOCUMENTS_PER_BID);
      const removed = await group.client.delete(`/api/bids/${bidId}/attachments/${bid.attachments[0]?.id}`);
      expect(removed.statusCode).toBe(204);
      const again = await uploadDocument(group.client, bidId, 'other', 'One more.pdf', testFiles.pdf());
      expect(again.statusCode, again.body).toBe(201);
    });

    it(`takes documents up to ${MAX_DOCUMENT_BYTES_PER_BID / 1024 / 1024} MB in all, and refuses a file that would go over with 409 on the file field`, async () => {
      const bidId = await startBid(group.client, refs, group.organisationId);
      for (let i = 1; i <= MAX_DOCUMENT_BYTES_PER_BID / MAX_UPLOAD_BYTES; i++) {
        const response = await uploadDocument(
          group.client,
          bidId,
          'accounts',
          `Big ${i}.pdf`,
          pdfOfSize(MAX_UPLOAD_BYTES),
        );
        expect(response.statusCode, response.body).toBe(201);
      }
      const error = await refusedUpload(() =>
        uploadDocument(group.client, bidId, 'other', 'Small.pdf', pdfOfSize(2048)),
      );
      expect(error.fields?.file).toMatch(
        /can add up to 50 MB\. The selected file is 2 KB and there is 1 KB left/,
      );
    });
  });

  describe(`drafts: at most ${MAX_DRAFTS_PER_GROUP_PER_FUND} unsent bids per group per fund`, () => {
    it(`starts ${MAX_DRAFTS_PER_GROUP_PER_FUND} drafts and refuses another for the same fund with 409 on the group field, changing nothing`, async () => {
      const group = await applicantWithGroup(t.app, 'drafts.limit@example.org');
      const ids: string[] = [];
      for (let i = 0; i < MAX_DRAFTS_PER_GROUP_PER_FUND; i++) {
        ids.push(await startBid(group.client, refs, group.organisationId));
      }
      const error = await refusedChangingNothing(
        t.app,
        () =>
          group.client.post('/api/bids', {
            fundId: refs.fundId,
            organisationId: group.organisationId,
            eligibility: ELIGIBLE,
          }),
        409,
        'conflict',
      );
      expect(error.fields?.organisationId).toContain(
        `already has ${MAX_DRAFTS_PER_GROUP_PER_FUND} unsent bids for this fund`,
      );

      // Another fund is another count.
      const youth = await group.client.post('/api/bids', {
        fundId: refs.youthFundId,
        organisationId: group.organisationId,
        eligibility: ELIGIBLE,
      });
      expect(youth.statusCode, youth.body).toBe(201);

      // Withdrawing a draft makes room for a new one.
      const withdrawn = await group.client.post(`/api/bids/${ids[0]}/withdraw`, {
        reason: 'Started by mistake',
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(await startBid(group.client, refs, group.organisationId)).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
