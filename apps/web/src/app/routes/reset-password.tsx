import { PASSWORD_MIN_LENGTH, ResetPasswordBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button, ButtonLink } from '../../components/ui/button';
import { AppLink, Panel } from '../../components/ui/content';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PasswordInput } from '../../components/ui/form';
import { passwordResetQueryOptions, useResetPassword } from '../../features/accounts/api/accounts';
import { applyServerErrors, errorItems } from '../../lib/forms';
import { queryClient } from '../../lib/query-client';

export async function loader({ params }: LoaderFunctionArgs) {
  await queryClient.ensureQueryData(passwordResetQueryOptions(params.token ?? ''));
  return null;
}

const FIELDS = ['password'];

export function Component() {
  const { token = '' } = useParams();
  const { data: info } = useSuspenseQuery(passwordResetQueryOptions(token));
  const reset = useResetPassword();
  const form = useForm({ resolver: zodResolver(ResetPasswordBody), defaultValues: { token, password: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await reset.mutateAsync(values);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  if (reset.isSuccess) {
    return (
      <Page title="Password changed">
        <Panel title="Password changed" />
        <p className="govuk-body">
          Everywhere you were signed in, you have been signed out. Sign in with your new password.
        </p>
        <ButtonLink to="/sign-in">Sign in</ButtonLink>
      </Page>
    );
  }

  return (
    <Page title="Choose a new password" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Choose a new password</h1>
      <p className="govuk-body">
        For the account <strong>{info.email}</strong>.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <input type="hidden" {...form.register('token')} />
        <PasswordInput
          id="password"
          label="New password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters. A good way is three random words, like "kettle river garden". Avoid common passwords.`}
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button disabled={isSubmitting}>Save new password</Button>
      </form>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <Page title="This link does not work">
      <h1 className="govuk-heading-l">This link does not work</h1>
      <p className="govuk-body">
        The link may have expired (links work for 30 minutes) or may have been used already.
      </p>
      <p className="govuk-body">
        <AppLink to="/forgotten-password">Ask for a new link</AppLink>
      </p>
    </Page>
  );
}
