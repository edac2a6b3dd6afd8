/**
 * Who assesses which bid when an officer asks for N assessors per bid: a balancing heuristic, not
 * a guaranteed optimum. The bids fewest assessors may take (say, because one is a member of the
 * group) are planned first, so the assessors who can take any bid are not used up first; then the
 * load is evened out by moving a bid from a busier assessor to one with at least two fewer who may
 * take it, until no such move is left (each move narrows the spread).
 */
export function planAssignments(input: {
  assessors: readonly { id: string; name: string }[];
  /** The assessor of each assignment already open on the fund (not yet submitted). */
  currentLoad: readonly string[];
  /** In the order assignments are to be made; `needed` may be 0 or less when the bid has enough. */
  bids: readonly { id: string; reference: string | null; needed: number; allowed: readonly string[] }[];
}): { bidId: string; needed: number; chosen: string[] }[] {
  const load = new Map(input.assessors.map((a) => [a.id, 0]));
  for (const assessorId of input.currentLoad) load.set(assessorId, (load.get(assessorId) ?? 0) + 1);
  const loadOf = (id: string) => load.get(id) ?? 0;
  const byName = new Map(input.assessors.map((a) => [a.id, a.name]));
  const plans = input.bids.map((bid) => ({ bid, chosen: [] as string[] }));

  const mostConstrained = [...plans].sort(
    (a, b) =>
      a.bid.allowed.length - b.bid.allowed.length ||
      (a.bid.reference ?? '').localeCompare(b.bid.reference ?? ''),
  );
  for (const plan of mostConstrained) {
    const ordered = [...plan.bid.allowed].sort(
      (a, b) => loadOf(a) - loadOf(b) || (byName.get(a) ?? '').localeCompare(byName.get(b) ?? ''),
    );
    for (const assessorId of ordered.slice(0, Math.max(0, plan.bid.needed))) {
      plan.chosen.push(assessorId);
      load.set(assessorId, loadOf(assessorId) + 1);
    }
  }

  for (let moved = true; moved; ) {
    moved = false;
    for (const plan of plans) {
      const busiest = [...plan.chosen].sort((a, b) => loadOf(b) - loadOf(a))[0];
      const idlest = plan.bid.allowed
        .filter((id) => !plan.chosen.includes(id))
        .sort((a, b) => loadOf(a) - loadOf(b))[0];
      if (busiest === undefined || idlest === undefined || loadOf(busiest) - loadOf(idlest) < 2) continue;
      plan.chosen[plan.chosen.indexOf(busiest)] = idlest;
      load.set(busiest, loadOf(busiest) - 1);
      load.set(idlest, loadOf(idlest) + 1);
      moved = true;
    }
  }
  return plans.map((plan) => ({ bidId: plan.bid.id, needed: plan.bid.needed, chosen: plan.chosen }));
}

/** The items that pass, then those that do not, each in their order. */
export function partition<T>(items: readonly T[], passes: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (passes(item) ? yes : no).push(item);
  return [yes, no];
}
