import {
  type Fund,
  GrantRoleBody,
  mayBeLimitedToFund,
  ROLE_LABELS,
  Role,
  type UserSummary,
} from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { type UseFormReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/form';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { useGrantRole } from '../api/users';

const FIELDS = ['role', 'fundId'];

type GrantRoleFormApi = UseFormReturn<z.input<typeof GrantRoleBody>, unknown, z.output<typeof GrantRoleBody>>;

/**
 * The state of the "Add a role" form. Its errors belong in the page's error summary, so the page
 * holds the form: `onStart` clears the page's messages, `onGranted` says what changed.
 */
export function useGrantRoleForm(
  user: UserSummary,
  { onStart, onGranted }: { onStart: () => void; onGranted: (message: string) => void },
) {
  const grant = useGrantRole(user.id);
  const form: GrantRoleFormApi = useForm<
    z.input<typeof GrantRoleBody>,
    unknown,
    z.output<typeof GrantRoleBody>
  >({
    resolver: zodResolver(GrantRoleBody),
    defaultValues: { fundId: null },
  });
  const onGrant = form.handleSubmit(async (values) => {
    onStart();
    try {
      const updated = await grant.mutateAsync(values);
      const added = updated.roles.at(-1);
      onGranted(
        `${user.name} is now ${added ? ROLE_LABELS[added.role].toLowerCase() : 'updated'}${added?.fundName ? ` for the ${added.fundName}` : ''}.`,
      );
      form.reset({ fundId: null });
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });
  return { form, onGrant, errors: errorItems(form.formState.errors, FIELDS) };
}

/** Give a user another role; a role that may be limited to one fund asks which. */
export function GrantRoleForm({
  form,
  onSubmit,
  funds,
}: {
  form: GrantRoleFormApi;
  onSubmit: () => void;
  funds: readonly Fund[];
}) {
  const { errors, isSubmitting } = form.formState;
  const role = form.watch('role');
  return (
    <>
      <h2 className="govuk-heading-m">Add a role</h2>
      <form onSubmit={onSubmit} noValidate>
        <Select
          id="role"
          label="Role"
          error={errors.role?.message}
          options={[
            { value: '', text: 'Choose a role' },
            ...Role.options.map((value) => ({ value, text: ROLE_LABELS[value] })),
          ]}
          {...form.register('role')}
        />
        {role !== undefined && mayBeLimitedToFund(role) && (
          <Select
            id="fundId"
            label="Fund"
            error={errors.fundId?.message}
            options={[
              { value: '', text: 'Every fund' },
              ...funds.map((f) => ({ value: f.id, text: f.name })),
            ]}
            {...form.register('fundId', { setValueAs: (value: string | null) => (value ? value : null) })}
          />
        )}
        <Button variant="secondary" disabled={isSubmitting}>
          Add role
        </Button>
      </form>
    </>
  );
}
