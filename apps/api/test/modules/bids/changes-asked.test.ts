// Returning a bid for changes names what to change (issue 9, item 3): the sections to answer again
// and the documents to upload again. Each stays asked for until the group has done it, and the bid
// cannot be sent again before then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCompleteBid,
  completeSectionData,
  type JourneyRefs,
  journeyRefs,
  saveSection,
  uploadDocument,
} from '../../builders/bids.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, organisationIdOf, outboxMessages } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';
import { testFiles } from '../../support/files.js';

const MESSAGE =
  'Your budget does not match your timetable, and the bank statement is more than 3 months old.';

describe('returning a bid names the changes the group must make', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let amina: Client;
  let officer: Client;
  let kitchenId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    amina = await signedIn(t.app, 'applicant@demo.test');
    officer = await signedIn(t.app, 'officer@demo.test');
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
  });
  afterAll(async () => t.close());

  async function sentBid(): Promise<string> {
    const bidId = await buildCompleteBid(amina, refs, kitchenId);
    const sent = await amina.post(`/api/bids/${bidId}/submit`);
    if (sent.statusCode !== 200) throw new Error(sent.body);
    return bidId;
  }

  async function returnedBid(changes = { sections: ['budget', 'timetable'], documents: ['accounts'] }) {
    const bidId = await sentBid();
    const returned = await officer.post(`/api/bids/${bidId}/return`, { message: MESSAGE, ...changes });
    expect(returned.statusCode, returned.body).toBe(200);
    return bidId;
  }

  const detail = async (bidId: string) => (await amina.get(`/api/bids/${bidId}`)).json();

  it('keeps the sections and documents the officer named on the bid, audited, and names them in the email', async () => {
    const mailBefore = outboxMessages(t.app, 'bid_returned').length;
    const since = lastAuditId(t.app);
    const bidId = await returnedBid();
    const bid = await detail(bidId);
    // In the task list's order, whatever order the officer ticked them in.
    expect(bid.changesAsked).toEqual({ sections: ['timetable', 'budget'], documents: ['accounts'] });
    const returned = auditSince(t.app, since).find((e) => e.action === 'bid.returned');
    expect(returned?.after).toMatchObject({
      status: 'draft',
      changesAsked: { sections: ['timetable', 'budget'], documents: ['accounts'] },
    });
    const [mail] = outboxMessages(t.app, 'bid_returned').slice(mailBefore);
    expect(mail?.body).toContain('Budget');
    expect(mail?.body).toContain('Timetable');
    expect(mail?.body).toContain('Latest accounts or bank statement');
  });

  it('keeps a section asked for until it is saved complete again: a draft save does not count', async () => {
    const bidId = await returnedBid();
    const data = completeSectionData(refs);
    const draft = await saveSection(amina, bidId, 'budget', data.budget ?? {}, { complete: false });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await detail(bidId)).changesAsked.sections).toEqual(['timetable', 'budget']);
    const complete = await saveSection(amina, bidId, 'budget', data.budget ?? {});
    expect(complete.statusCode, complete.body).toBe(200);
    expect((await detail(bidId)).changesAsked.sections).toEqual(['timetable']);
  });

  it('keeps a document asked for until a new one of that kind is uploaded', async () => {
    const bidId = await returnedBid();
    expect((await detail(bidId)).changesAsked.documents).toEqual(['accounts']);
    const other = await uploadDocument(amina, bidId, 'other', 'letter.pdf', testFiles.pdf('Letter'));
    expect(other.statusCode, other.body).toBe(201);
    expect((await detail(bidId)).changesAsked.documents).toEqual(['accounts']);
    const uploaded = await uploadDocument(
      amina,
      bidId,
      'accounts',
      'new-statement.pdf',
      testFiles.pdf('New'),
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect((await detail(bidId)).changesAsked.documents).toEqual([]);
  });

  it('cannot be sent again until every change asked for is done (400 naming each), then clears the list', async () => {
    const bidId = await returnedBid({ sections: ['budget'], documents: ['accounts'] });
    const bid = await detail(bidId);
    expect(bid.permissions.submit).toBe(false);
    expect(bid.submitProblems).toEqual([
      { section: 'budget', message: 'Change your answers in “Budget”, as the grants team asked' },
      {
        section: 'documents',
        message: 'Upload a new latest accounts or bank statement, as the grants team asked',
      },
    ]);
    const error = await refusedChangingNothing(t.app, () => amina.post(`/api/bids/${bidId}/submit`), 400);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['budget', 'documents']);

    await saveSection(amina, bidId, 'budget', completeSectionData(refs).budget ?? {});
    await uploadDocument(amina, bidId, 'accounts', 'new-statement.pdf', testFiles.pdf('Newer'));
    const sent = await amina.post(`/api/bids/${bidId}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      status: 'submitted',
      returnMessage: null,
      changesAsked: { sections: [], documents: [] },
    });
  });

  it('returns with a message alone, as before: nothing is marked', async () => {
    const bidId = await sentBid();
    const returned = await officer.post(`/api/bids/${bidId}/return`, { message: MESSAGE });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().changesAsked).toEqual({ sections: [], documents: [] });
    expect(returned.json().permissions.submit).toBe(false); // the officer cannot send; the group can
    expect((await detail(bidId)).permissions.submit).toBe(true);
  });

  it('refuses sections and documents that do not exist, or named twice, field by field (400), changing nothing', async () => {
    const bidId = await sentBid();
    const error = await refusedChangingNothing(
      t.app,
      () =>
        officer.post(`/api/bids/${bidId}/return`, {
          message: MESSAGE,
          sections: ['budget', 'the_moon'],
          documents: ['accounts', 'accounts'],
        }),
      400,
      'validation_failed',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['documents', 'sections.1']);
  });
});
