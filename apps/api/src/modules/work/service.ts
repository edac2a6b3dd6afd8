import {
  can,
  isBehindDeadline,
  isWaitingForAssessors,
  londonToday,
  READY_FOR_PANEL_STATUSES,
  type WorkWaiting,
} from '@cf/shared';
import type { ServiceContext } from '../../lib/context.js';
import { authorize, requireActor } from '../access/policy.js';
import { LIVE, listAssignments } from '../assessment/repository.js';
import { bidsOfFund, countBids } from '../bids/repository.js';
import { listFundRows } from '../funds/repository.js';
import { countGrants } from '../grants/repository.js';
import { reportCounts } from '../monitoring/service.js';

/**
 * What is waiting for the grants officer, fund by fund (the home page's dashboard). Each count is
 * taken as the list it links to takes it: the bids list's own filter for bids to check, and the
 * rules in @cf/shared that the assessment and panel pages filter by. Officers only.
 */
export function workWaiting(ctx: ServiceContext): WorkWaiting {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'assessment.manage' });
  const today = londonToday(ctx.clock.now());
  const funds = listFundRows(ctx.db).filter((fund) => can(actor, { action: 'assessment.manage', fund }));
  return {
    funds: funds.map((fund) => {
      const reports = reportCounts(ctx, fund.id);
      const live = listAssignments(ctx.db, { fundId: fund.id, statuses: LIVE }, false);
      const beingAssessed = bidsOfFund(ctx.db, fund.id, ['eligible', 'in_assessment']);
      return {
        fundId: fund.id,
        fundName: fund.name,
        toScreen: countBids(ctx.db, { status: 'submitted', fundId: fund.id }),
        waitingForAssessors: beingAssessed.filter((bid) =>
          isWaitingForAssessors(
            { status: bid.status, assignments: live.filter((a) => a.bidId === bid.id) },
            fund.minAssessors,
          ),
        ).length,
        assessorsBehind: new Set(live.filter((a) => isBehindDeadline(a, today)).map((a) => a.assessorId))
          .size,
        readyForPanel: bidsOfFund(ctx.db, fund.id, READY_FOR_PANEL_STATUSES).length,
        // The grants list's own filter, as /grants?fundId=&offer= shows it.
        offersToIssue: countGrants(ctx.db, { fundId: fund.id, offer: 'to_issue', today }),
        offersOverdue: countGrants(ctx.db, { fundId: fund.id, offer: 'overdue', today }),
        // The monitoring module's own list, as /reports?state=&fundId= shows it.
        reportsDueSoon: reports.dueSoon,
        reportsOverdue: reports.overdue,
      };
    }),
  };
}
