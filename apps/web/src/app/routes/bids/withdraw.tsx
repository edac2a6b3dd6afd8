import { ReasonBody } from '@cf/shared';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { WarningText } from '../../../components/ui/content';
import { useWithdrawBid } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { TextActionPage } from '../../../features/bids/components/text-action-page';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await loadBidContext(params.bidId ?? '');
  return null;
}

/** Withdraw a bid (the group), with a reason. */
export function Component() {
  const { bidId = '' } = useParams();
  const { bid } = useBidContext(bidId);
  const withdraw = useWithdrawBid(bidId);
  return (
    <TextActionPage
      bidId={bidId}
      title="Withdraw your bid"
      caption={bid.title ?? 'Your bid'}
      intro={<WarningText>You cannot undo this. To apply again, you would start a new bid.</WarningText>}
      schema={ReasonBody}
      field="reason"
      label="Why are you withdrawing it?"
      hint="This helps the grants team understand"
      button="Withdraw bid"
      warning
      act={(reason) => withdraw.mutateAsync(reason)}
    />
  );
}
