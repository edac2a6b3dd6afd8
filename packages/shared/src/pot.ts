import { formatPence } from './money.js';

// ─── Where a fund's money stands, and whether an award may be made (PRODUCT.md section 4) ────
// The one statement of the pot's rules. The API's budget, its award check and the panel page's
// "what this leaves in the pot" all call these; the database trigger `awards_within_pot` mirrors
// `availablePence` and a test proves the two agree.

/** A grant as the pot sees it: what was awarded, what has come back, and where it counts. */
export interface PotAward {
  amountPence: number;
  /** Money returned to the pot from this grant (declined, unspent, recovered). */
  returnedPence?: number;
  mainPriorityId: string | null;
  wardIds: readonly string[];
}

export interface PotSlice {
  id: string;
  committedPence: number;
  awardsCount: number;
}

export interface PotPosition {
  potPence: number;
  /** Awards less money returned (rule 4: "committed = awards − money returned, in every figure"). */
  committedPence: number;
  returnedPence: number;
  /** Pot less committed: what the panel may still award. */
  availablePence: number;
  /** Grants with money still committed (a fully returned grant no longer counts). */
  awardsCount: number;
  byPriority: PotSlice[];
  byWard: PotSlice[];
}

/**
 * An amount split across wards, to the penny, so the amounts by ward add up to the whole: equal
 * shares, the pennies left over to the first wards.
 */
export function splitAcrossWards(amountPence: number, wardIds: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  if (wardIds.length === 0) return result;
  const share = Math.floor(amountPence / wardIds.length);
  let left = amountPence - share * wardIds.length;
  for (const ward of wardIds) {
    const extra = left > 0 ? 1 : 0;
    left -= extra;
    result.set(ward, (result.get(ward) ?? 0) + share + extra);
  }
  return result;
}

function addTo<S extends PotSlice>(slices: S[], id: string, pence: number, count: number): S[] {
  const index = slices.findIndex((s) => s.id === id);
  if (index === -1) return [...slices, { id, committedPence: pence, awardsCount: count } as S];
  return slices.map((s, i) =>
    i === index ? { ...s, committedPence: s.committedPence + pence, awardsCount: s.awardsCount + count } : s,
  );
}

/**
 * The position after these awards too. The slices of `position` keep whatever else they carry
 * (names, say); a priority or ward not yet in them is added at the end. Pure: the panel page calls
 * it with the awards an officer is choosing, the API with every grant of the fund.
 */
export function addAwards<S extends PotSlice>(
  position: PotPosition & { byPriority: S[]; byWard: S[] },
  awards: readonly PotAward[],
): PotPosition & { byPriority: S[]; byWard: S[] } {
  let { committedPence, returnedPence, awardsCount, byPriority, byWard } = position;
  for (const award of awards) {
    const returned = award.returnedPence ?? 0;
    const committed = award.amountPence - returned;
    const counts = committed > 0 ? 1 : 0;
    committedPence += committed;
    returnedPence += returned;
    awardsCount += counts;
    if (award.mainPriorityId !== null)
      byPriority = addTo(byPriority, award.mainPriorityId, committed, counts);
    for (const [wardId, share] of splitAcrossWards(committed, award.wardIds)) {
      byWard = addTo(byWard, wardId, share, counts);
    }
  }
  return {
    ...position,
    committedPence,
    returnedPence,
    availablePence: position.potPence - committedPence,
    awardsCount,
    byPriority,
    byWard,
  };
}

/** Where a pot stands with these grants: committed, available, by priority and by ward. */
export function potPosition(
  potPence: number,
  awards: readonly PotAward[],
  order: { priorityIds?: readonly string[]; wardIds?: readonly string[] } = {},
): PotPosition {
  const empty = (ids: readonly string[] = []) => ids.map((id) => ({ id, committedPence: 0, awardsCount: 0 }));
  return addAwards(
    {
      potPence,
      committedPence: 0,
      returnedPence: 0,
      availablePence: potPence,
      awardsCount: 0,
      byPriority: empty(order.priorityIds),
      byWard: empty(order.wardIds),
    },
    awards,
  );
}

export type AwardRefusal =
  | {
      rule: 'more_than_asked' | 'over_cap' | 'no_reason';
      field: 'amountPence' | 'reason';
      message: string;
      fieldMessage: string;
    }
  | {
      rule: 'overdraws';
      field: 'amountPence';
      message: string;
      fieldMessage: string;
      availablePence: number;
    };

/**
 * Whether the panel may award this amount (rules 2 and 3): no more than asked, within the fund's
 * cap, a reason for a partial award, and no more than the pot still holds. Null when it may; else
 * the first rule it breaks, in words for the officer. `overdraws` is a clash with other awards
 * (the API answers 409); the others are mistakes in what was entered (400).
 */
export function awardRefusal(input: {
  amountPence: number;
  requestedPence: number;
  capPence: number;
  availablePence: number;
  reason?: string | null | undefined;
  reference?: string | null;
}): AwardRefusal | null {
  if (input.amountPence > input.requestedPence) {
    return {
      rule: 'more_than_asked',
      field: 'amountPence',
      message: 'The award is more than the group asked for',
      fieldMessage: `The award cannot be more than the ${formatPence(input.requestedPence)} asked for`,
    };
  }
  if (input.amountPence > input.capPence) {
    return {
      rule: 'over_cap',
      field: 'amountPence',
      message: 'The award is more than the largest grant',
      fieldMessage: `The award cannot be more than the largest grant, ${formatPence(input.capPence)}`,
    };
  }
  if (input.amountPence < input.requestedPence && !input.reason) {
    return {
      rule: 'no_reason',
      field: 'reason',
      message: 'Give a reason for a partial award',
      fieldMessage: 'Say why the award is less than the amount asked for',
    };
  }
  if (input.amountPence > input.availablePence) {
    const available = formatPence(input.availablePence);
    return {
      rule: 'overdraws',
      field: 'amountPence',
      message: `This would overdraw the fund: only ${available} is still available${input.reference ? ` for ${input.reference}` : ''}`,
      fieldMessage: `Only ${available} is still available`,
      availablePence: input.availablePence,
    };
  }
  return null;
}

/** Why a pot may not be set to this amount: never below what is committed. Null when it may. */
export function potChangeRefusal(newPotPence: number, committedPence: number): string | null {
  return newPotPence < committedPence
    ? `The pot cannot be less than the ${formatPence(committedPence)} already awarded`
    : null;
}

export const POT_CHANGE_REASON_NEEDED = 'Say why the pot is changing';

/**
 * Why a change of a fund's pot is not complete: a new pot needs a reason (kept in the audit trail).
 * Null when the pot stays as it is, or a reason is given.
 */
export function potChangeReasonProblem(
  currentPotPence: number,
  newPotPence: number,
  reason: string | undefined,
): string | null {
  return newPotPence !== currentPotPence && (reason ?? '').trim() === '' ? POT_CHANGE_REASON_NEEDED : null;
}
