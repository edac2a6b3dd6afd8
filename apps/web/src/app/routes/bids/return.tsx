import { ReturnBidBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Textarea } from '../../../components/ui/form';
import { useReturnBid } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { requireRole } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'officer');
  await loadBidContext(params.bidId ?? '');
  return null;
}

/** Return a sent bid to the group for changes (officers). */
export function Component() {
  const { bidId = '' } = useParams();
  const { bid } = useBidContext(bidId);
  const navigate = useNavigate();
  const returnBid = useReturnBid(bidId);
  const form = useForm({ resolver: zodResolver(ReturnBidBody), defaultValues: { message: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['message']);
  const onSubmit = form.handleSubmit(async ({ message }) => {
    try {
      await returnBid.mutateAsync(message);
      navigate(`/bids/${bidId}`);
    } catch (error) {
      applyServerErrors(error, form.setError, ['message']);
    }
  });
  return (
    <Page
      title="Return the bid for changes"
      hasError={items.length > 0}
      before={<BackLink to={`/bids/${bidId}`}>Back to the bid</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">
        {bid.reference}: {bid.organisationName}
      </span>
      <h1 className="govuk-heading-l">Return the bid for changes</h1>
      <p className="govuk-body">
        The group will be emailed your message and can change the bid and send it again.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <Textarea
          id="message"
          label="What does the group need to change?"
          hint="Use plain words. The group will see exactly this."
          error={errors.message?.message}
          {...form.register('message')}
        />
        <Button disabled={isSubmitting}>Return bid</Button>
      </form>
    </Page>
  );
}
