import { PASSWORD_MIN_LENGTH, RegisterAccountBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button } from '../../components/ui/button';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PasswordInput, TextInput } from '../../components/ui/form';
import { afterConfirming, useRegisterAccount } from '../../features/accounts/api/accounts';
import { applyServerErrors, errorItems } from '../../lib/forms';
import { safeNext } from '../guards';

const FIELDS = ['name', 'email', 'password'];

export function Component() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const register = useRegisterAccount();
  const form = useForm({
    resolver: zodResolver(RegisterAccountBody),
    defaultValues: { name: '', email: params.get('email') ?? '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const next = params.get('next');

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const sent = await register.mutateAsync(values);
      // Once they have confirmed their address and signed in: where they were going, or their group.
      afterConfirming.remember(next ? safeNext(next) : '/groups/new');
      navigate('/register/check-your-email', { state: sent });
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Create an account" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Create an account</h1>
      <p className="govuk-body">
        You need an account to apply for a grant for your community group. Other members of your group can
        join later.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Your full name"
          autoComplete="name"
          spellCheck={false}
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextInput
          id="email"
          label="Email address"
          hint="We will send you an email to check this address is yours, and emails about your bids"
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={errors.email?.message}
          {...form.register('email')}
        />
        <PasswordInput
          id="password"
          label="Create a password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters. A good way is three random words, like "kettle river garden".`}
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button disabled={isSubmitting}>Create account</Button>
      </form>
      <p className="govuk-body">
        Already have an account?{' '}
        <Link className="govuk-link" to={`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
          Sign in
        </Link>
      </p>
    </Page>
  );
}
