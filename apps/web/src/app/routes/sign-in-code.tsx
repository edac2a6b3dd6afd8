import { SecondFactorBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/layout/page';
import { Button } from '../../components/ui/button';
import { Details } from '../../components/ui/content';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextInput } from '../../components/ui/form';
import { useSecondFactor } from '../../features/auth/api/sign-in';
import { isApiError } from '../../lib/api-client';
import { applyServerErrors, errorItems } from '../../lib/forms';
import { safeNext } from '../guards';

const FIELDS = ['code'];

/** The second step of signing in, for staff: the code from their authenticator app. */
export function Component() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const secondFactor = useSecondFactor();
  const form = useForm({ resolver: zodResolver(SecondFactorBody), defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const next = safeNext(params.get('next'));

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await secondFactor.mutateAsync(values);
      navigate(next, { replace: true });
    } catch (error) {
      form.setValue('code', '');
      // The password step has run out (10 minutes) or was never done: start again.
      if (isApiError(error, 401) && !error.fields.code) {
        navigate(`/sign-in?expired=1&next=${encodeURIComponent(next)}`, { replace: true });
        return;
      }
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Enter the code from your authenticator app" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="code"
          label="Enter the code from your authenticator app"
          labelSize="l"
          isPageHeading
          hint="Open the app on your phone and enter the 6-digit code it shows for the Communities Fund. A new code appears every 30 seconds."
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          width="10"
          error={errors.code?.message}
          {...form.register('code')}
        />
        <Details summary="I cannot use my phone">
          <p className="govuk-body">
            Enter one of the recovery codes you saved when you set up the app, like ABCDE-FGHIJ, in the box
            above. Each recovery code works once.
          </p>
          <p className="govuk-body">
            If you have no recovery codes left, ask an administrator to reset your second factor.
          </p>
        </Details>
        <Button disabled={isSubmitting}>Continue</Button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to="/sign-in">
          Sign in as someone else
        </Link>
      </p>
    </Page>
  );
}
