import { createHash } from 'node:crypto';
import {
  type AuditAction,
  type BudgetCategoryKey,
  isoToLondonLocal,
  type SectionDataMap,
  type SectionKey,
  sectionSchema,
} from '@cf/shared';
import { DECLARATIONS, ELIGIBLE } from '@cf/shared/examples';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import {
  attachments,
  bidSections,
  bidSectionVersions,
  bids,
  needs,
  priorities,
  wards,
} from '../db/schema/index.js';
import { recordAudit } from '../modules/audit/repository.js';
import { nextReference } from '../modules/bids/repository.js';

/** Stores a file's bytes under DATA_DIR and gives back its stored name. */
export type StoreFile = (bytes: Buffer) => string;

/** A minimal, valid one-page PDF, so demo documents open in a browser. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const DEMO_NEEDS = [
  {
    ward: 'Millfield and New England',
    title: 'Places for women from different communities to meet',
    description:
      'Women who have recently arrived in the area, and women who have lived here for years, said they have few safe, friendly places to meet, cook and talk together.',
    source: 'community_consultation' as const,
    sourceDetail: 'Millfield and New England community conversations, 38 residents',
    identifiedOn: '2018-11-20',
  },
  {
    ward: 'Central',
    title: 'After-school activities for young people',
    description:
      'Parents and young people asked for free, supervised sport and activities after school, open to children from every background.',
    source: 'community_consultation' as const,
    sourceDetail: 'City centre youth survey',
    identifiedOn: '2018-10-05',
  },
  {
    ward: 'Park',
    title: 'Shared green space for growing food',
    description:
      'Residents of flats with no gardens want a shared space to grow food and get to know neighbours.',
    source: 'needs_assessment' as const,
    sourceDetail: 'Park ward needs assessment 2018',
    identifiedOn: '2018-09-12',
  },
  {
    ward: 'Dogsthorpe',
    title: 'Practising everyday English',
    description:
      'Adults learning English want relaxed places to practise speaking with local people, outside formal classes.',
    source: 'community_consultation' as const,
    sourceDetail: null,
    identifiedOn: '2019-01-08',
  },
  {
    ward: 'Paston and Walton',
    title: 'Loneliness among older residents',
    description:
      'Older residents, many living alone, said they would like regular chances to meet younger people and newer neighbours.',
    source: 'needs_assessment' as const,
    sourceDetail: 'Adult social care locality profile',
    identifiedOn: '2018-12-03',
  },
  {
    ward: 'City-wide',
    title: 'Volunteering for people new to the city',
    description:
      'People new to Peterborough want to volunteer to meet others and build skills, but do not know where to start.',
    source: 'other' as const,
    sourceDetail: 'Feedback from the council’s integration partnership',
    identifiedOn: '2019-02-14',
  },
];

function addDays(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

function isoDate(date: Date): string {
  return isoToLondonLocal(date.toISOString()).slice(0, 10);
}

interface DemoBidIds {
  fundId: string;
  organisationId: string;
  userId: string;
  priorityIds: Record<string, string>;
  wardIds: Record<string, string>;
  needIds: string[];
}

/** Complete answers for every section of a believable bid. */
function completeSections(
  ids: DemoBidIds,
  now: Date,
  bid: {
    title: string;
    summary: string;
    ward: string;
    priority: string;
    lines: [string, BudgetCategoryKey, number][];
  },
): SectionDataMap {
  const start = addDays(now, 45);
  const end = addDays(now, 45 + 240);
  return {
    about: {
      title: bid.title,
      summary: bid.summary,
      description: `${bid.summary} We will run regular sessions led by local volunteers, in a welcoming venue close to where people live. Everyone is welcome, whatever their background, age or first language. Sessions are free, and we provide food, childcare and interpreters where needed.`,
    },
    beneficiaries: {
      wardIds: [ids.wardIds[bid.ward] ?? ''],
      communities:
        'Long-standing residents and newer arrivals, including Polish, Lithuanian, Pakistani, Roma and British families.',
    },
    priorities: {
      mainPriorityId: ids.priorityIds[bid.priority] ?? '',
      otherPriorityIds: [ids.priorityIds['English Language'] ?? ''].filter(
        (id) => id !== ids.priorityIds[bid.priority],
      ),
    },
    bringing_together: {
      how: 'Every session mixes people from different backgrounds in small groups with a shared task, so they talk and help each other. Volunteers from each community welcome newcomers and introduce people.',
    },
    evidence: {
      evidence:
        'Our community conversations in 2018 heard from 38 residents who said there are few places to meet people from other communities. The need is also in the council’s project bank.',
      needIds: ids.needIds.slice(0, 1),
    },
    timetable: {
      startDate: isoDate(start),
      endDate: isoDate(end),
      milestones: [
        { date: isoDate(start), description: 'First session and launch event' },
        { date: isoDate(addDays(start, 120)), description: 'Mid-point review with participants' },
        { date: isoDate(end), description: 'Celebration event and final report' },
      ],
    },
    budget: {
      lines: bid.lines.map(([item, category, costPence]) => ({ item, category, costPence })),
      otherFunding: [{ source: 'Our own fundraising', amountPence: 50_000, secured: true }],
    },
    outcomes: {
      participants: 120,
      events: 30,
      volunteers: 12,
      peopleMeeting: 90,
      description:
        'People from different backgrounds will know each other by name, and volunteers will carry on the sessions after the grant ends.',
    },
    risks: {
      risks: [
        {
          risk: 'Fewer people come than we hope',
          mitigation:
            'We will promote sessions through schools, places of worship and community groups in several languages.',
        },
        {
          risk: 'A key volunteer leaves',
          mitigation: 'Two volunteers share each role and we keep simple written guides.',
        },
      ],
    },
    declarations: { ...DECLARATIONS },
  };
}

function writeSections(
  q: Queryable,
  bidId: string,
  userId: string,
  sections: Partial<SectionDataMap>,
  at: string,
  complete = true,
): void {
  for (const [key, data] of Object.entries(sections) as [SectionKey, Record<string, unknown>][]) {
    // The seed goes through the same schemas as the API, so demo data is always valid data.
    const parsed = sectionSchema(key).parse(data) as Record<string, unknown>;
    q.insert(bidSections)
      .values({ bidId, section: key, data: parsed, complete, version: 1, updatedBy: userId, updatedAt: at })
      .run();
    q.insert(bidSectionVersions)
      .values({ bidId, section: key, version: 1, data: parsed, savedBy: userId, savedAt: at })
      .run();
  }
}

function sum(lines: [string, string, number][]): number {
  return lines.reduce((total, [, , cost]) => total + cost, 0);
}

export function seedProjectBank(q: Queryable, createdBy: string | null): string[] {
  const wardIds = new Map(
    q
      .select({ id: wards.id, name: wards.name })
      .from(wards)
      .all()
      .map((w) => [w.name, w.id]),
  );
  return DEMO_NEEDS.map((need) => {
    const wardId = wardIds.get(need.ward);
    if (!wardId) throw new Error(`Unknown ward ${need.ward}`);
    return q
      .insert(needs)
      .values({ ...need, wardId, createdBy })
      .returning({ id: needs.id })
      .get().id;
  });
}

/**
 * Demo bids of the applicant journey (issue 3): for Millfield Community Kitchen a draft, a sent
 * bid and a bid returned for changes; for Basketball Club Vytis a draft.
 */
export function seedDemoBids(
  q: Queryable,
  now: Date,
  ids: {
    fundId: string;
    users: Record<string, string>;
    organisations: Record<string, string>;
    officerId: string;
  },
  storeFile: StoreFile,
): void {
  const needIds = seedProjectBank(q, ids.officerId);
  const priorityIds = Object.fromEntries(
    q
      .select()
      .from(priorities)
      .all()
      .map((p) => [p.name, p.id]),
  );
  const wardIds = Object.fromEntries(
    q
      .select()
      .from(wards)
      .all()
      .map((w) => [w.name, w.id]),
  );
  const amina = ids.users['applicant@demo.test'] ?? '';
  const tomas = ids.users['applicant2@demo.test'] ?? '';
  const kitchen = ids.organisations['Millfield Community Kitchen'] ?? '';
  const vytis = ids.organisations['Basketball Club Vytis'] ?? '';
  const base = { fundId: ids.fundId, priorityIds, wardIds, needIds };

  const insertBid = (values: {
    organisationId: string;
    userId: string;
    title: string | null;
    amount: number;
    daysAgo: number;
  }) =>
    q
      .insert(bids)
      .values({
        fundId: ids.fundId,
        organisationId: values.organisationId,
        title: values.title,
        amountRequestedPence: values.amount,
        eligibility: ELIGIBLE,
        createdBy: values.userId,
        createdAt: addDays(now, -values.daysAgo).toISOString(),
        updatedAt: addDays(now, -values.daysAgo + 1).toISOString(),
      })
      .returning({ id: bids.id })
      .get().id;

  const attach = (bidId: string, userId: string, at: string) => {
    for (const [kind, filename] of [
      ['governing_document', 'Constitution.pdf'],
      ['accounts', 'Bank statement.pdf'],
    ] as const) {
      const bytes = demoPdf(`${filename} (demo document)`);
      q.insert(attachments)
        .values({
          bidId,
          kind,
          filename,
          storedName: storeFile(bytes),
          contentType: 'application/pdf',
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          uploadedBy: userId,
          uploadedAt: at,
        })
        .run();
    }
  };

  const audit = (
    bidId: string,
    actorId: string,
    action: AuditAction,
    daysAgo: number,
    extra: { before?: unknown; after?: unknown; reason?: string } = {},
  ) =>
    recordAudit(q, {
      actorId,
      action,
      entityType: 'bid',
      entityId: bidId,
      at: addDays(now, -daysAgo).toISOString(),
      ...extra,
    });

  // 1. A draft, three sections done.
  const draftLines: [string, 'food', number][] = [['Ingredients for 30 cooking sessions', 'food', 450_000]];
  const draft = insertBid({
    organisationId: kitchen,
    userId: amina,
    title: 'Cook and Share',
    amount: 0,
    daysAgo: 6,
  });
  const draftAll = completeSections({ ...base, organisationId: kitchen, userId: amina }, now, {
    title: 'Cook and Share',
    summary:
      'Weekly cooking sessions where neighbours from different cultures teach each other a family recipe and eat together.',
    ward: 'Millfield and New England',
    priority: 'Bringing Communities Together',
    lines: draftLines,
  });
  writeSections(
    q,
    draft,
    amina,
    { about: draftAll.about, beneficiaries: draftAll.beneficiaries, priorities: draftAll.priorities },
    addDays(now, -5).toISOString(),
  );
  audit(draft, amina, 'bid.started', 6, { after: { status: 'draft' } });

  // 2. Sent, waiting for screening.
  const sentLines: [string, 'venue' | 'food' | 'publicity' | 'staff', number][] = [
    ['Hall hire, 40 evenings', 'venue', 320_000],
    ['Food for 40 suppers', 'food', 480_000],
    ['Interpreters', 'staff', 240_000],
    ['Leaflets in five languages', 'publicity', 60_000],
  ];
  const sent = insertBid({
    organisationId: kitchen,
    userId: amina,
    title: 'Welcome Table Supper Club',
    amount: sum(sentLines),
    daysAgo: 20,
  });
  writeSections(
    q,
    sent,
    amina,
    completeSections({ ...base, organisationId: kitchen, userId: amina }, now, {
      title: 'Welcome Table Supper Club',
      summary:
        'A monthly supper club where new arrivals and long-standing residents share a meal and plan community events together.',
      ward: 'Millfield and New England',
      priority: 'Bringing Communities Together',
      lines: sentLines,
    }),
    addDays(now, -15).toISOString(),
  );
  attach(sent, amina, addDays(now, -14).toISOString());
  const sentRef = nextReference(q, ids.fundId, 'PCF', addDays(now, -12));
  q.update(bids)
    .set({ status: 'submitted', reference: sentRef, submittedAt: addDays(now, -12).toISOString() })
    .where(eq(bids.id, sent))
    .run();
  audit(sent, amina, 'bid.started', 20, { after: { status: 'draft' } });
  audit(sent, amina, 'bid.submitted', 12, {
    before: { status: 'draft' },
    after: { status: 'submitted', reference: sentRef },
  });

  // 3. Sent, then returned for changes by the officer.
  const returnedLines: [string, 'venue' | 'equipment' | 'volunteer_expenses', number][] = [
    ['Hire of the community centre for 12 fun days', 'venue', 360_000],
    ['Games and sports equipment', 'equipment', 150_000],
    ['Volunteer travel and lunches', 'volunteer_expenses', 90_000],
  ];
  const returned = insertBid({
    organisationId: kitchen,
    userId: amina,
    title: 'Family Fun Days',
    amount: sum(returnedLines),
    daysAgo: 30,
  });
  writeSections(
    q,
    returned,
    amina,
    completeSections({ ...base, organisationId: kitchen, userId: amina }, now, {
      title: 'Family Fun Days',
      summary:
        'Twelve Saturday fun days for families from every background in Millfield, with games, food and music.',
      ward: 'Millfield and New England',
      priority: 'Young People',
      lines: returnedLines,
    }),
    addDays(now, -25).toISOString(),
  );
  attach(returned, amina, addDays(now, -25).toISOString());
  const returnedRef = nextReference(q, ids.fundId, 'PCF', addDays(now, -22));
  const message =
    'Thank you for your bid. Please add who will run each fun day and how you will keep children safe, and upload your safeguarding policy.';
  q.update(bids)
    .set({ reference: returnedRef, submittedAt: addDays(now, -22).toISOString(), returnMessage: message })
    .where(eq(bids.id, returned))
    .run();
  audit(returned, amina, 'bid.started', 30, { after: { status: 'draft' } });
  audit(returned, amina, 'bid.submitted', 22, {
    before: { status: 'draft' },
    after: { status: 'submitted', reference: returnedRef },
  });
  audit(returned, ids.officerId, 'bid.returned', 18, {
    before: { status: 'submitted' },
    after: { status: 'draft' },
    reason: message,
  });

  // 4. Another group's draft.
  const vytisDraft = insertBid({
    organisationId: vytis,
    userId: tomas,
    title: 'Vytis Summer Camp',
    amount: 0,
    daysAgo: 3,
  });
  const vytisAll = completeSections({ ...base, organisationId: vytis, userId: tomas }, now, {
    title: 'Vytis Summer Camp',
    summary:
      'A two-week basketball summer camp for children from different backgrounds, coached by local volunteers.',
    ward: 'Central',
    priority: 'Young People',
    lines: [['Coaches', 'staff', 300_000]],
  });
  writeSections(q, vytisDraft, tomas, { about: vytisAll.about }, addDays(now, -3).toISOString());
  audit(vytisDraft, tomas, 'bid.started', 3, { after: { status: 'draft' } });
}
