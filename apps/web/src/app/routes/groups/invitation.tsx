import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { AppLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { meQueryOptions } from '../../../features/auth/api/me';
import {
  groupInvitationQueryOptions,
  useAcceptGroupInvitation,
} from '../../../features/organisations/api/organisations';
import { isApiError } from '../../../lib/api-client';
import { queryClient } from '../../../lib/query-client';

export async function loader({ params }: LoaderFunctionArgs) {
  await Promise.all([
    queryClient.ensureQueryData(groupInvitationQueryOptions(params.token ?? '')),
    queryClient.ensureQueryData(meQueryOptions()),
  ]);
  return null;
}

export function Component() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { data: invitation } = useSuspenseQuery(groupInvitationQueryOptions(token));
  const { data: me } = useQuery(meQueryOptions());
  const accept = useAcceptGroupInvitation();
  const [error, setError] = useState<string | null>(null);
  const here = `/group-invitations/${token}`;

  const onAccept = async () => {
    setError(null);
    try {
      const updated = await accept.mutateAsync(token);
      const joined = updated.organisations.find((o) => o.name === invitation.organisationName);
      navigate(joined ? `/groups/${joined.id}` : '/');
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Sorry, something went wrong. Try again.');
    }
  };

  return (
    <Page title={`Join ${invitation.organisationName}`} hasError={error !== null}>
      <ErrorSummary errors={error ? [{ text: error }] : []} />
      <h1 className="govuk-heading-l">Join {invitation.organisationName}</h1>
      <p className="govuk-body">
        {invitation.invitedByName} has invited {invitation.email} to join {invitation.organisationName}, to
        work on the group’s bids together.
      </p>
      {me && !me.emailVerified ? (
        <p className="govuk-body">
          First, <AppLink to="/confirm-email">confirm your email address</AppLink>: open the link in the email
          we sent you. Then come back to this page to join.
        </p>
      ) : me ? (
        <Button type="button" onClick={onAccept} disabled={accept.isPending}>
          Join {invitation.organisationName}
        </Button>
      ) : invitation.hasAccount ? (
        <>
          <p className="govuk-body">Sign in with {invitation.email} to join.</p>
          <ButtonLink to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</ButtonLink>
        </>
      ) : (
        <>
          <p className="govuk-body">First, create an account with {invitation.email}.</p>
          <ButtonLink
            to={`/register?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
          >
            Create an account
          </ButtonLink>
        </>
      )}
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <Page title="This invitation link does not work">
      <h1 className="govuk-heading-l">This invitation link does not work</h1>
      <p className="govuk-body">
        The link may have expired (links last 14 days) or may have been used already.
      </p>
      <p className="govuk-body">Ask a member of the group to invite you again.</p>
    </Page>
  );
}
