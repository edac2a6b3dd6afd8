import { formatDate, RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS, RetentionBody } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { LoaderFunctionArgs } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, InsetText, NotificationBanner } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import {
  retentionQueryOptions,
  useAnonymiseNow,
  useSetRetention,
} from '../../../features/privacy/api/privacy';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'retention.manage' });
  await queryClient.ensureQueryData(retentionQueryOptions());
  return null;
}

interface RetentionForm {
  months: string;
}

const FIELDS = ['months'];

/** Admins: how long closed grants keep personal data, and removing it now (decision 0026). */
export function Component() {
  const { data: setting } = useSuspenseQuery(retentionQueryOptions());
  const save = useSetRetention();
  const run = useAnonymiseNow();
  const [saved, setSaved] = useState(false);
  const form = useForm<RetentionForm, unknown, RetentionBody>({
    resolver: sharedResolver(
      () => RetentionBody,
      (values) => ({ months: values.months.trim() === '' ? undefined : Number(values.months.trim()) }),
    ),
    defaultValues: { months: String(setting.months) },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    try {
      await save.mutateAsync(values);
      setSaved(true);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Keeping personal data" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      {saved && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            Closed grants now keep personal data for {setting.words}.
          </p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Keeping personal data</h1>
      <p className="govuk-body">
        When a grant has been closed (completed, declined or ended early) for longer than this, the service
        removes the names of the people in it: who signed the offer and the bid’s declaration, and the group’s
        main contact once nothing of the group is still going. Amounts, dates, the group’s name, payments and
        the open data stay as they are. It checks every day.
      </p>
      <p className="govuk-body">
        Now: <strong>{setting.words}</strong>
        {setting.isDefault
          ? ' (the standard period: nobody has changed it).'
          : setting.updatedAt
            ? ` (set on ${formatDate(setting.updatedAt)}).`
            : '.'}
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="months"
          label="How many months closed grants keep personal data"
          hint={`From ${RETENTION_MIN_MONTHS} to ${RETENTION_MAX_MONTHS}. For example, 72 is 6 years.`}
          inputMode="numeric"
          width="4"
          error={errors.months?.message}
          {...form.register('months')}
        />
        <Button disabled={isSubmitting}>Save the period</Button>
      </form>

      <h2 className="govuk-heading-m">Remove personal data now</h2>
      <p className="govuk-body">
        Does now what the daily check does. Grants already done are left alone, so it is safe to do again.
      </p>
      <Button type="button" variant="secondary" onClick={() => run.mutate()} disabled={run.isPending}>
        Remove personal data now
      </Button>
      <div aria-live="polite">
        {run.data && (
          <InsetText>
            {run.data.grantIds.length === 0
              ? `No grant closed before ${formatDate(run.data.closedBefore)} still held personal data.`
              : `Removed the personal data of ${run.data.grantIds.length} ${run.data.grantIds.length === 1 ? 'grant' : 'grants'} closed before ${formatDate(run.data.closedBefore)}.`}{' '}
            <AppLink to="/admin/audit?kind=grant">See the audit trail</AppLink>
          </InsetText>
        )}
        {run.isError && <InsetText>Sorry, personal data could not be removed. Try again.</InsetText>}
      </div>
    </Page>
  );
}
