// A grant made the way the service makes one: a bid sent, scored and awarded at the panel.
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import type { Client } from '../support/client.js';
import { type AssessorHandle, scoreBid } from './assessment.js';
import { type JourneyRefs, submittedBid } from './bids.js';
import type { FundView } from './funds.js';

/** The grant an award made of a bid. */
export function grantIdOfBid(app: App, bidId: string): string {
  const row = app.db.get<{ id: string } | undefined>(sql`select id from grants where bid_id = ${bidId}`);
  if (!row) throw new Error(`No grant for bid ${bidId}`);
  return row.id;
}

/**
 * A group's bid asking `askPence`, scored by the assessor and awarded `awardPence` (all it asked
 * for unless told) by the officer. Returns the bid and the grant it became.
 */
export async function awardedGrant(
  app: App,
  setting: { officer: Client; fund: FundView; refs: JourneyRefs; assessor: AssessorHandle },
  group: { client: Client; organisationId: string },
  options: { askPence?: number; awardPence?: number; title?: string } = {},
): Promise<{ bidId: string; grantId: string }> {
  const ask = options.askPence ?? 400_000;
  const bidId = await submittedBid(group.client, setting.refs, group.organisationId, {
    amountPence: ask,
    ...(options.title ? { title: options.title } : {}),
  });
  await scoreBid(setting.officer, setting.fund, bidId, [setting.assessor], [[4, 4, 4, 4, 4, 4]]);
  const award = options.awardPence ?? ask;
  const decided = await setting.officer.post(`/api/bids/${bidId}/decision`, {
    panelDate: setting.fund.deliveryStartsOn,
    decision: {
      outcome: 'award',
      amountPence: award,
      ...(award < ask ? { reason: 'The panel funded the core of the project' } : {}),
    },
  });
  if (decided.statusCode !== 200) throw new Error(`Could not award the bid: ${decided.body}`);
  return { bidId, grantId: grantIdOfBid(app, bidId) };
}
