import { ORGANISATION_TYPES, OrganisationType, RegisterOrganisationBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Select, TextInput } from '../../../components/ui/form';
import { useRegisterOrganisation } from '../../../features/organisations/api/organisations';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(referenceQueryOptions());
  return null;
}

const FIELDS = [
  'name',
  'type',
  'registeredNumber',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'wardId',
  'contactName',
  'contactEmail',
  'contactPhone',
];

export function Component() {
  const navigate = useNavigate();
  const registerGroup = useRegisterOrganisation();
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const form = useForm<
    z.input<typeof RegisterOrganisationBody>,
    unknown,
    z.output<typeof RegisterOrganisationBody>
  >({
    resolver: zodResolver(RegisterOrganisationBody),
    defaultValues: { town: 'Peterborough' },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const type = form.watch('type');
  const typeInfo = type ? ORGANISATION_TYPES[type] : undefined;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const organisation = await registerGroup.mutateAsync(values);
      navigate(`/groups/${organisation.id}?registered=1`);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page title="Register your group" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Register your group</h1>
      <p className="govuk-body">
        Tell us about the community group you are applying for. You only need to do this once.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Name of your group"
          autoComplete="organization"
          error={errors.name?.message}
          {...form.register('name')}
        />
        <Radios
          id="type"
          legend="What kind of group is it?"
          legendSize="s"
          error={errors.type?.message}
          options={OrganisationType.options.map((value) => ({
            value,
            text: ORGANISATION_TYPES[value].label,
          }))}
          {...form.register('type')}
        />
        {typeInfo?.numberLabel && (
          <TextInput
            id="registeredNumber"
            label={typeInfo.numberLabel}
            hint={typeInfo.numberHint ?? undefined}
            width="10"
            spellCheck={false}
            error={errors.registeredNumber?.message}
            {...form.register('registeredNumber')}
          />
        )}
        <h2 className="govuk-heading-m">Address</h2>
        <TextInput
          id="addressLine1"
          label="Address line 1"
          autoComplete="address-line1"
          error={errors.addressLine1?.message}
          {...form.register('addressLine1')}
        />
        <TextInput
          id="addressLine2"
          label="Address line 2 (optional)"
          autoComplete="address-line2"
          error={errors.addressLine2?.message ?? undefined}
          {...form.register('addressLine2')}
        />
        <TextInput
          id="town"
          label="Town or city"
          width="20"
          autoComplete="address-level2"
          error={errors.town?.message}
          {...form.register('town')}
        />
        <TextInput
          id="postcode"
          label="Postcode"
          width="10"
          autoComplete="postal-code"
          error={errors.postcode?.message}
          {...form.register('postcode')}
        />
        <Select
          id="wardId"
          label="Ward where your group mostly works"
          hint="Choose City-wide if you work across Peterborough"
          error={errors.wardId?.message}
          options={[
            { value: '', text: 'Choose a ward' },
            ...reference.wards.map((w) => ({ value: w.id, text: w.name })),
          ]}
          {...form.register('wardId')}
        />
        <h2 className="govuk-heading-m">Main contact</h2>
        <TextInput
          id="contactName"
          label="Full name"
          autoComplete="name"
          error={errors.contactName?.message}
          {...form.register('contactName')}
        />
        <TextInput
          id="contactEmail"
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={errors.contactEmail?.message}
          {...form.register('contactEmail')}
        />
        <TextInput
          id="contactPhone"
          label="Phone number (optional)"
          type="tel"
          width="20"
          autoComplete="tel"
          error={errors.contactPhone?.message ?? undefined}
          {...form.register('contactPhone')}
        />
        <Button disabled={isSubmitting}>Register group</Button>
      </form>
    </Page>
  );
}
