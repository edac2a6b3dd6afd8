// Bids, built through the API as a group member does: what they refer to, their sections and
// documents, and sending them.
import { DECLARATIONS, ELIGIBLE } from '@cf/shared/examples';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.js';
import { Client } from '../support/client.js';
import { postMultipart, testFiles } from '../support/files.js';
import { addDays } from '../support/time.js';
import type { FundView } from './funds.js';

/** Ids and dates of the demo data a bid refers to, read through the public API. */
export interface JourneyRefs {
  fundId: string;
  youthFundId: string;
  capPence: number;
  closesAt: string;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  priorityIds: string[];
  /** Wards (not "City-wide"), in the council's order. */
  wardIds: string[];
  cityWideId: string;
  needIds: string[];
}

export async function journeyRefs(app: App): Promise<JourneyRefs> {
  const anonymous = new Client(app);
  const funds = (await anonymous.get('/api/funds')).json().funds as {
    id: string;
    name: string;
    capPence: number;
    closesAt: string;
    deliveryStartsOn: string;
    deliveryEndsOn: string;
    priorities: { id: string }[];
  }[];
  const fund = funds.find((f) => f.name === 'Communities Fund');
  const youth = funds.find((f) => f.name === 'Youth Fund');
  if (!fund || !youth) throw new Error('The demo funds are missing');
  const reference = (await anonymous.get('/api/reference')).json() as {
    wards: { id: string; isCityWide: boolean }[];
  };
  const cityWide = reference.wards.find((w) => w.isCityWide);
  if (!cityWide) throw new Error('No city-wide ward');
  const needs = (await anonymous.get('/api/needs')).json().needs as { id: string }[];
  return {
    fundId: fund.id,
    youthFundId: youth.id,
    capPence: fund.capPence,
    closesAt: fund.closesAt,
    deliveryStartsOn: fund.deliveryStartsOn,
    deliveryEndsOn: fund.deliveryEndsOn,
    priorityIds: fund.priorities.map((p) => p.id),
    wardIds: reference.wards.filter((w) => !w.isCityWide).map((w) => w.id),
    cityWideId: cityWide.id,
    needIds: needs.map((n) => n.id),
  };
}

/** What the bid helpers need to send bids to this fund (wards and needs from the reference data). */
export async function refsForFund(app: App, fund: FundView): Promise<JourneyRefs> {
  const anonymous = new Client(app);
  const reference = (await anonymous.get('/api/reference')).json() as {
    wards: { id: string; isCityWide: boolean }[];
  };
  const cityWide = reference.wards.find((w) => w.isCityWide);
  if (!cityWide) throw new Error('No city-wide ward');
  const needs = (await anonymous.get('/api/needs')).json().needs as { id: string }[];
  return {
    fundId: fund.id,
    youthFundId: fund.id,
    capPence: fund.capPence,
    closesAt: fund.closesAt,
    deliveryStartsOn: fund.deliveryStartsOn,
    deliveryEndsOn: fund.deliveryEndsOn,
    priorityIds: fund.priorities.map((p) => p.id),
    wardIds: reference.wards.filter((w) => !w.isCityWide).map((w) => w.id),
    cityWideId: cityWide.id,
    needIds: needs.map((n) => n.id),
  };
}

/** Complete, valid answers for every section of a bid, asking for `amountPence` in two lines. */
export function completeSectionData(
  refs: JourneyRefs,
  options: { title?: string; amountPence?: number } = {},
): Record<string, Record<string, unknown>> {
  const amount = options.amountPence ?? 500_000;
  const first = Math.floor(amount / 2);
  const start = addDays(refs.deliveryStartsOn, 30);
  const end = addDays(refs.deliveryEndsOn, -30);
  return {
    about: {
      title: options.title ?? 'Saturday Language Café',
      summary: 'A weekly café where people practise English and get to know their neighbours.',
      description:
        'Every Saturday morning volunteers host a friendly café in the community centre. People who are learning English talk with local residents over tea, play games and plan local events together.',
    },
    beneficiaries: {
      wardIds: refs.wardIds.slice(0, 2),
      communities: 'Newer arrivals from Eastern Europe and South Asia, and long-standing residents.',
    },
    priorities: { mainPriorityId: refs.priorityIds[0], otherPriorityIds: refs.priorityIds.slice(1, 2) },
    bringing_together: {
      how: 'Every table mixes people who are learning English with people who grew up here, with a shared game or task.',
    },
    evidence: {
      evidence: 'Adults learning English told the council they want relaxed places to practise speaking.',
      needIds: refs.needIds.slice(0, 1),
    },
    timetable: {
      startDate: start,
      endDate: end,
      milestones: [
        { date: start, description: 'First café' },
        { date: end, description: 'Celebration and report' },
      ],
    },
    budget: {
      lines: [
        { item: 'Hall hire', category: 'venue', costPence: first },
        { item: 'Tea, coffee and snacks', category: 'food', costPence: amount - first },
      ],
      otherFunding: [],
    },
    outcomes: {
      participants: 80,
      events: 40,
      volunteers: 8,
      peopleMeeting: 60,
      description: 'People will feel more confident speaking English and will know more neighbours.',
    },
    risks: {
      risks: [{ risk: 'Few people come', mitigation: 'Promote through schools and places of worship' }],
    },
    declarations: { ...DECLARATIONS },
  };
}

/** Drafts this builder started, oldest first, with who started them: by group and fund. */
const started = new WeakMap<App, Map<string, { client: Client; bidId: string }[]>>();

/**
 * Starts a bid for a group; fails the test unless it is created. Returns its id.
 *
 * A group may have only MAX_DRAFTS_PER_GROUP_PER_FUND unsent bids for a fund, and suites start many
 * for one demo group. At that limit, the group withdraws the oldest draft this builder started for
 * it earlier (as a group tidying up would), and tries again; the demo's own drafts are never touched.
 */
export async function startBid(
  client: Client,
  refs: JourneyRefs,
  organisationId: string,
  eligibility: Record<string, string> = ELIGIBLE,
): Promise<string> {
  const byGroup = started.get(client.app) ?? new Map<string, { client: Client; bidId: string }[]>();
  started.set(client.app, byGroup);
  const key = `${organisationId}/${refs.fundId}`;
  const mine = byGroup.get(key) ?? [];
  byGroup.set(key, mine);
  for (;;) {
    const response = await client.post('/api/bids', { fundId: refs.fundId, organisationId, eligibility });
    if (response.statusCode === 201) {
      const bidId = response.json().id as string;
      mine.push({ client, bidId });
      return bidId;
    }
    const atDraftLimit =
      response.statusCode === 409 && 'organisationId' in (response.json().error.fields ?? {});
    const oldest = mine.shift();
    if (!atDraftLimit || !oldest) throw new Error(`Could not start a bid: ${response.body}`);
    const bid = (await oldest.client.get(`/api/bids/${oldest.bidId}`)).json() as { status?: string };
    if (bid.status !== 'draft') continue;
    const withdrawn = await oldest.client.post(`/api/bids/${oldest.bidId}/withdraw`, {
      reason: 'Tidying up drafts from earlier tests',
    });
    if (withdrawn.statusCode !== 200) throw new Error(`Could not make room for a bid: ${withdrawn.body}`);
  }
}

/** The section's current version, as the form would have it when opened. */
export async function sectionVersionOf(client: Client, bidId: string, section: string): Promise<number> {
  const bid = (await client.get(`/api/bids/${bidId}`)).json() as {
    sections: { key: string; version: number }[];
  };
  return bid.sections.find((s) => s.key === section)?.version ?? 0;
}

/** Saves a section from its current version, as "Save and continue" does (complete unless told). */
export async function saveSection(
  client: Client,
  bidId: string,
  section: string,
  data: Record<string, unknown>,
  options: { complete?: boolean; baseVersion?: number } = {},
): Promise<LightMyRequestResponse> {
  const baseVersion = options.baseVersion ?? (await sectionVersionOf(client, bidId, section));
  return client.put(`/api/bids/${bidId}/sections/${section}`, {
    baseVersion,
    complete: options.complete ?? true,
    data,
  });
}

/** Uploads a document to a bid: the form sends "kind" first, then the file. */
export function uploadDocument(
  client: Client,
  bidId: string,
  kind: string,
  filename: string,
  content: Buffer,
  contentType = 'application/pdf',
): Promise<LightMyRequestResponse> {
  return postMultipart(client, `/api/bids/${bidId}/attachments`, [
    { name: 'kind', value: kind },
    { name: 'file', filename, content, contentType },
  ]);
}

/**
 * A bid ready to send, built through the API as a group member would: started, every section saved
 * complete, and the two required documents uploaded. Returns its id.
 */
export async function buildCompleteBid(
  client: Client,
  refs: JourneyRefs,
  organisationId: string,
  options: { title?: string; amountPence?: number } = {},
): Promise<string> {
  const bidId = await startBid(client, refs, organisationId);
  for (const [section, data] of Object.entries(completeSectionData(refs, options))) {
    const saved = await saveSection(client, bidId, section, data, { baseVersion: 0 });
    if (saved.statusCode !== 200) throw new Error(`Could not save ${section}: ${saved.body}`);
  }
  for (const kind of ['governing_document', 'accounts']) {
    const uploaded = await uploadDocument(client, bidId, kind, `${kind}.pdf`, testFiles.pdf(kind));
    if (uploaded.statusCode !== 201) throw new Error(`Could not upload ${kind}: ${uploaded.body}`);
  }
  return bidId;
}

/**
 * A bid sent to the fund of `refs`, built through the API by a group member (see buildCompleteBid).
 * `wardIds` and `mainPriorityId` change those answers before sending. Returns its id.
 */
export async function submittedBid(
  client: Client,
  refs: JourneyRefs,
  organisationId: string,
  options: { title?: string; amountPence?: number; wardIds?: string[]; mainPriorityId?: string } = {},
): Promise<string> {
  const bidId = await buildCompleteBid(client, refs, organisationId, options);
  const data = completeSectionData(refs, options);
  if (options.wardIds) {
    const saved = await saveSection(client, bidId, 'beneficiaries', {
      ...data.beneficiaries,
      wardIds: options.wardIds,
    });
    if (saved.statusCode !== 200) throw new Error(`Could not change the wards: ${saved.body}`);
  }
  if (options.mainPriorityId) {
    const saved = await saveSection(client, bidId, 'priorities', {
      mainPriorityId: options.mainPriorityId,
      otherPriorityIds: [],
    });
    if (saved.statusCode !== 200) throw new Error(`Could not change the priority: ${saved.body}`);
  }
  const sent = await client.post(`/api/bids/${bidId}/submit`);
  if (sent.statusCode !== 200) throw new Error(`Could not send the bid: ${sent.body}`);
  return bidId;
}
