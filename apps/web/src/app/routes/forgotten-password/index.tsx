import { ForgottenPasswordBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import { useForgottenPassword } from '../../../features/accounts/api/accounts';
import { applyServerErrors, errorItems } from '../../../lib/forms';

const FIELDS = ['email'];

export function Component() {
  const navigate = useNavigate();
  const forgotten = useForgottenPassword();
  const form = useForm({ resolver: zodResolver(ForgottenPasswordBody), defaultValues: { email: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const sent = await forgotten.mutateAsync(values.email);
      navigate('/forgotten-password/check-your-email', { state: sent });
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Reset your password" hasError={items.length > 0} before={<BackLink to="/sign-in" />}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Reset your password</h1>
      <p className="govuk-body">
        Enter the email address you sign in with. We will email you a link to choose a new password.
      </p>
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
        <Button disabled={isSubmitting}>Send the link</Button>
      </form>
    </Page>
  );
}
