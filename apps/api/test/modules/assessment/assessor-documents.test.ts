import { ELIGIBLE } from '@cf/shared/examples';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import {
  type AssessorHandle,
  assessorOf,
  assignBid,
  declareNoConflict,
  screenEligible,
} from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { groupInvitationTokenFor, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';
import { testFiles } from '../../support/files.js';

/** The group's contact details and the person who signed: none of it is for assessors. */
const CONTACT = {
  name: 'Werrington Repair Café',
  type: 'registered_charity',
  registeredNumber: '1190456',
  contactName: 'Blessing Okonkwo',
  contactEmail: 'blessing.private@example.org',
  contactPhone: '07700 900712',
  addressLine1: '4 Hidden Mews',
  addressLine2: 'Back door',
  postcode: 'PE4 6QQ',
};
const SIGNED_BY = 'Amina Hussain';

interface Document {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * Issue 9, item 9: an assessor who has declared no conflict sees what they need to score
 * deliverability and value for money — the type of group, its eligibility answers and its
 * supporting documents (its accounts among them) — and never the group's contact details or who
 * signed. Documents download only while they may read the bid.
 */
describe('what an assessor sees of the group, its answers and its documents', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);

  async function assigned(assessor: AssessorHandle, from = group) {
    const bidId = await submittedBid(from.client, refs, from.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessor.id);
    return { bidId, assignmentId };
  }
  /** The bid's documents, as the group that uploaded them sees them. */
  const documentsOf = async (owner: Client, bidId: string): Promise<Document[]> =>
    (await owner.get(`/api/bids/${bidId}`)).json().attachments;
  const download = (client: Client, assignmentId: string, documentId: string) =>
    client.get(`/api/assignments/${assignmentId}/documents/${documentId}`);

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    group = await applicantWithGroup(t.app, 'repair.cafe@example.org', CONTACT);
  });
  afterAll(async () => t.close());

  it('shows an assessor who declared no conflict the type of group, its eligibility answers and its documents, never its contact details or who signed', async () => {
    const { bidId, assignmentId } = await assigned(margaret);
    await declareNoConflict(margaret.client, assignmentId);
    const response = await margaret.client.get(`/api/assignments/${assignmentId}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.group).toEqual({ type: 'registered_charity', registeredNumber: '1190456' });
    expect(view.bid.eligibility).toEqual(ELIGIBLE);
    const uploaded = await documentsOf(group.client, bidId);
    expect(view.bid.documents).toEqual(
      uploaded.map((d) => ({
        id: d.id,
        kind: d.kind,
        filename: d.filename,
        contentType: d.contentType,
        sizeBytes: d.sizeBytes,
        uploadedAt: expect.any(String),
      })),
    );
    expect(view.bid.documents.map((d: Document) => d.kind)).toEqual(['governing_document', 'accounts']);
    for (const secret of [
      CONTACT.contactName,
      CONTACT.contactEmail,
      CONTACT.contactPhone,
      CONTACT.addressLine1,
      CONTACT.addressLine2,
      CONTACT.postcode,
      'repair.cafe@example.org',
      // Who uploaded the documents is a person of the group, too.
      'Group Founder',
      SIGNED_BY,
      'declarations',
    ]) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('shows nothing of the group’s type, answers or documents before the declaration', async () => {
    const { assignmentId } = await assigned(margaret);
    const view = (await margaret.client.get(`/api/assignments/${assignmentId}`)).json();
    expect(view.group).toBeNull();
    expect(view.bid).toBeNull();
  });

  it('lets an assessor who declared no conflict download each of the bid’s documents, as uploaded', async () => {
    const { bidId, assignmentId } = await assigned(margaret);
    await declareNoConflict(margaret.client, assignmentId);
    for (const document of await documentsOf(group.client, bidId)) {
      const response = await download(margaret.client, assignmentId, document.id);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(`filename="${document.filename}"`);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.rawPayload.equals(testFiles.pdf(document.kind))).toBe(true);
    }
  });

  it('refuses a document before the assessor has declared whether they have a conflict (403), changing nothing', async () => {
    const { bidId, assignmentId } = await assigned(margaret);
    const [document] = await documentsOf(group.client, bidId);
    const error = await refused(() => download(margaret.client, assignmentId, document?.id ?? ''), 403);
    expect(error.message).toBe(
      'Tell us whether you have a conflict of interest before you open the bid’s documents',
    );
  });

  it('refuses a document to an assessor who declared a conflict (403), changing nothing', async () => {
    const conflicted = await applicantWithGroup(t.app, 'conflicted.docs@example.org', {
      name: 'Conflicted Docs Group',
    });
    const { bidId, assignmentId } = await assigned(daniel, conflicted);
    const declared = await daniel.client.post(`/api/assignments/${assignmentId}/declaration`, {
      conflict: true,
      nature: 'I chair this group.',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const [document] = await documentsOf(conflicted.client, bidId);
    const error = await refused(() => download(daniel.client, assignmentId, document?.id ?? ''), 403);
    expect(error.message).toBe('You are no longer assessing this bid');
  });

  it('refuses a document, on a bid they declared no conflict on, to an assessor who has since declared a conflict with the group on another of its bids (403)', async () => {
    const twice = await applicantWithGroup(t.app, 'twice.docs@example.org', { name: 'Two Bids Group' });
    const first = await assigned(daniel, twice);
    await declareNoConflict(daniel.client, first.assignmentId);
    const second = await assigned(daniel, twice);
    const declared = await daniel.client.post(`/api/assignments/${second.assignmentId}/declaration`, {
      conflict: true,
      nature: 'I have just joined their committee.',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const [document] = await documentsOf(twice.client, first.bidId);
    await refused(() => download(daniel.client, first.assignmentId, document?.id ?? ''), 403);
  });

  it('refuses a document to an assessor the officer has taken off the bid (403), changing nothing', async () => {
    const { bidId, assignmentId } = await assigned(margaret);
    await declareNoConflict(margaret.client, assignmentId);
    expect((await officer.delete(`/api/assignments/${assignmentId}`)).statusCode).toBe(204);
    const [document] = await documentsOf(group.client, bidId);
    const error = await refused(() => download(margaret.client, assignmentId, document?.id ?? ''), 403);
    expect(error.message).toBe('You are no longer assessing this bid');
  });

  it('refuses a document to an assessor whose role for the fund has been taken away (403), changing nothing', async () => {
    const ownFund = await createFund(t, officer);
    const ownRefs = await refsForFund(t.app, ownFund);
    const assessorId = userIdOf(t.app, 'assessor3@demo.test');
    await grantAssessorRole(admin, assessorId, ownFund.id);
    const priya = await signedIn(t.app, 'assessor3@demo.test');
    const bidId = await submittedBid(group.client, ownRefs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessorId);
    await declareNoConflict(priya, assignmentId);
    const [document] = await documentsOf(group.client, bidId);
    expect((await download(priya, assignmentId, document?.id ?? '')).statusCode).toBe(200);

    const user = (await admin.get(`/api/admin/users/${assessorId}`)).json() as {
      roles: { id: string; fundId: string | null }[];
    };
    const grant = user.roles.find((r) => r.fundId === ownFund.id);
    expect((await admin.delete(`/api/admin/users/${assessorId}/roles/${grant?.id}`)).statusCode).toBe(200);

    const error = await refused(() => download(priya, assignmentId, document?.id ?? ''), 403);
    expect(error.message).toBe('You are no longer an assessor for this fund');
  });

  it('refuses a document to an assessor who has joined the group since (403), changing nothing', async () => {
    const joined = await applicantWithGroup(t.app, 'joined.docs@example.org', { name: 'Joined Later Group' });
    const { bidId, assignmentId } = await assigned(margaret, joined);
    await declareNoConflict(margaret.client, assignmentId);
    const [document] = await documentsOf(joined.client, bidId);
    expect((await download(margaret.client, assignmentId, document?.id ?? '')).statusCode).toBe(200);
    await joined.client.post(`/api/organisations/${joined.organisationId}/invitations`, {
      email: 'assessor@demo.test',
    });
    const accepted = await margaret.client.post('/api/group-invitations/accept', {
      token: groupInvitationTokenFor(t.app, 'assessor@demo.test'),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await refused(() => download(margaret.client, assignmentId, document?.id ?? ''), 403);
  });

  it('answers another assessor’s assignment, and a document of another bid, as not there (404), changing nothing', async () => {
    const mine = await assigned(margaret);
    await declareNoConflict(margaret.client, mine.assignmentId);
    const theirs = await assigned(daniel);
    await declareNoConflict(daniel.client, theirs.assignmentId);
    const [theirDocument] = await documentsOf(group.client, theirs.bidId);
    // Daniel's assignment, through Margaret's session: not there.
    await refused(() => download(margaret.client, theirs.assignmentId, theirDocument?.id ?? ''), 404);
    // Another bid's document through Margaret's own assignment: not there either.
    await refused(() => download(margaret.client, mine.assignmentId, theirDocument?.id ?? ''), 404);
    // Nor a document that does not exist, nor a malformed id.
    await refused(() => download(margaret.client, mine.assignmentId, crypto.randomUUID()), 404);
    await refused(() => download(margaret.client, mine.assignmentId, 'not-an-id'), 404);
  });
});
