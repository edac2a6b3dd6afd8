import { RegisterOrganisationBody } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { meQueryOptions } from '../../../features/auth/api/me';
import { useRegisterOrganisation } from '../../../features/organisations/api/organisations';
import {
  GROUP_FIELDS,
  GroupDetailsFields,
  type GroupDetailsForm,
} from '../../../features/organisations/components/group-form';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(referenceQueryOptions());
  return null;
}

export function Component() {
  const navigate = useNavigate();
  const registerGroup = useRegisterOrganisation();
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  const form = useForm<GroupDetailsForm, unknown, z.output<typeof RegisterOrganisationBody>>({
    resolver: zodResolver(RegisterOrganisationBody),
    // The person registering is the main contact unless they say otherwise.
    defaultValues: { town: 'Peterborough', contactName: me?.name ?? '', contactEmail: me?.email ?? '' },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, GROUP_FIELDS);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const organisation = await registerGroup.mutateAsync(values);
      navigate(`/groups/${organisation.id}?registered=1`);
    } catch (error) {
      applyServerErrors(error, form.setError, GROUP_FIELDS);
    }
  });

  return (
    <Page title="Register your group" hasError={items.length > 0}>
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Register your group</h1>
      <p className="govuk-body">
        Tell us about the community group you are applying for. You only need to do this once. Other members
        of your group can join it later.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <GroupDetailsFields
          register={form.register}
          errors={errors}
          type={form.watch('type')}
          reference={reference}
        />
        <Button disabled={isSubmitting}>Register group</Button>
      </form>
    </Page>
  );
}
