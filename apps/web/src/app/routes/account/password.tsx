import { ChangePasswordBody, PASSWORD_MIN_LENGTH } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { PasswordInput } from '../../../components/ui/form';
import { useChangePassword } from '../../../features/accounts/api/accounts';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request, { allowUnconfirmed: true });
  return null;
}

const FIELDS = ['currentPassword', 'password'];

export function Component() {
  const navigate = useNavigate();
  const change = useChangePassword();
  const form = useForm({
    resolver: zodResolver(ChangePasswordBody),
    defaultValues: { currentPassword: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync(values);
      navigate('/account', {
        state: { done: 'Your password has been changed. You have been signed out on your other devices.' },
      });
    } catch (error) {
      form.setValue('currentPassword', '');
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Change your password" hasError={items.length > 0} before={<BackLink to="/account" />}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Change your password</h1>
      <form onSubmit={onSubmit} noValidate>
        <PasswordInput
          id="currentPassword"
          label="Current password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register('currentPassword')}
        />
        <PasswordInput
          id="password"
          label="New password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters. A good way is three random words, like "kettle river garden". Avoid common passwords.`}
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button disabled={isSubmitting}>Change password</Button>
      </form>
    </Page>
  );
}
