import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  BID_SECTIONS,
  type BidStatus,
  budgetTotalPence,
  type ChangesAsked,
  type EligibilityAnswers,
  eligibilityProblems,
  type FundRules,
  formatDateTime,
  formatPence,
  fundRuleProblems,
  requiredAttachmentKinds,
  type SectionKey,
  sectionSchema,
  wardChoiceProblems,
} from '@cf/shared';

export interface SubmitCheckInput {
  status: BidStatus;
  eligibility: EligibilityAnswers;
  sections: Map<SectionKey, { data: Record<string, unknown>; complete: boolean }>;
  attachmentKinds: AttachmentKind[];
  fund: FundRules & { opensAt: string; closesAt: string };
  /** What the officer asked to change when returning the bid, still to do. */
  changesAsked?: ChangesAsked | null;
  /** Required documents whose only file is one already given for another (see repeatedDocuments). */
  repeatedDocuments?: { kind: AttachmentKind; sameAs: AttachmentKind }[];
  /** The "City-wide" ward(s), which are chosen on their own. */
  cityWideWardIds?: readonly string[];
  now: Date;
}

const kindLabel = (kind: AttachmentKind) => ATTACHMENT_KINDS[kind].label.toLowerCase();

/**
 * Required documents that are filled only by a file already given for another required document,
 * in the order they are asked for: one file cannot be both the constitution and the accounts.
 */
export function repeatedDocuments(
  required: readonly AttachmentKind[],
  files: readonly { kind: AttachmentKind; sha256: string }[],
): { kind: AttachmentKind; sameAs: AttachmentKind }[] {
  const usedBy = new Map<string, AttachmentKind>();
  const repeated: { kind: AttachmentKind; sameAs: AttachmentKind }[] = [];
  for (const kind of required) {
    const mine = files.filter((f) => f.kind === kind);
    const own = mine.find((f) => !usedBy.has(f.sha256));
    if (own) usedBy.set(own.sha256, kind);
    else if (mine[0]) repeated.push({ kind, sameAs: usedBy.get(mine[0].sha256) ?? kind });
  }
  return repeated;
}

/**
 * Why an upload cannot be taken: the same file as a document already given for another required
 * document, when this one is required too. Null when it may be taken.
 */
export function sameFileRefusal(
  required: readonly AttachmentKind[],
  files: readonly { kind: AttachmentKind; sha256: string }[],
  upload: { kind: AttachmentKind; sha256: string },
): string | null {
  if (!required.includes(upload.kind)) return null;
  const other = files.find(
    (f) => f.sha256 === upload.sha256 && f.kind !== upload.kind && required.includes(f.kind),
  );
  return other
    ? `This is the same file you uploaded as your ${kindLabel(other.kind)}. Choose your ${kindLabel(upload.kind)}.`
    : null;
}

export interface Problem {
  section: string;
  message: string;
}

/**
 * Everything that stops a bid being sent, in plain words, in task-list order. Empty means it can
 * be sent. Sections are checked again in full (and against the fund's rules) even when marked
 * complete, so nothing saved under older rules slips through.
 */
export function submitProblems(input: SubmitCheckInput): Problem[] {
  const problems: Problem[] = [];
  if (input.status !== 'draft') {
    problems.push({ section: 'bid', message: 'This bid has already been sent' });
    return problems;
  }
  const now = input.now.getTime();
  if (now >= Date.parse(input.fund.closesAt)) {
    problems.push({ section: 'bid', message: `This fund closed at ${formatDateTime(input.fund.closesAt)}` });
  } else if (now < Date.parse(input.fund.opensAt)) {
    problems.push({ section: 'bid', message: `This fund opens at ${formatDateTime(input.fund.opensAt)}` });
  }
  if (eligibilityProblems(input.eligibility).length > 0) {
    problems.push({
      section: 'eligibility',
      message: 'Your answers to the eligibility questions mean your group cannot apply yet',
    });
  }
  for (const { key, title } of BID_SECTIONS) {
    const saved = input.sections.get(key);
    if (!saved?.complete) {
      problems.push({ section: key, message: `Complete “${title}”` });
      continue;
    }
    if (input.changesAsked?.sections.includes(key)) {
      problems.push({ section: key, message: `Change your answers in “${title}”, as the grants team asked` });
      continue;
    }
    const parsed = sectionSchema(key).safeParse(saved.data);
    const ruleProblems = parsed.success ? fundRuleProblems(key, parsed.data, input.fund) : {};
    if (!parsed.success) {
      problems.push({ section: key, message: `Check your answers in “${title}”` });
    } else {
      for (const message of Object.values(ruleProblems)) problems.push({ section: key, message });
      if (key === 'beneficiaries') {
        for (const message of Object.values(wardChoiceProblems(parsed.data, input.cityWideWardIds ?? []))) {
          problems.push({ section: key, message });
        }
      }
    }
  }
  const budget = input.sections.get('budget');
  if (budget?.complete) {
    const parsed = sectionSchema('budget').safeParse(budget.data);
    if (parsed.success && budgetTotalPence(parsed.data as { lines: { costPence: number }[] }) <= 0) {
      problems.push({ section: 'budget', message: 'Your budget must add up to more than £0' });
    }
  }
  for (const kind of requiredAttachmentKinds(input.eligibility)) {
    if (!input.attachmentKinds.includes(kind)) {
      problems.push({
        section: 'documents',
        message: `Upload your ${ATTACHMENT_KINDS[kind].label.toLowerCase()}`,
      });
    }
  }
  for (const { kind, sameAs } of input.repeatedDocuments ?? []) {
    problems.push({
      section: 'documents',
      message: `Upload your ${kindLabel(kind)}: the file you gave is the same one as your ${kindLabel(sameAs)}`,
    });
  }
  for (const kind of input.changesAsked?.documents ?? []) {
    problems.push({
      section: 'documents',
      message: `Upload a new ${ATTACHMENT_KINDS[kind].label.toLowerCase()}, as the grants team asked`,
    });
  }
  return problems;
}

/** PCF-2019-0042: the fund's code, the year it was sent (London time) and a number. */
export function formatReference(code: string, year: number, number: number): string {
  return `${code}-${year}-${String(number).padStart(4, '0')}`;
}

/** What happens next, for the group or for staff, in plain words. */
export function nextAction(
  bid: { status: BidStatus; returnMessage: string | null; closesAt: string; amountRequestedPence: number },
  viewer: 'group' | 'staff',
): string {
  const group = viewer === 'group';
  switch (bid.status) {
    case 'draft':
      if (!group)
        return bid.returnMessage ? 'Waiting for the group to make changes' : 'The group is writing this bid';
      return bid.returnMessage
        ? 'Make the changes the grants team asked for, then send your bid again'
        : `Complete every section and send your bid by ${formatDateTime(bid.closesAt)}`;
    case 'submitted':
      return group ? 'The grants team will check that your group can apply' : 'Check eligibility (screening)';
    case 'eligible':
      return group ? 'Panel members will assess your bid' : 'Assign assessors';
    case 'in_assessment':
      return group ? 'Panel members are assessing your bid' : 'Waiting for assessors’ scores';
    case 'scored':
      return group
        ? 'The panel will decide on your bid'
        : `Decide at the panel (asks for ${formatPence(bid.amountRequestedPence)})`;
    case 'deferred':
      return group ? 'The panel will look at your bid again' : 'Decide at a later panel';
    case 'awarded':
      return group ? 'Accept your grant offer' : 'Waiting for the group to accept the offer';
    case 'rejected':
    case 'ineligible':
    case 'withdrawn':
      return 'Nothing more to do';
  }
}

/** The fields whose values differ between two versions of a section's answers. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
