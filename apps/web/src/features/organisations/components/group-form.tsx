import { ORGANISATION_TYPES, OrganisationType, type ReferenceData } from '@cf/shared';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { Radios, Select, TextInput } from '../../../components/ui/form';

/** The group's details as the form holds them (the shared RegisterOrganisationBody's input). */
export interface GroupDetailsForm {
  name: string;
  type: OrganisationType;
  registeredNumber?: string | null | undefined;
  addressLine1: string;
  addressLine2?: string | null | undefined;
  town: string;
  postcode: string;
  wardId: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string | null | undefined;
}

/** The fields in page order, for the error summary. */
export const GROUP_FIELDS = [
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

/**
 * The questions about a group, for registering it and for changing its details: each kind of group
 * with a hint saying what it is, the registered number when the kind has one.
 */
export function GroupDetailsFields({
  register,
  errors,
  type,
  reference,
}: {
  register: UseFormRegister<GroupDetailsForm>;
  errors: FieldErrors<GroupDetailsForm>;
  type: OrganisationType | undefined;
  reference: ReferenceData;
}) {
  const typeInfo = type ? ORGANISATION_TYPES[type] : undefined;
  return (
    <>
      <TextInput
        id="name"
        label="Name of your group"
        autoComplete="organization"
        error={errors.name?.message}
        {...register('name')}
      />
      <Radios
        id="type"
        legend="What kind of group is it?"
        legendSize="s"
        error={errors.type?.message}
        options={OrganisationType.options.map((value) => ({
          value,
          text: ORGANISATION_TYPES[value].label,
          hint: ORGANISATION_TYPES[value].hint,
        }))}
        {...register('type')}
      />
      {typeInfo?.numberLabel && (
        <TextInput
          id="registeredNumber"
          label={typeInfo.numberLabel}
          hint={typeInfo.numberHint ?? undefined}
          width="10"
          spellCheck={false}
          error={errors.registeredNumber?.message}
          {...register('registeredNumber')}
        />
      )}
      <h2 className="govuk-heading-m">Address</h2>
      <TextInput
        id="addressLine1"
        label="Address line 1"
        autoComplete="address-line1"
        error={errors.addressLine1?.message}
        {...register('addressLine1')}
      />
      <TextInput
        id="addressLine2"
        label="Address line 2 (optional)"
        autoComplete="address-line2"
        error={errors.addressLine2?.message ?? undefined}
        {...register('addressLine2')}
      />
      <TextInput
        id="town"
        label="Town or city"
        width="20"
        autoComplete="address-level2"
        error={errors.town?.message}
        {...register('town')}
      />
      <TextInput
        id="postcode"
        label="Postcode"
        width="10"
        autoComplete="postal-code"
        error={errors.postcode?.message}
        {...register('postcode')}
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
        {...register('wardId')}
      />
      <h2 className="govuk-heading-m">Main contact</h2>
      <p className="govuk-body">The person the grants team should contact about your group’s bids.</p>
      <TextInput
        id="contactName"
        label="Full name"
        autoComplete="name"
        error={errors.contactName?.message}
        {...register('contactName')}
      />
      <TextInput
        id="contactEmail"
        label="Email address"
        type="email"
        autoComplete="email"
        spellCheck={false}
        error={errors.contactEmail?.message}
        {...register('contactEmail')}
      />
      <TextInput
        id="contactPhone"
        label="Phone number (optional)"
        type="tel"
        width="20"
        autoComplete="tel"
        error={errors.contactPhone?.message ?? undefined}
        {...register('contactPhone')}
      />
    </>
  );
}
