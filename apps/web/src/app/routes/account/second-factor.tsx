import { ConfirmSecondFactorBody, type SecondFactorSetup } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useLoaderData, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { InsetText, WarningText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import { useConfirmSecondFactorSetup, useStartSecondFactorSetup } from '../../../features/auth/api/sign-in';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { requireMe, safeNext } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  return requireMe(request);
}

/** The secret in groups of four, as people type it into an app: ABCD EFGH … */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

function ScanStep({
  setup,
  onConfirmed,
}: {
  setup: SecondFactorSetup;
  onConfirmed: (codes: string[]) => void;
}) {
  const confirm = useConfirmSecondFactorSetup();
  const form = useForm({ resolver: zodResolver(ConfirmSecondFactorBody), defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['code']);
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { recoveryCodes } = await confirm.mutateAsync(values);
      onConfirmed(recoveryCodes);
    } catch (error) {
      form.setValue('code', '');
      applyServerErrors(error, form.setError, ['code']);
    }
  });
  return (
    <>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Set up your authenticator app</h1>
      <ol className="govuk-list govuk-list--number">
        <li>Open your authenticator app and choose to add an account.</li>
        <li>Scan this QR code with the app.</li>
      </ol>
      <img
        className="app-qr-code"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
        alt="QR code to scan with your authenticator app"
        width={200}
        height={200}
      />
      <p className="govuk-body">If you cannot scan the QR code, type this key into the app instead:</p>
      <InsetText>
        <span className="app-secret" data-testid="second-factor-key">
          {grouped(setup.secret)}
        </span>
      </InsetText>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="code"
          label="Enter the 6-digit code the app now shows"
          labelSize="m"
          hint="This checks the app is set up. A new code appears every 30 seconds."
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          width="10"
          error={errors.code?.message}
          {...form.register('code')}
        />
        <Button disabled={isSubmitting}>Continue</Button>
      </form>
    </>
  );
}

function RecoveryCodesStep({ codes, next }: { codes: string[]; next: string }) {
  const navigate = useNavigate();
  return (
    <>
      <h1 className="govuk-heading-l">Save your recovery codes</h1>
      <p className="govuk-body">
        Your authenticator app is set up. You will need a code from it each time you sign in.
      </p>
      <p className="govuk-body">
        If you lose your phone, you can sign in with one of these recovery codes instead. Each code works
        once.
      </p>
      <WarningText>
        Write these codes down or print this page, and keep them somewhere safe. You will not see them again.
      </WarningText>
      <ul className="govuk-list app-recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <Button onClick={() => navigate(next, { replace: true })}>I have saved my recovery codes</Button>
    </>
  );
}

/**
 * Staff set up a second factor before their staff pages open: an authenticator app, confirmed with
 * a code from it, then recovery codes shown once.
 */
export function Component() {
  const me = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const start = useStartSecondFactorSetup();
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) {
    return (
      <Page title="Save your recovery codes">
        <RecoveryCodesStep codes={codes} next={next} />
      </Page>
    );
  }
  if (me.secondFactor !== 'enrol') {
    return (
      <Page title="Second factor">
        <h1 className="govuk-heading-l">Second factor</h1>
        <p className="govuk-body">
          {me.secondFactor === 'done'
            ? 'Your authenticator app is set up. If you lose your phone, sign in with a recovery code, or ask an administrator to reset it.'
            : 'Your account does not need a second factor.'}
        </p>
      </Page>
    );
  }
  if (start.data) {
    return (
      <Page title="Set up your authenticator app">
        <ScanStep setup={start.data} onConfirmed={setCodes} />
      </Page>
    );
  }
  return (
    <Page title="Set up a second factor">
      <h1 className="govuk-heading-l">Set up a second factor</h1>
      <p className="govuk-body">
        Council staff handle public money and people’s personal information, so you sign in with your password
        and a code from an app on your phone.
      </p>
      <p className="govuk-body">
        You need an authenticator app, for example Microsoft Authenticator or Google Authenticator. They are
        free from your phone’s app store.
      </p>
      <p className="govuk-body">Until you set it up you can use the service, but not your staff pages.</p>
      {start.isError && (
        <p className="govuk-error-message">We could not start setting up the app. Try again.</p>
      )}
      <Button onClick={() => start.mutate()} disabled={start.isPending}>
        Set up my authenticator app
      </Button>
    </Page>
  );
}
