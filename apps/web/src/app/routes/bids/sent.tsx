import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { AppLink, Panel } from '../../../components/ui/content';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await loadBidContext(params.bidId ?? '');
  return null;
}

export function Component() {
  const { bidId = '' } = useParams();
  const { bid } = useBidContext(bidId);
  return (
    <Page title="Bid sent">
      <Panel title="Bid sent">
        Your reference number
        <br />
        <strong>{bid.reference}</strong>
      </Panel>
      <p className="govuk-body">We have sent you a confirmation email.</p>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">
        The grants team will check that your group can apply. Then a panel will score your bid against the
        fund’s criteria. We will email you at each step.
      </p>
      <p className="govuk-body">
        <AppLink to={`/bids/${bid.id}`}>See your bid</AppLink>
      </p>
      <p className="govuk-body">
        <AppLink to="/bids">See all your group’s bids</AppLink>
      </p>
    </Page>
  );
}
