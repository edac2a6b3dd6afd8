import { ReasonBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink, WarningText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea } from '../../../components/ui/form';
import { useWithdrawBid } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { applyServerErrors, errorItems } from '../../../lib/forms';
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
  const navigate = useNavigate();
  const withdraw = useWithdrawBid(bidId);
  const form = useForm({ resolver: zodResolver(ReasonBody), defaultValues: { reason: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['reason']);
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    try {
      await withdraw.mutateAsync(reason);
      navigate(`/bids/${bidId}`);
    } catch (error) {
      applyServerErrors(error, form.setError, ['reason']);
    }
  });
  return (
    <Page
      title="Withdraw your bid"
      hasError={items.length > 0}
      before={<BackLink to={`/bids/${bidId}`}>Back to your bid</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{bid.title ?? 'Your bid'}</span>
      <h1 className="govuk-heading-l">Withdraw your bid</h1>
      <WarningText>You cannot undo this. To apply again, you would start a new bid.</WarningText>
      <form onSubmit={onSubmit} noValidate>
        <Textarea
          id="reason"
          label="Why are you withdrawing it?"
          hint="This helps the grants team understand"
          error={errors.reason?.message}
          {...form.register('reason')}
        />
        <Button variant="warning" disabled={isSubmitting}>
          Withdraw bid
        </Button>
      </form>
    </Page>
  );
}
