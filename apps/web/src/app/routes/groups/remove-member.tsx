import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { AppLink, BackLink, WarningText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { meQueryOptions } from '../../../features/auth/api/me';
import { organisationQueryOptions, useRemoveMember } from '../../../features/organisations/api/organisations';
import { isApiError } from '../../../lib/api-client';
import { can } from '../../../lib/authorization';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(organisationQueryOptions(params.organisationId ?? ''));
  return null;
}

/**
 * Remove someone from the group, or leave it (when it is you): asked once more, as GOV.UK asks
 * before anything that cannot simply be undone. The last member is told why they cannot leave.
 */
export function Component() {
  const { organisationId = '', userId = '' } = useParams();
  const navigate = useNavigate();
  const { data: group } = useSuspenseQuery(organisationQueryOptions(organisationId));
  const { data: me } = useQuery(meQueryOptions());
  const remove = useRemoveMember(organisationId);
  const [error, setError] = useState<string | null>(null);
  const member = group.members.find((m) => m.id === userId);
  if (!member || !can(me, { action: 'organisation.manage', organisation: group })) {
    return <Navigate to={`/groups/${organisationId}`} replace />;
  }
  const leaving = member.id === me?.id;
  const title = leaving ? `Leave ${group.name}` : `Remove ${member.name} from ${group.name}`;

  const onConfirm = async () => {
    setError(null);
    try {
      await remove.mutateAsync(member.id);
      if (leaving) navigate('/', { state: { left: group.name } });
      else navigate(`/groups/${organisationId}`, { state: { removed: member.name } });
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Sorry, something went wrong. Try again.');
    }
  };

  return (
    <Page
      title={title}
      hasError={error !== null}
      before={<BackLink to={`/groups/${organisationId}`}>Back to {group.name}</BackLink>}
    >
      <ErrorSummary errors={error ? [{ text: error }] : []} />
      <h1 className="govuk-heading-l">{leaving ? 'Are you sure you want to leave this group?' : title}</h1>
      {leaving ? (
        <p className="govuk-body">
          You will no longer be able to see or work on the bids of {group.name}. A member can invite you again
          later.
        </p>
      ) : (
        <p className="govuk-body">
          {member.name} ({member.email}) will no longer be able to see or work on your group’s bids. We will
          email them to tell them. You can invite them again later.
        </p>
      )}
      {!leaving && <WarningText>This takes effect straight away.</WarningText>}
      <ButtonGroup>
        <Button type="button" variant="warning" disabled={remove.isPending} onClick={() => void onConfirm()}>
          {leaving ? 'Leave group' : `Remove ${member.name}`}
        </Button>
        <AppLink to={`/groups/${organisationId}`}>Cancel</AppLink>
      </ButtonGroup>
    </Page>
  );
}
