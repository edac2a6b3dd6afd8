import { z } from 'zod';
import { Screening } from './assessment.js';
import type { AuditAction } from './audit.js';
import { formatDate, IsoDateTime } from './dates.js';
import { formatPence, PenceAmount } from './money.js';
import { PageFields, PageInfo } from './paging.js';
import { charLimited, wholeNumber, wordLimited } from './text.js';

// ─── The life of a bid (PRODUCT.md section 3) ────────────────────────────────────────────────
// The bid's own life ends at the panel's decision; an award creates a grant, which has its own
// life (grants.ts).

export const BidStatus = z.enum([
  'draft',
  'submitted',
  'eligible',
  'ineligible',
  'in_assessment',
  'scored',
  'awarded',
  'rejected',
  'deferred',
  'withdrawn',
]);
export type BidStatus = z.infer<typeof BidStatus>;

export const BID_STATUS_LABELS: Record<BidStatus, string> = {
  draft: 'Draft',
  submitted: 'Sent',
  eligible: 'Eligible',
  ineligible: 'Not eligible',
  in_assessment: 'Being assessed',
  scored: 'Assessed',
  awarded: 'Awarded',
  rejected: 'Not funded',
  deferred: 'Deferred',
  withdrawn: 'Withdrawn',
};

export type BidAction =
  | 'submit'
  | 'resubmit'
  | 'withdraw'
  | 'return'
  | 'mark_eligible'
  | 'mark_ineligible'
  | 'start_assessment'
  | 'complete_scoring'
  | 'award'
  | 'reject'
  | 'defer'
  | 'reopen_scoring';

const BEFORE_DECISION = ['submitted', 'eligible', 'in_assessment', 'scored', 'deferred'] as const;

/** Every allowed move: from a status, by an action, to a status. Anything else is refused (409). */
export const BID_TRANSITIONS: Record<BidStatus, Partial<Record<BidAction, BidStatus>>> = {
  draft: { submit: 'submitted', resubmit: 'submitted', withdraw: 'withdrawn' },
  submitted: {
    mark_eligible: 'eligible',
    mark_ineligible: 'ineligible',
    return: 'draft',
    withdraw: 'withdrawn',
  },
  eligible: { start_assessment: 'in_assessment', return: 'draft', withdraw: 'withdrawn' },
  in_assessment: { complete_scoring: 'scored', return: 'draft', withdraw: 'withdrawn' },
  scored: {
    award: 'awarded',
    reject: 'rejected',
    defer: 'deferred',
    reopen_scoring: 'in_assessment',
    return: 'draft',
    withdraw: 'withdrawn',
  },
  // A deferred bid goes back to being assessed when it loses a score set it counted on (a late
  // conflict of interest withdraws it): the panel never decides on fewer than the fund's minimum.
  deferred: {
    award: 'awarded',
    reject: 'rejected',
    reopen_scoring: 'in_assessment',
    return: 'draft',
    withdraw: 'withdrawn',
  },
  awarded: {},
  ineligible: {},
  rejected: {},
  withdrawn: {},
};

/**
 * The audit action each move is recorded as. The words are those the trail has always used (it is
 * append-only, so old entries keep them); the timeline reads them through TIMELINE_WORDS.
 */
export const BID_MOVE_AUDIT = {
  submit: 'bid.submitted',
  resubmit: 'bid.resubmitted',
  withdraw: 'bid.withdrawn',
  return: 'bid.returned',
  mark_eligible: 'bid.mark_eligible',
  mark_ineligible: 'bid.mark_ineligible',
  start_assessment: 'bid.start_assessment',
  complete_scoring: 'bid.complete_scoring',
  reopen_scoring: 'bid.reopen_scoring',
  award: 'bid.awarded',
  reject: 'bid.rejected',
  defer: 'bid.deferred',
} as const satisfies Record<BidAction, AuditAction>;

const ACTION_WORDS: Record<BidAction, string> = {
  submit: 'sent',
  resubmit: 'sent',
  withdraw: 'withdrawn',
  return: 'returned for changes',
  mark_eligible: 'marked eligible',
  mark_ineligible: 'marked not eligible',
  start_assessment: 'sent for assessment',
  complete_scoring: 'marked as assessed',
  reopen_scoring: 'reopened for scoring',
  award: 'awarded',
  reject: 'turned down',
  defer: 'deferred',
};

/** The status an action leads to, or null when it is not allowed from this status. */
export function nextBidStatus(status: BidStatus, action: BidAction): BidStatus | null {
  return BID_TRANSITIONS[status][action] ?? null;
}

/** Where a bid stands, as the end of "This bid …". */
const STATUS_PHRASES: Record<BidStatus, string> = {
  draft: 'is still a draft',
  submitted: 'has already been sent',
  eligible: 'has been checked and is eligible',
  ineligible: 'has been found not eligible',
  in_assessment: 'is being assessed',
  scored: 'has been assessed',
  awarded: 'has been awarded a grant',
  rejected: 'has been turned down',
  deferred: 'has been deferred to a later panel',
  withdrawn: 'has been withdrawn',
};

/** The 409 message for a refused move, naming the current state. */
export function transitionRefusal(status: BidStatus, action: BidAction): string {
  return `This bid ${STATUS_PHRASES[status]}, so it cannot be ${ACTION_WORDS[action]}`;
}

export function isBeforeDecision(status: BidStatus): boolean {
  return (BEFORE_DECISION as readonly BidStatus[]).includes(status);
}

// ─── Eligibility (asked before the form; kept with the bid) ──────────────────────────────────

/** A yes/no answer, with the GOV.UK error "Select yes if …" saying what the question asks. */
export const yesNo = (error: string) => z.enum(['yes', 'no'], { error });

/**
 * The questions, asked the positive way round (never "Is your group not …?"), each with the error
 * shown when it is not answered. The keys are stored with every bid; `notForProfit` keeps its
 * meaning ("yes": any money left over goes back into the group's work, not to anyone's pocket).
 */
export const ELIGIBILITY_QUESTIONS = [
  {
    id: 'basedInPeterborough',
    question: 'Is your group based in Peterborough, or does it work with people who live in Peterborough?',
    error: 'Select yes if your group is based in Peterborough or works with people who live there',
    whyNo: 'The fund is for projects that help people who live in Peterborough.',
  },
  {
    id: 'constituted',
    question: 'Does your group have a governing document, such as a constitution or set of rules?',
    hint: 'This is a written document that says what your group is for and how it is run.',
    error: 'Select yes if your group has a governing document',
    whyNo:
      'We can only fund groups with a governing document. The council can help you write a simple constitution.',
  },
  {
    id: 'bankAccount',
    question:
      'Does your group have its own bank account, with two people who approve each payment and are unrelated to each other?',
    hint: 'The account must be in your group’s name. The two people must not be family or partners.',
    error: 'Select yes if your group has its own bank account with two unrelated people to approve payments',
    whyNo:
      'We pay grants into the group’s own bank account, and two unrelated people must approve how the money is spent.',
  },
  {
    id: 'notForProfit',
    question: 'Will any money left over go back into your group’s work?',
    hint: 'Money your group makes or has left over must be used for your group’s aims. It must not be paid to members, owners or shareholders as profit.',
    error: 'Select yes if any money left over will go back into your group’s work',
    whyNo: 'The fund cannot pay for projects that make a private profit.',
  },
  {
    id: 'withinCap',
    question: 'Will you ask for {cap} or less?',
    error: 'Select yes if you will ask for no more than the most this fund gives',
    whyNo:
      'The most you can ask for is {cap}. You could make your project smaller, or find other funding for part of it.',
  },
  {
    id: 'withinDelivery',
    question: 'Can your project finish by {deliveryEnds}?',
    error: 'Select yes if your project can finish by the date the fund gives',
    whyNo: 'Projects must finish by {deliveryEnds}. You could plan a shorter project.',
  },
  {
    id: 'worksWithAtRisk',
    question: 'Will your project work with children or with adults at risk?',
    hint: 'Adults at risk are people who may need extra help to stay safe, for example because of illness or disability.',
    error: 'Select yes if your project will work with children or adults at risk',
    whyNo: null,
  },
  {
    id: 'safeguardingPolicy',
    question: 'Does your group have a safeguarding policy?',
    hint: 'A safeguarding policy says how your group keeps children and adults at risk safe.',
    error: 'Select yes if your group has a safeguarding policy',
    whyNo:
      'Projects that work with children or adults at risk must have a safeguarding policy. The council can share a template.',
    onlyIf: 'worksWithAtRisk',
  },
] as const;
export type EligibilityQuestionId = (typeof ELIGIBILITY_QUESTIONS)[number]['id'];

const answer = (id: EligibilityQuestionId) =>
  yesNo(ELIGIBILITY_QUESTIONS.find((q) => q.id === id)?.error ?? 'Select yes or no');

export const EligibilityAnswers = z
  .strictObject({
    basedInPeterborough: answer('basedInPeterborough'),
    constituted: answer('constituted'),
    bankAccount: answer('bankAccount'),
    notForProfit: answer('notForProfit'),
    withinCap: answer('withinCap'),
    withinDelivery: answer('withinDelivery'),
    worksWithAtRisk: answer('worksWithAtRisk'),
    safeguardingPolicy: answer('safeguardingPolicy').optional(),
  })
  // Checked even while other questions are unanswered, so every missing answer is named at once.
  .refine((answers) => !(answers.worksWithAtRisk === 'yes' && answers.safeguardingPolicy === undefined), {
    path: ['safeguardingPolicy'],
    message: 'Select yes if your group has a safeguarding policy',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type EligibilityAnswers = z.infer<typeof EligibilityAnswers>;

/** The questions answered in a way that means the group cannot apply yet. */
export function eligibilityProblems(answers: EligibilityAnswers): EligibilityQuestionId[] {
  const problems: EligibilityQuestionId[] = [];
  for (const q of ELIGIBILITY_QUESTIONS) {
    if (q.whyNo === null) continue;
    if ('onlyIf' in q && answers[q.onlyIf] !== 'yes') continue;
    if (answers[q.id] === 'no') problems.push(q.id);
  }
  return problems;
}

// ─── The sections of the bid form (a GOV.UK task list) ───────────────────────────────────────

export const BUDGET_CATEGORIES = {
  staff: 'Staff or sessional workers',
  venue: 'Venue hire',
  equipment: 'Equipment',
  materials: 'Materials and supplies',
  publicity: 'Publicity',
  volunteer_expenses: 'Volunteer expenses',
  travel: 'Travel',
  food: 'Food and refreshments',
  other: 'Other',
} as const;
export type BudgetCategoryKey = keyof typeof BUDGET_CATEGORIES;
export const BudgetCategory = z.enum(Object.keys(BUDGET_CATEGORIES) as [keyof typeof BUDGET_CATEGORIES], {
  error: 'Choose a category',
});

export const AboutSection = z.strictObject({
  title: charLimited(140, 'a project title'),
  summary: wordLimited(50, 'a short summary'),
  description: wordLimited(500, 'a description of the project'),
});

/**
 * Who will benefit. How many people will take part is asked once, in Outcomes (the target the group
 * reports against); this section asked it too until issue 9, and stored answers were moved there.
 */
export const BeneficiariesSection = z.strictObject({
  wardIds: z
    .array(z.uuid(), { error: 'Choose at least one ward, or City-wide' })
    .min(1, 'Choose at least one ward, or City-wide')
    .max(23),
  communities: wordLimited(150, 'which communities the project brings together'),
});

export const CITY_WIDE_WITH_WARDS = 'Choose City-wide on its own, or choose the wards your project works in';

/**
 * "City-wide" covers every ward, so it is chosen on its own or not at all. The schema cannot know
 * which id is City-wide (reference data), so both sides ask this with the ids they hold: the API
 * on every save, the web app's form before sending.
 */
export function wardChoiceProblems(
  data: unknown,
  cityWideWardIds: readonly string[],
): Record<string, string> {
  const wardIds = (data as { wardIds?: unknown } | null)?.wardIds;
  if (!Array.isArray(wardIds) || wardIds.length < 2) return {};
  return wardIds.some((id) => cityWideWardIds.includes(id)) ? { wardIds: CITY_WIDE_WITH_WARDS } : {};
}

export const PrioritiesSection = z
  .strictObject({
    mainPriorityId: z.uuid({ error: 'Choose the main priority of your project' }),
    otherPriorityIds: z.array(z.uuid()).max(10).default([]),
  })
  .refine((s) => !s.otherPriorityIds.includes(s.mainPriorityId), {
    path: ['otherPriorityIds'],
    message: 'Do not choose your main priority again as another priority',
  });

export const BringingTogetherSection = z.strictObject({
  how: wordLimited(300, 'how your project brings people from different backgrounds together'),
});

export const EvidenceSection = z.strictObject({
  evidence: wordLimited(300, 'the evidence that your project is needed'),
  needIds: z.array(z.uuid()).max(10, 'Choose 10 needs or fewer').default([]),
});

export const Milestone = z.strictObject({
  date: z.iso.date({ error: 'Enter a real date for the milestone' }),
  description: charLimited(200, 'what will happen'),
});

export const TimetableSection = z
  .strictObject({
    startDate: z.iso.date({ error: 'Enter a real start date' }),
    endDate: z.iso.date({ error: 'Enter a real end date' }),
    milestones: z.array(Milestone).min(1, 'Add at least one milestone').max(12, 'Add 12 milestones or fewer'),
  })
  .superRefine((s, ctx) => {
    if (s.endDate < s.startDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'The end date must be the same as or after the start date',
      });
    }
    s.milestones.forEach((m, index) => {
      if (m.date < s.startDate || m.date > s.endDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', index, 'date'],
          message: 'The milestone must be between the start and end dates',
        });
      }
    });
  });

export const BudgetLine = z.strictObject({
  item: charLimited(100, 'what the money is for'),
  category: BudgetCategory,
  costPence: z
    .int({
      error: (issue) =>
        issue.input === undefined
          ? 'Enter the cost'
          : 'Enter the cost in pounds and pence, like 125 or 125.50',
    })
    .min(1, 'The cost must be more than £0')
    .max(100_000_000, 'The cost is too large'),
});

export const OtherFunding = z.strictObject({
  source: charLimited(100, 'where the money comes from'),
  amountPence: z
    .int({
      error: (issue) =>
        issue.input === undefined
          ? 'Enter the amount'
          : 'Enter the amount in pounds and pence, like 500 or 500.50',
    })
    .min(1, 'The amount must be more than £0')
    .max(100_000_000, 'The amount is too large'),
  secured: z.boolean({ error: 'Select yes if you already have this money' }),
});

export const BudgetSection = z.strictObject({
  lines: z
    .array(BudgetLine)
    .min(1, 'Add at least one thing the money is for')
    .max(30, 'Use 30 lines or fewer'),
  otherFunding: z.array(OtherFunding).max(10, 'Use 10 lines or fewer').default([]),
});

export const OutcomesSection = z.strictObject({
  participants: wholeNumber('the number of people who will take part'),
  events: wholeNumber('the number of events or sessions'),
  volunteers: wholeNumber('the number of volunteers'),
  peopleMeeting: wholeNumber('the number of people from different backgrounds who will meet'),
  description: wordLimited(150, 'what will change because of your project'),
});

export const Risk = z.strictObject({
  risk: charLimited(200, 'the risk'),
  mitigation: charLimited(300, 'what you will do about it'),
});
export const RisksSection = z.strictObject({
  risks: z.array(Risk).min(1, 'Add at least one risk').max(10, 'Add 10 risks or fewer'),
});

const mustConfirm = (message: string) => z.literal(true, { error: message });
export const DeclarationsSection = z.strictObject({
  accurate: mustConfirm('Confirm that the information in your bid is true'),
  useForProject: mustConfirm('Confirm that you will spend the grant only on this project'),
  monitoring: mustConfirm('Confirm that you will report on the project'),
  dataProtection: mustConfirm('Confirm that you have read how we use your information'),
  name: charLimited(120, 'your full name'),
  position: charLimited(120, 'your position in the group'),
});

/** Sections in the order of the task list. `documents` is about uploads and has no form data. */
export const BID_SECTIONS = [
  { key: 'about', title: 'About your project', schema: AboutSection },
  { key: 'beneficiaries', title: 'Who will benefit', schema: BeneficiariesSection },
  { key: 'priorities', title: 'Fund priorities', schema: PrioritiesSection },
  { key: 'bringing_together', title: 'Bringing people together', schema: BringingTogetherSection },
  { key: 'evidence', title: 'Evidence of need', schema: EvidenceSection },
  { key: 'timetable', title: 'Timetable', schema: TimetableSection },
  { key: 'budget', title: 'Budget', schema: BudgetSection },
  { key: 'outcomes', title: 'Outcomes', schema: OutcomesSection },
  { key: 'risks', title: 'Risks', schema: RisksSection },
  { key: 'declarations', title: 'Declarations', schema: DeclarationsSection },
] as const;

export type SectionKey = (typeof BID_SECTIONS)[number]['key'];
export const SectionKey = z.enum(BID_SECTIONS.map((s) => s.key) as [SectionKey, ...SectionKey[]]);

export interface SectionDataMap {
  about: z.output<typeof AboutSection>;
  beneficiaries: z.output<typeof BeneficiariesSection>;
  priorities: z.output<typeof PrioritiesSection>;
  bringing_together: z.output<typeof BringingTogetherSection>;
  evidence: z.output<typeof EvidenceSection>;
  timetable: z.output<typeof TimetableSection>;
  budget: z.output<typeof BudgetSection>;
  outcomes: z.output<typeof OutcomesSection>;
  risks: z.output<typeof RisksSection>;
  declarations: z.output<typeof DeclarationsSection>;
}

export function sectionSchema(key: SectionKey): z.ZodType {
  const section = BID_SECTIONS.find((s) => s.key === key);
  if (!section) throw new RangeError(`Unknown section ${key}`);
  return section.schema;
}

/**
 * What a section may hold while it is still a draft: each field may be missing, but what is there
 * must be the right kind of thing (no text over its limit, no fraction of a penny). Rules across
 * fields (end after start, total within the cap) wait for "complete".
 */
export function draftSectionSchema(key: SectionKey): z.ZodType {
  const full = sectionSchema(key);
  const object = unwrapObject(full);
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(object.shape)) {
    shape[name] = draftField(field as z.ZodType).optional();
  }
  return z.strictObject(shape);
}

function unwrapObject(schema: z.ZodType): z.ZodObject {
  if (schema instanceof z.ZodObject) return schema;
  const inner = (schema as unknown as { def: { in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType } })
    .def;
  const next = inner.in ?? inner.innerType ?? inner.schema;
  if (next) return unwrapObject(next);
  throw new TypeError('A section schema must be an object');
}

function draftField(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodDefault) return draftField(field.def.innerType as z.ZodType);
  if (field instanceof z.ZodArray) {
    const element = field.element as z.ZodType;
    const inner = element instanceof z.ZodObject ? element.partial() : element;
    return z.array(inner).max(50);
  }
  if (field instanceof z.ZodLiteral) return z.boolean();
  return field;
}

/** Rules that need the fund: the cap and the delivery period. Checked when a section is completed and at submission. */
export interface FundRules {
  capPence: number;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  priorityIds: string[];
}

export function budgetTotalPence(budget: { lines: readonly { costPence: number }[] }): number {
  return budget.lines.reduce((sum, line) => sum + line.costPence, 0);
}

/** Field errors (path → message) for a complete section that breaks one of the fund's rules. */
export function fundRuleProblems(key: SectionKey, data: unknown, rules: FundRules): Record<string, string> {
  const problems: Record<string, string> = {};
  if (key === 'budget') {
    const budget = data as z.output<typeof BudgetSection>;
    const total = budgetTotalPence(budget);
    if (total > rules.capPence) {
      problems.lines = `Your budget adds up to ${formatPence(total)}, which is more than the most you can ask for, ${formatPence(rules.capPence)}`;
    }
  }
  if (key === 'timetable') {
    const t = data as z.output<typeof TimetableSection>;
    const period = `between ${formatDate(rules.deliveryStartsOn)} and ${formatDate(rules.deliveryEndsOn)}`;
    if (t.startDate < rules.deliveryStartsOn || t.startDate > rules.deliveryEndsOn) {
      problems.startDate = `The project must start ${period}`;
    }
    if (t.endDate > rules.deliveryEndsOn || t.endDate < rules.deliveryStartsOn) {
      problems.endDate = `The project must finish ${period}`;
    }
  }
  if (key === 'priorities') {
    const p = data as z.output<typeof PrioritiesSection>;
    if (!rules.priorityIds.includes(p.mainPriorityId))
      problems.mainPriorityId = 'Choose one of this fund’s priorities';
    if (p.otherPriorityIds.some((id) => !rules.priorityIds.includes(id))) {
      problems.otherPriorityIds = 'Choose from this fund’s priorities';
    }
  }
  return problems;
}

// ─── Requests and answers ────────────────────────────────────────────────────────────────────

export const StartBidBody = z.strictObject({
  fundId: z.uuid(),
  organisationId: z.uuid({ error: 'Choose which group this bid is for' }),
  eligibility: EligibilityAnswers,
});
export type StartBidBody = z.input<typeof StartBidBody>;

export const SaveSectionBody = z.strictObject({
  /** The version the person started editing from; a newer saved version means someone else saved. */
  baseVersion: z.int().min(0),
  /** True for "Save and continue" (the whole section is checked); false to save a draft. */
  complete: z.boolean(),
  data: z.record(z.string(), z.unknown()),
});
export type SaveSectionBody = z.input<typeof SaveSectionBody>;

export const BidSectionParams = z.strictObject({ bidId: z.uuid(), section: SectionKey });
export const BidIdParams = z.strictObject({ bidId: z.uuid() });

export const ReasonBody = z.strictObject({
  reason: charLimited(1000, 'a reason'),
});

export const SectionState = z.object({
  key: SectionKey,
  title: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  complete: z.boolean(),
  version: z.int(),
  updatedAt: IsoDateTime.nullable(),
  updatedByName: z.string().nullable(),
});
export type SectionState = z.infer<typeof SectionState>;

export const AttachmentKind = z.enum(['governing_document', 'accounts', 'safeguarding_policy', 'other'], {
  error: 'Choose what kind of document this is',
});
export type AttachmentKind = z.infer<typeof AttachmentKind>;
export const ATTACHMENT_KINDS: Record<AttachmentKind, { label: string; hint: string }> = {
  governing_document: {
    label: 'Governing document',
    hint: 'Your constitution, set of rules, or articles of association',
  },
  accounts: {
    label: 'Latest accounts or bank statement',
    hint: 'Your most recent annual accounts, or a bank statement from the last 3 months',
  },
  safeguarding_policy: {
    label: 'Safeguarding policy',
    hint: 'How your group keeps children and adults at risk safe',
  },
  other: {
    label: 'Other document',
    hint: 'Anything else that supports your bid, such as letters of support',
  },
};

/**
 * What an officer asks a group to change when returning its bid: sections to answer again and kinds
 * of document to upload again. Kept on the bid until the group has done each one.
 */
export const ChangesAsked = z.object({
  sections: z.array(SectionKey),
  documents: z.array(AttachmentKind),
});
export type ChangesAsked = z.infer<typeof ChangesAsked>;

const distinct = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max)
    .default([])
    .refine((list) => new Set(list).size === list.length, { message: `Choose each ${what} once` });

export const ReturnBidBody = z.strictObject({
  message: charLimited(2000, 'what the group needs to change'),
  /** The sections the group must change: they show as "Changes needed" until saved again. */
  sections: distinct(z.enum(SectionKey.options, { error: 'Choose sections from the list' }), 10, 'section'),
  /** Kinds of document the group must upload again (a new one of each). */
  documents: distinct(AttachmentKind, 4, 'document'),
});
export type ReturnBidBody = z.input<typeof ReturnBidBody>;

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What uploads may be, as found from the file's bytes (not its name). */
export const ALLOWED_UPLOADS = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
} as const;
export type AllowedUploadType = keyof typeof ALLOWED_UPLOADS;

export const Attachment = z.object({
  id: z.uuid(),
  kind: AttachmentKind,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.int(),
  uploadedAt: IsoDateTime,
  uploadedByName: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

/** The documents a bid must have before it can be sent. */
export function requiredAttachmentKinds(eligibility: EligibilityAnswers): AttachmentKind[] {
  return eligibility.worksWithAtRisk === 'yes'
    ? ['governing_document', 'accounts', 'safeguarding_policy']
    : ['governing_document', 'accounts'];
}

export const BidSummary = z
  .object({
    id: z.uuid(),
    fundId: z.uuid(),
    fundName: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    reference: z.string().nullable(),
    title: z.string().nullable(),
    status: BidStatus,
    amountRequestedPence: PenceAmount,
    /** What the panel awarded, once it has (it may be less than asked for); null otherwise. */
    amountAwardedPence: PenceAmount.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    submittedAt: IsoDateTime.nullable(),
    /** The fund's closing date-time: the deadline for drafts. */
    closesAt: IsoDateTime,
    /** The officer's message when a bid was returned for changes. */
    returnMessage: z.string().nullable(),
    /** What the officer asked to change that the group has still to do (empty when nothing). */
    changesAsked: ChangesAsked,
    /** What happens next, in plain words, for whoever is looking. */
    nextAction: z.string(),
  })
  .meta({ id: 'BidSummary' });
export type BidSummary = z.infer<typeof BidSummary>;

/** One page of bids (paging.ts), newest change first. */
export const BidList = z.object({ bids: z.array(BidSummary), ...PageInfo });

/**
 * Something a group must do about one of its bids, by a deadline: finish and send a draft, or make
 * the changes the grants team asked for. (Accepting an offer and reports due will join these.)
 */
export const BidToDoKind = z.enum(['send', 'change', 'offer', 'report']);
export type BidToDoKind = z.infer<typeof BidToDoKind>;

export const BidToDo = z.object({
  kind: BidToDoKind,
  /** What to do, in plain words. */
  what: z.string(),
  /** When it must be done by. */
  dueAt: IsoDateTime,
  bid: BidSummary,
  /** For an offer to answer or a report to send: the grant (issues 10, 11); null for the bid's own to-dos. */
  grantId: z.uuid().nullable(),
  /** For a monitoring report to write, change or send: the report (issue 11); null otherwise. */
  reportId: z.uuid().nullable(),
});
export type BidToDo = z.infer<typeof BidToDo>;

/** Everything the signed-in person's groups must do, soonest deadline first. */
export const BidToDoList = z.object({ items: z.array(BidToDo) }).meta({ id: 'BidToDoList' });
export type BidToDoList = z.infer<typeof BidToDoList>;

export const BID_TO_DO_WORDS: Record<BidToDoKind, string> = {
  send: 'Finish your bid and send it',
  change: 'Make the changes the grants team asked for, then send your bid again',
  offer: 'Accept or decline your offer',
  report: 'Write your report and send it',
};

export const BidPermissions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  return: z.boolean(),
  /** Officers: check eligibility of a sent bid. */
  screen: z.boolean(),
  /** Officers: give the bid to assessors (it is eligible or being assessed). */
  assign: z.boolean(),
});

export const BidDetail = BidSummary.extend({
  eligibility: EligibilityAnswers,
  sections: z.array(SectionState),
  attachments: z.array(Attachment),
  requiredAttachments: z.array(AttachmentKind),
  /** Why the bid cannot be sent yet, in plain words; empty when it can. */
  submitProblems: z.array(z.object({ section: z.string(), message: z.string() })),
  permissions: BidPermissions,
  /** The officer's eligibility check, once done (staff only; null for the group). */
  screening: Screening.nullable(),
  /** The grant an award made of the bid (issue 10); null until it is awarded. */
  grantId: z.uuid().nullable(),
}).meta({ id: 'BidDetail' });
export type BidDetail = z.infer<typeof BidDetail>;

export const TimelineEvent = z.object({
  at: IsoDateTime,
  what: z.string(),
  by: z.string(),
  detail: z.string().nullable(),
});
export const Timeline = z.object({ events: z.array(TimelineEvent) });
export type Timeline = z.infer<typeof Timeline>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** How a bid list can be put in order; the first is the default. */
export const BID_SORTS = {
  updated: 'Most recently changed',
  reference: 'Reference',
  title: 'Project name (A to Z)',
  group: 'Group name (A to Z)',
  requested: 'Amount asked for (largest first)',
} as const;
export type BidSort = keyof typeof BID_SORTS;
export const BidSort = z.enum(Object.keys(BID_SORTS) as [BidSort, ...BidSort[]], {
  error: 'Choose how to sort the bids from the list',
});

/** The longest search a bid list takes. */
export const BID_SEARCH_MAX = 100;

export const BidListQuery = z.strictObject({
  status: BidStatus.optional(),
  fundId: z.uuid({ error: 'Choose a fund from the list' }).optional(),
  /**
   * A funding round: the year a bid was first sent, as its reference says (PCF-2019-0042 is in the
   * 2019 round). Bids never sent have no round.
   */
  round: z.coerce
    .number({ error: 'Enter a year, like 2019' })
    .int('Enter a year, like 2019')
    .min(2000, 'Enter a year from 2000 to 2100')
    .max(2100, 'Enter a year from 2000 to 2100')
    .optional(),
  /** Words to find in a bid's reference, project name or group name (any case). */
  q: z
    .string()
    .trim()
    .max(BID_SEARCH_MAX, `Enter ${BID_SEARCH_MAX} characters or fewer to search for`)
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  sort: BidSort.default('updated'),
  ...PageFields,
});
export type BidListQuery = z.input<typeof BidListQuery>;
