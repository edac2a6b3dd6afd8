import { useSuspenseQuery } from '@tanstack/react-query';
import { queryClient } from '../../../lib/query-client';
import { fundQueryOptions } from '../../funds/api/funds';
import { needChoicesQueryOptions } from '../../needs/api/needs';
import { referenceQueryOptions } from '../../reference/api/reference';
import { bidQueryOptions } from './bids';

/** In a loader: everything a bid page shows (the bid, its fund, wards and priorities, the project bank). */
export async function loadBidContext(bidId: string): Promise<void> {
  const bid = await queryClient.ensureQueryData(bidQueryOptions(bidId));
  await Promise.all([
    queryClient.ensureQueryData(fundQueryOptions(bid.fundId)),
    queryClient.ensureQueryData(referenceQueryOptions()),
    queryClient.ensureQueryData(needChoicesQueryOptions()),
  ]);
}

export function useBidContext(bidId: string) {
  const { data: bid } = useSuspenseQuery(bidQueryOptions(bidId));
  const { data: fund } = useSuspenseQuery(fundQueryOptions(bid.fundId));
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: needList } = useSuspenseQuery(needChoicesQueryOptions());
  return { bid, fund, reference, needs: needList.needs };
}
