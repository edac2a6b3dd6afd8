import { DeclineOfferBody } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { WarningText } from '../../../components/ui/content';
import { TextActionPage } from '../../../features/bids/components/text-action-page';
import { grantQueryOptions, useDeclineOffer } from '../../../features/grants/api/grants';
import { formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(grantQueryOptions(params.grantId ?? ''));
  return null;
}

/** A member of the group declines the offer, with a reason. */
export function Component() {
  const { grantId = '' } = useParams();
  const { data: grant } = useSuspenseQuery(grantQueryOptions(grantId));
  const decline = useDeclineOffer(grantId);
  return (
    <TextActionPage
      bidId={grant.bidId}
      returnTo={`/grants/${grantId}`}
      backText="Back to the offer"
      title="Decline the offer"
      caption={grant.title ?? 'Your grant'}
      intro={
        <WarningText>
          You cannot undo this. The {formatPence(grant.awardPence)} goes back to the fund for other groups.
        </WarningText>
      }
      schema={DeclineOfferBody}
      field="reason"
      label="Why is your group declining the offer?"
      hint="This helps the grants team understand"
      button="Decline the offer"
      warning
      act={(reason) => decline.mutateAsync(reason)}
    />
  );
}
