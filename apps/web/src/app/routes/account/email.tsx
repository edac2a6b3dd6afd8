import { ChangeEmailBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { PasswordInput, TextInput } from '../../../components/ui/form';
import { useChangeEmail } from '../../../features/accounts/api/accounts';
import { meQueryOptions } from '../../../features/auth/api/me';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request, { allowUnconfirmed: true });
  return null;
}

const FIELDS = ['email', 'currentPassword'];

export function Component() {
  const navigate = useNavigate();
  const { data: me } = useSuspenseQuery(meQueryOptions());
  const change = useChangeEmail();
  const form = useForm({
    resolver: zodResolver(ChangeEmailBody),
    defaultValues: { email: '', currentPassword: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const sent = await change.mutateAsync(values);
      navigate('/account/email/check-your-email', { state: sent });
    } catch (error) {
      form.setValue('currentPassword', '');
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Change your email address" hasError={items.length > 0} before={<BackLink to="/account" />}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Change your email address</h1>
      <p className="govuk-body">
        Your email address is <strong>{me?.email}</strong>. We will send a link to the new address. Your email
        address changes when you open it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="email"
          label="New email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
          error={errors.email?.message}
          {...form.register('email')}
        />
        <PasswordInput
          id="currentPassword"
          label="Current password"
          hint="So we know it is you"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register('currentPassword')}
        />
        <Button disabled={isSubmitting}>Send the link</Button>
      </form>
    </Page>
  );
}
