// Assessment: screening a sent bid, assigning it, declaring on it and scoring it, as staff do.
import type { App } from '../../src/app.js';
import { type Client, signedIn } from '../support/client.js';
import { userIdOf } from '../support/database.js';
import { grantAssessorRole } from './accounts.js';
import type { FundView } from './funds.js';

/** An officer marks a sent bid eligible (documents valid, group verified). */
export async function screenEligible(officer: Client, bidId: string): Promise<void> {
  const response = await officer.post(`/api/bids/${bidId}/screening`, {
    decision: 'eligible',
    checks: { documentsValid: true, groupVerified: true },
  });
  if (response.statusCode !== 200) throw new Error(`Could not screen the bid: ${response.body}`);
}

/** An officer gives the bid to an assessor; returns the new assignment's id. */
export async function assignBid(officer: Client, bidId: string, assessorId: string): Promise<string> {
  const response = await officer.post(`/api/bids/${bidId}/assignments`, { assessorId });
  if (response.statusCode !== 201) throw new Error(`Could not assign the bid: ${response.body}`);
  const made = (response.json().assignments as { id: string; assessorId: string; status: string }[]).find(
    (a) => a.assessorId === assessorId && a.status === 'awaiting_declaration',
  );
  if (!made) throw new Error(`No new assignment in ${response.body}`);
  return made.id;
}

/** The assessor declares that they have no conflict of interest. */
export async function declareNoConflict(assessor: Client, assignmentId: string): Promise<void> {
  const response = await assessor.post(`/api/assignments/${assignmentId}/declaration`, { conflict: false });
  if (response.statusCode !== 200) throw new Error(`Could not declare: ${response.body}`);
}

/** A score set body: one score (and a comment) per criterion, in the fund's order. */
export function scoreSetBody(
  criteria: readonly { id: string }[],
  scores: readonly (number | undefined)[],
  options: { submit?: boolean; baseVersion?: number; recommendation?: string | undefined } = {},
): Record<string, unknown> {
  return {
    baseVersion: options.baseVersion ?? 0,
    submit: options.submit ?? true,
    scores: criteria.map((criterion, index) => ({
      criterionId: criterion.id,
      ...(scores[index] === undefined ? {} : { score: scores[index] }),
      comment: `Comment on criterion ${index + 1}`,
    })),
    ...('recommendation' in options
      ? options.recommendation === undefined
        ? {}
        : { recommendation: options.recommendation }
      : { recommendation: 'fund' }),
    overallComment: 'A clear, well-costed bid.',
  };
}

/** The assessor submits a complete score set on an assignment they have declared on. */
export async function submitScores(
  assessor: Client,
  assignmentId: string,
  criteria: readonly { id: string }[],
  scores: readonly number[],
): Promise<void> {
  const current = (await assessor.get(`/api/assignments/${assignmentId}`)).json() as {
    scoreSet: { version: number } | null;
  };
  const response = await assessor.put(
    `/api/assignments/${assignmentId}/scores`,
    scoreSetBody(criteria, scores, { baseVersion: current.scoreSet?.version ?? 0 }),
  );
  if (response.statusCode !== 200) throw new Error(`Could not submit scores: ${response.body}`);
}

export interface AssessorHandle {
  client: Client;
  id: string;
}

/** A demo account given the assessor role for the fund by an admin, and signed in. */
export async function assessorOf(
  app: App,
  admin: Client,
  fundId: string,
  email: string,
): Promise<AssessorHandle> {
  const id = userIdOf(app, email);
  await grantAssessorRole(admin, id, fundId);
  return { client: await signedIn(app, email), id };
}

/**
 * Takes a sent bid all the way to "scored" through the API: screened eligible, given to each
 * assessor, declared on and scored with their scores (one list per assessor). Returns the
 * assignment ids, in the assessors' order.
 */
export async function scoreBid(
  officer: Client,
  fund: FundView,
  bidId: string,
  assessors: readonly AssessorHandle[],
  scores: readonly (readonly number[])[],
): Promise<string[]> {
  await screenEligible(officer, bidId);
  const ids: string[] = [];
  for (const [index, assessor] of assessors.entries()) {
    const assignmentId = await assignBid(officer, bidId, assessor.id);
    await declareNoConflict(assessor.client, assignmentId);
    await submitScores(assessor.client, assignmentId, fund.criteria, scores[index] ?? [3, 3, 3, 3, 3, 3]);
    ids.push(assignmentId);
  }
  return ids;
}
