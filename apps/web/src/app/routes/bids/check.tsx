import { useState } from 'react';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { useSubmitBid } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { BidAnswers } from '../../../features/bids/components/answers';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime, formatPence } from '../../../lib/format';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await loadBidContext(params.bidId ?? '');
  return null;
}

export function Component() {
  const { bidId = '' } = useParams();
  const { bid, fund, reference, needs } = useBidContext(bidId);
  const navigate = useNavigate();
  const submit = useSubmitBid(bidId);
  const [error, setError] = useState<string[]>([]);

  // Once sent, the bid cannot be changed: show it (unless we are on our way to the confirmation).
  if (!bid.permissions.edit && submit.isIdle) return <Navigate to={`/bids/${bidId}`} replace />;

  const problems = [...bid.submitProblems.map((p) => p.message), ...error];
  const onSend = async () => {
    setError([]);
    try {
      await submit.mutateAsync(undefined);
      navigate(`/bids/${bidId}/sent`);
    } catch (e) {
      setError(
        isApiError(e) ? [e.message, ...Object.values(e.fields)] : ['Sorry, something went wrong. Try again.'],
      );
    }
  };

  return (
    <Page
      title="Check your answers before sending your bid"
      hasError={error.length > 0}
      before={<BackLink to={`/bids/${bidId}`}>Back to your bid</BackLink>}
    >
      <ErrorSummary
        errors={problems.map((text) => ({ text }))}
        title={error.length > 0 ? 'There is a problem' : 'You cannot send your bid yet'}
      />
      <span className="govuk-caption-l">{bid.title}</span>
      <h1 className="govuk-heading-l">Check your answers before sending your bid</h1>
      <BidAnswers bid={bid} fund={fund} reference={reference} needs={needs} changeLinks />
      <h2 className="govuk-heading-m">Now send your bid</h2>
      <p className="govuk-body">
        You are asking the {fund.name} for <strong>{formatPence(bid.amountRequestedPence)}</strong>. By
        sending this bid you confirm that, to the best of your knowledge, the details you are giving are
        correct.
      </p>
      <p className="govuk-body">
        You cannot change your bid after you send it. The fund closes at {formatDateTime(bid.closesAt)}.
      </p>
      {bid.submitProblems.length === 0 ? (
        <Button type="button" onClick={onSend} disabled={submit.isPending}>
          Send bid
        </Button>
      ) : (
        <p className="govuk-body">
          <AppLink to={`/bids/${bidId}`}>Go back to your bid to finish it</AppLink>
        </p>
      )}
    </Page>
  );
}
