import { RegisterOrganisationBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { meQueryOptions } from '../../../features/auth/api/me';
import {
  organisationQueryOptions,
  useUpdateOrganisation,
} from '../../../features/organisations/api/organisations';
import {
  GROUP_FIELDS,
  GroupDetailsFields,
  type GroupDetailsForm,
} from '../../../features/organisations/components/group-form';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { isApiError } from '../../../lib/api-client';
import { can } from '../../../lib/authorization';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await Promise.all([
    queryClient.ensureQueryData(organisationQueryOptions(params.organisationId ?? '')),
    queryClient.ensureQueryData(referenceQueryOptions()),
  ]);
  return null;
}

/** A member changes the group's details. */
export function Component() {
  const { organisationId = '' } = useParams();
  const navigate = useNavigate();
  const { data: group } = useSuspenseQuery(organisationQueryOptions(organisationId));
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  const update = useUpdateOrganisation(organisationId);
  const form = useForm<GroupDetailsForm, unknown, z.output<typeof RegisterOrganisationBody>>({
    resolver: zodResolver(RegisterOrganisationBody),
    defaultValues: {
      name: group.name,
      type: group.type,
      registeredNumber: group.registeredNumber ?? '',
      addressLine1: group.addressLine1,
      addressLine2: group.addressLine2 ?? '',
      town: group.town,
      postcode: group.postcode,
      wardId: group.wardId ?? '',
      contactName: group.contactName,
      contactEmail: group.contactEmail,
      contactPhone: group.contactPhone ?? '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, GROUP_FIELDS);
  const conflict = isApiError(update.error, 409);
  if (!can(me, { action: 'organisation.manage', organisation: group })) {
    return <Navigate to={`/groups/${organisationId}`} replace />;
  }

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      // From the version this page opened: a change someone made since is not overwritten.
      await update.mutateAsync({ ...values, version: group.version });
      navigate(`/groups/${organisationId}?changed=1`);
    } catch (error) {
      applyServerErrors(error, form.setError, GROUP_FIELDS);
    }
  });

  return (
    <Page
      title="Change your group’s details"
      hasError={items.length > 0}
      before={<BackLink to={`/groups/${organisationId}`}>Back to {group.name}</BackLink>}
    >
      <ErrorSummary errors={items} />
      {conflict && (
        <p className="govuk-body">
          <button
            type="button"
            className="govuk-link app-link-button"
            onClick={() => window.location.reload()}
          >
            Reload the page to see the latest details
          </button>
        </p>
      )}
      <span className="govuk-caption-l">{group.name}</span>
      <h1 className="govuk-heading-l">Change your group’s details</h1>
      <form onSubmit={onSubmit} noValidate>
        <GroupDetailsFields
          register={form.register}
          errors={errors}
          type={form.watch('type')}
          reference={reference}
        />
        <Button disabled={isSubmitting}>Save changes</Button>
      </form>
    </Page>
  );
}
