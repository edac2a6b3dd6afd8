import { ReturnBidBody } from '@cf/shared';
import { type LoaderFunctionArgs, Navigate, useParams } from 'react-router';
import { useReturnBid } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { TextActionPage } from '../../../features/bids/components/text-action-page';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'bid.return' });
  await loadBidContext(params.bidId ?? '');
  return null;
}

/** Return a sent bid to the group for changes (officers). */
export function Component() {
  const { bidId = '' } = useParams();
  const { bid } = useBidContext(bidId);
  const returnBid = useReturnBid(bidId);
  // Not for an officer of the group, or one who declared a conflict with it (the API would refuse).
  if (!bid.permissions.return) return <Navigate to={`/bids/${bidId}`} replace />;
  return (
    <TextActionPage
      bidId={bidId}
      title="Return the bid for changes"
      caption={`${bid.reference}: ${bid.organisationName}`}
      intro={
        <p className="govuk-body">
          The group will be emailed your message and can change the bid and send it again.
        </p>
      }
      schema={ReturnBidBody}
      field="message"
      label="What does the group need to change?"
      hint="Use plain words. The group will see exactly this."
      button="Return bid"
      act={(message) => returnBid.mutateAsync(message)}
    />
  );
}
