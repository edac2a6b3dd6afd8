import { BankCheckBody, formatSortCode } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink, InsetText, NotificationBanner, SummaryList } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Checkboxes, TextInput } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import {
  bankAccountQueryOptions,
  useCheckBankDetails,
  useShowFullDetails,
} from '../../../features/payments/api/payments';
import { BankSummary } from '../../../features/payments/components/bank-summary';
import { can } from '../../../lib/authorization';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'bank.verify' });
  await queryClient.ensureQueryData(bankAccountQueryOptions(params.bankAccountId ?? ''));
  return null;
}

interface Form {
  phoneNumber: string;
  numberFromRecords: string[] | string | false;
}
const FIELDS = ['phoneNumber', 'numberFromRecords'];

/**
 * Finance: one group's new bank details — shown in full only on a deliberate click (recorded in the
 * audit trail) — and the call-back check: the number called, from the council's records.
 */
export function Component() {
  const { bankAccountId = '' } = useParams();
  const { data: me } = useSuspenseQuery(meQueryOptions());
  const { data: account } = useSuspenseQuery(bankAccountQueryOptions(bankAccountId));
  const check = useCheckBankDetails(bankAccountId);
  const full = useShowFullDetails(bankAccountId);
  const form = useForm<Form, unknown, z.output<typeof BankCheckBody>>({
    defaultValues: { phoneNumber: '', numberFromRecords: false },
    resolver: sharedResolver<Form, z.output<typeof BankCheckBody>>(
      () => BankCheckBody,
      (v) => ({
        phoneNumber: v.phoneNumber,
        numberFromRecords:
          v.numberFromRecords === 'yes' ||
          (Array.isArray(v.numberFromRecords) && v.numberFromRecords.includes('yes')),
      }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const mayCheck = can(me, { action: 'bank.verify', account: { recordedById: account.recordedById } });

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await check.mutateAsync(body);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page
      title={`Check bank details: ${account.organisationName}`}
      hasError={items.length > 0}
      before={<BackLink to="/finance/bank-accounts">Back to bank details to check</BackLink>}
    >
      <ErrorSummary errors={items} />
      {account.check && check.isSuccess && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">The bank details are checked.</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{account.organisationName}</span>
      <h1 className="govuk-heading-l">Check bank details</h1>
      <BankSummary account={account} />
      {full.data ? (
        <SummaryList
          rows={[
            { key: 'Full sort code', value: formatSortCode(full.data.sortCode) },
            { key: 'Full account number', value: full.data.accountNumber },
          ]}
        />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            full.mutate();
          }}
        >
          <Button variant="secondary" disabled={full.isPending}>
            Show the full details
          </Button>
          <p className="govuk-body-s">
            Each time the full details are shown it is recorded in the audit trail.
          </p>
        </form>
      )}
      {!account.check &&
        (mayCheck ? (
          <form onSubmit={onSubmit} noValidate>
            <h2 className="govuk-heading-m">Record your call-back check</h2>
            <InsetText>
              Call the group on a number from the council’s records from before this change — never one given
              with the new details — and confirm the details with them.
            </InsetText>
            <TextInput
              id="phoneNumber"
              label="Phone number you called"
              width="20"
              type="tel"
              autoComplete="off"
              error={errors.phoneNumber?.message}
              {...form.register('phoneNumber')}
            />
            <Checkboxes
              id="numberFromRecords"
              legend="Where the number came from"
              legendSize="s"
              small
              error={errors.numberFromRecords?.message}
              options={[
                {
                  value: 'yes',
                  text: 'The number came from the council’s records from before the change',
                },
              ]}
              {...form.register('numberFromRecords')}
            />
            <Button disabled={isSubmitting}>Record the check</Button>
          </form>
        ) : (
          <InsetText>
            You gave these bank details, so someone else with the finance role must check them.
          </InsetText>
        ))}
    </Page>
  );
}
