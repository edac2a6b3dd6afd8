import { AcceptInvitationBody, PASSWORD_MIN_LENGTH } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate, useParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button } from '../../components/ui/button';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PasswordInput } from '../../components/ui/form';
import { invitationQueryOptions, useAcceptInvitation } from '../../features/auth/api/invitations';
import { applyServerErrors, errorItems } from '../../lib/forms';
import { queryClient } from '../../lib/query-client';

export async function loader({ params }: LoaderFunctionArgs) {
  await queryClient.ensureQueryData(invitationQueryOptions(params.token ?? ''));
  return null;
}

const FIELDS = ['password'];

export function Component() {
  const { token = '' } = useParams();
  const { data: invitation } = useSuspenseQuery(invitationQueryOptions(token));
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const form = useForm({
    resolver: zodResolver(AcceptInvitationBody),
    defaultValues: { token, password: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await accept.mutateAsync(values);
      navigate('/', { replace: true });
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Set your password" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Set your password</h1>
      <p className="govuk-body">
        Welcome, {invitation.name}. You will sign in with <strong>{invitation.email}</strong>.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <input type="hidden" {...form.register('token')} />
        <PasswordInput
          id="password"
          label="Create a password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters. A good way is three random words, like "kettle river garden". Avoid common passwords.`}
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button disabled={isSubmitting}>Save password and sign in</Button>
      </form>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <Page title="This invitation link does not work">
      <h1 className="govuk-heading-l">This invitation link does not work</h1>
      <p className="govuk-body">
        The link may have expired (links last 7 days) or may have been used already.
      </p>
      <p className="govuk-body">
        Ask the person who invited you to send a new invitation, or contact the grants team at
        communitiesfund@peterborough.gov.uk.
      </p>
    </Page>
  );
}
