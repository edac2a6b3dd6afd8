import { LoginBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button } from '../../components/ui/button';
import { NotificationBanner } from '../../components/ui/content';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PasswordInput, TextInput } from '../../components/ui/form';
import { useSignIn } from '../../features/auth/api/sign-in';
import { applyServerErrors, errorItems } from '../../lib/forms';
import { safeNext } from '../guards';

const FIELDS = ['email', 'password'];

export function Component() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useForm({ resolver: zodResolver(LoginBody), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const answer = await signIn.mutateAsync(values);
      const next = safeNext(params.get('next'));
      if (!('id' in answer)) navigate(`/sign-in/code?next=${encodeURIComponent(next)}`, { replace: true });
      else navigate(next, { replace: true });
    } catch (error) {
      form.setValue('password', '');
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Sign in" hasError={items.length > 0}>
      {params.get('expired') && items.length === 0 && (
        <NotificationBanner title="Important">
          <p className="govuk-notification-banner__heading">
            You have been signed out, to keep your information safe.
          </p>
          <p className="govuk-body">
            This happens after 30 minutes without any activity, or 12 hours after signing in. Anything you
            saved is safe. Sign in again to carry on.
          </p>
        </NotificationBanner>
      )}
      {params.get('signedOut') && items.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">You have signed out.</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Sign in</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
          error={errors.email?.message}
          {...form.register('email')}
        />
        <PasswordInput
          id="password"
          label="Password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button disabled={isSubmitting}>Sign in</Button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to="/forgotten-password">
          Forgotten your password?
        </Link>
      </p>
      <h2 className="govuk-heading-m">If you do not have an account</h2>
      <p className="govuk-body">
        If you are applying for a community group,{' '}
        <Link
          className="govuk-link"
          to={`/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}
        >
          create an account
        </Link>
        . Council staff are invited by an administrator.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/funds">
          See the funds open for bids
        </Link>
      </p>
    </Page>
  );
}
