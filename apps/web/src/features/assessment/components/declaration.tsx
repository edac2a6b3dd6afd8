import { type AssessorView, DeclarationBody } from '@cf/shared';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Textarea } from '../../../components/ui/form';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';
import { useDeclare } from '../api/assessment';

/** Before an assessor sees a bid: do they have a conflict of interest with the group? */
export function Declaration({ view }: { view: AssessorView }) {
  const declare = useDeclare(view.assignment.id);
  const form = useForm<{ conflict?: string; nature?: string }, unknown, z.output<typeof DeclarationBody>>({
    resolver: sharedResolver(
      () => DeclarationBody,
      (v) =>
        v.conflict === 'yes'
          ? { conflict: true, nature: v.nature }
          : v.conflict === 'no'
            ? { conflict: false }
            : {},
      (path) => (path === '' || path === 'root' ? 'conflict' : path),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['conflict', 'nature']);
  const conflict = form.watch('conflict');
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await declare.mutateAsync(body);
    } catch (error) {
      applyServerErrors(error, form.setError, ['conflict', 'nature']);
    }
  });
  const a = view.assignment;
  return (
    <Page
      title="Do you have a conflict of interest?"
      hasError={items.length > 0}
      before={<BackLink to="/assess">Bids to assess</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">
        {a.bidReference}: {a.bidTitle}
      </span>
      <h1 className="govuk-heading-l">Do you have a conflict of interest?</h1>
      <p className="govuk-body">
        This bid is from <strong>{a.organisationName}</strong>. You have a conflict of interest if you, your
        family or close friends are involved with the group, would benefit from the grant, or if you could be
        seen as not impartial.
      </p>
      <p className="govuk-body">You will see the bid once you have answered.</p>
      <form onSubmit={onSubmit} noValidate>
        <Radios
          id="conflict"
          legend="Do you have a conflict of interest with this group?"
          legendSize="s"
          error={errors.conflict?.message}
          options={[
            { value: 'no', text: 'No, I have no conflict of interest' },
            {
              value: 'yes',
              text: 'Yes, I have a conflict of interest',
              hint: 'You will be taken off this bid and the grants officer will reassign it',
            },
          ]}
          {...form.register('conflict')}
        />
        {conflict === 'yes' && (
          <Textarea
            id="nature"
            label="What is the conflict?"
            hint="For example, I am a trustee of the group"
            error={errors.nature?.message}
            {...form.register('nature')}
          />
        )}
        <Button disabled={isSubmitting}>Continue</Button>
      </form>
    </Page>
  );
}
