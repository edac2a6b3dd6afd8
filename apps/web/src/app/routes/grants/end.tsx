import { EndGrantBody, formatDate } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { WarningText } from '../../../components/ui/content';
import { TextActionPage } from '../../../features/bids/components/text-action-page';
import { grantQueryOptions, useEndOffer } from '../../../features/grants/api/grants';
import { formatPence } from '../../../lib/format';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(grantQueryOptions(params.grantId ?? ''));
  return null;
}

/** An officer ends an offer the group did not answer by its deadline. */
export function Component() {
  const { grantId = '' } = useParams();
  const { data: grant } = useSuspenseQuery(grantQueryOptions(grantId));
  const end = useEndOffer(grantId);
  return (
    <TextActionPage
      bidId={grant.bidId}
      returnTo={`/grants/${grantId}`}
      backText="Back to the grant"
      title="End this offer"
      caption={`${grant.organisationName}: ${grant.title ?? 'grant'}`}
      intro={
        <WarningText>
          The group did not answer by {grant.offerDeadline ? formatDate(grant.offerDeadline) : 'the deadline'}
          . Ending the offer cannot be undone: the {formatPence(grant.awardPence)} goes back to the pot.
        </WarningText>
      }
      schema={EndGrantBody}
      field="reason"
      label="Why are you ending it?"
      hint="Kept in the audit trail"
      button="End the offer"
      warning
      act={(reason) => end.mutateAsync(reason)}
    />
  );
}
