import { useState } from 'react';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { AppLink, BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { useSignOutEverywhere } from '../../../features/accounts/api/accounts';
import { isApiError } from '../../../lib/api-client';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request, { allowUnconfirmed: true });
  return null;
}

export function Component() {
  const navigate = useNavigate();
  const signOut = useSignOutEverywhere();
  const [error, setError] = useState<string | null>(null);

  const onConfirm = async () => {
    setError(null);
    try {
      await signOut.mutateAsync();
      navigate('/sign-in?signedOut=1', { replace: true });
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Sorry, something went wrong. Try again.');
    }
  };

  return (
    <Page title="Sign out everywhere" hasError={error !== null} before={<BackLink to="/account" />}>
      <ErrorSummary errors={error ? [{ text: error }] : []} />
      <h1 className="govuk-heading-l">Sign out everywhere</h1>
      <p className="govuk-body">
        This signs you out of the Communities Fund on every phone, tablet and computer, this one too. Then you
        sign in again here. Anything you have saved is safe.
      </p>
      <ButtonGroup>
        <Button type="button" variant="warning" onClick={onConfirm} disabled={signOut.isPending}>
          Sign out everywhere
        </Button>
        <AppLink to="/account">Cancel</AppLink>
      </ButtonGroup>
    </Page>
  );
}
