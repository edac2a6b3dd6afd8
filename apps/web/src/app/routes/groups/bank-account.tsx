import { BankDetailsBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink, NotificationBanner, WarningText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import { organisationQueryOptions } from '../../../features/organisations/api/organisations';
import { bankDetailsQueryOptions, useGiveBankDetails } from '../../../features/payments/api/payments';
import { BankSummary } from '../../../features/payments/components/bank-summary';
import { can } from '../../../lib/authorization';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisationId = params.organisationId ?? '';
  await requirePermission(request, { action: 'bank.read', organisation: { id: organisationId } });
  await Promise.all([
    queryClient.ensureQueryData(organisationQueryOptions(organisationId)),
    queryClient.ensureQueryData(bankDetailsQueryOptions(organisationId)),
  ]);
  return null;
}

type Form = z.input<typeof BankDetailsBody>;
const FIELDS = ['accountName', 'sortCode', 'accountNumber'];

/**
 * The group's bank details: shown masked; a member may give new ones (kept beside the old, and
 * checked by the council calling the group back before anything is paid to them).
 */
export function Component() {
  const { organisationId = '' } = useParams();
  const { data: me } = useSuspenseQuery(meQueryOptions());
  const { data: group } = useSuspenseQuery(organisationQueryOptions(organisationId));
  const { data: current } = useSuspenseQuery(bankDetailsQueryOptions(organisationId));
  const give = useGiveBankDetails(organisationId);
  const [saved, setSaved] = useState(false);
  const form = useForm<Form, unknown, z.output<typeof BankDetailsBody>>({
    defaultValues: { accountName: '', sortCode: '', accountNumber: '' },
    resolver: zodResolver(BankDetailsBody),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const mayChange = can(me, { action: 'bank.manage', organisation: { id: organisationId } });
  const account = current.account;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await give.mutateAsync(body);
      form.reset();
      setSaved(true);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page
      title={`Bank details: ${group.name}`}
      hasError={items.length > 0}
      before={<BackLink to={`/groups/${organisationId}`}>Back to the group</BackLink>}
    >
      <ErrorSummary errors={items} />
      {saved && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Your new bank details are saved.</p>
          <p className="govuk-body">
            The council will call your group on the number it already holds to check them before paying
            anything into this account. The other members of your group have been emailed.
          </p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{group.name}</span>
      <h1 className="govuk-heading-l">Bank details</h1>
      {account ? (
        <BankSummary account={account} />
      ) : (
        <p className="govuk-body">
          Your group has not given its bank details yet. Grants are paid into this account.
        </p>
      )}
      {mayChange && (
        <form onSubmit={onSubmit} noValidate>
          <h2 className="govuk-heading-m">
            {account ? 'Change the bank details' : 'Give your bank details'}
          </h2>
          <WarningText>
            The council will not pay into a new or changed account until it has called your group back on a
            number it already holds. We never ask for bank details by email or phone.
          </WarningText>
          <TextInput
            id="accountName"
            label="Name on the account"
            hint="As your bank shows it, up to 18 characters"
            autoComplete="off"
            spellCheck={false}
            error={errors.accountName?.message}
            {...form.register('accountName')}
          />
          <TextInput
            id="sortCode"
            label="Sort code"
            hint="Must be 6 digits long"
            width="5"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            error={errors.sortCode?.message}
            {...form.register('sortCode')}
          />
          <TextInput
            id="accountNumber"
            label="Account number"
            hint="Must be between 6 and 8 digits long"
            width="10"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            error={errors.accountNumber?.message}
            {...form.register('accountNumber')}
          />
          <Button disabled={isSubmitting}>Save bank details</Button>
        </form>
      )}
    </Page>
  );
}
