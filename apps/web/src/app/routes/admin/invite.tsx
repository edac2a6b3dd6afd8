import { InviteUserBody, mayBeLimitedToFund, ROLE_DESCRIPTIONS, ROLE_LABELS, StaffRole } from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Select, TextInput } from '../../../components/ui/form';
import { fundsQueryOptions } from '../../../features/funds/api/funds';
import { useInviteUser } from '../../../features/users/api/users';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'users.manage' });
  await queryClient.ensureQueryData(fundsQueryOptions());
  return null;
}

const FIELDS = ['name', 'email', 'role', 'fundId'];

export function Component() {
  const navigate = useNavigate();
  const invite = useInviteUser();
  const { data } = useSuspenseQuery(fundsQueryOptions());
  const form = useForm<z.input<typeof InviteUserBody>, unknown, z.output<typeof InviteUserBody>>({
    resolver: zodResolver(InviteUserBody),
    defaultValues: { name: '', email: '', fundId: null },
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const role = form.watch('role');

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const user = await invite.mutateAsync(values);
      navigate(`/admin/users/${user.id}?invited=1`);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page
      title="Invite a member of staff"
      hasError={items.length > 0}
      before={<BackLink to="/admin/users">Users</BackLink>}
    >
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Invite a member of staff</h1>
      <p className="govuk-body">We will email them a link to set their password. The link lasts 7 days.</p>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Full name"
          autoComplete="off"
          spellCheck={false}
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          error={errors.email?.message}
          {...form.register('email')}
        />
        <Radios
          id="role"
          legend="Role"
          legendSize="m"
          hint="You can add more roles afterwards."
          error={errors.role?.message}
          options={StaffRole.options.map((value) => ({
            value,
            text: ROLE_LABELS[value],
            hint: ROLE_DESCRIPTIONS[value],
          }))}
          {...form.register('role')}
        />
        {role !== undefined && mayBeLimitedToFund(role) && (
          <Select
            id="fundId"
            label="Which fund do they assess?"
            hint="Youth Commissioners assess the Youth Fund only."
            error={errors.fundId?.message}
            options={[
              { value: '', text: 'Every fund' },
              ...data.funds.map((f) => ({ value: f.id, text: f.name })),
            ]}
            {...form.register('fundId', { setValueAs: (value: string | null) => (value ? value : null) })}
          />
        )}
        <Button disabled={isSubmitting}>Send invitation</Button>
      </form>
    </Page>
  );
}
