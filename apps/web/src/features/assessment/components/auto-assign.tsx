import { AutoAssignCheckBody, type AutoAssignPlan } from '@cf/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button, ButtonGroup } from '../../../components/ui/button';
import { InsetText, Table, WarningText } from '../../../components/ui/content';
import { TextInput } from '../../../components/ui/form';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors } from '../../../lib/forms';
import { sharedResolver, wholeNumber } from '../../../lib/resolver';
import { useAutoAssign, useCheckAutoAssign } from '../api/assessment';

/**
 * Give every eligible bid N assessors, balancing the load — in two steps: first who would assess
 * which bid (nobody is assigned or emailed), then, once the officer confirms, exactly that. If
 * things changed in between, the API refuses (409) and the new plan is shown to check again.
 */
export function AutoAssign({
  fundId,
  minAssessors,
  onDone,
  onProblem,
}: {
  fundId: string;
  minAssessors: number;
  onDone: (message: string) => void;
  onProblem: (message: string | null) => void;
}) {
  const check = useCheckAutoAssign(fundId);
  const assign = useAutoAssign(fundId);
  const [plan, setPlan] = useState<{ perBid: number; plan: AutoAssignPlan } | null>(null);
  const form = useForm<{ perBid: string }, unknown, z.output<typeof AutoAssignCheckBody>>({
    defaultValues: { perBid: String(minAssessors) },
    resolver: sharedResolver(
      () => AutoAssignCheckBody,
      (v) => ({ perBid: wholeNumber(v.perBid) }),
    ),
  });

  const onCheck = form.handleSubmit(async ({ perBid }) => {
    onProblem(null);
    try {
      setPlan({ perBid, plan: await check.mutateAsync(perBid) });
    } catch (error) {
      setPlan(null);
      applyServerErrors(error, form.setError, ['perBid']);
    }
  });

  const onConfirm = async () => {
    if (!plan) return;
    onProblem(null);
    try {
      const result = await assign.mutateAsync({
        perBid: plan.perBid,
        plan: plan.plan.bids.map((b) => ({ bidId: b.bidId, assessorIds: b.assessors.map((a) => a.id) })),
      });
      setPlan(null);
      onDone(
        `${result.assigned} ${result.assigned === 1 ? 'assignment' : 'assignments'} made. The assessors have been emailed.`,
      );
    } catch (error) {
      onProblem(isApiError(error) ? error.message : 'Sorry, something went wrong. Try again.');
      // Show what would happen now, to check again.
      try {
        setPlan({ perBid: plan.perBid, plan: await check.mutateAsync(plan.perBid) });
      } catch {
        setPlan(null);
      }
    }
  };

  return (
    <>
      <h2 className="govuk-heading-m">Give bids to assessors</h2>
      <p className="govuk-body">
        Each bid needs at least {minAssessors} assessors. Nobody is given a bid from their own group or one
        they have declared a conflict with. You see who would assess which bid before anyone is assigned or
        emailed.
      </p>
      <form onSubmit={onCheck} noValidate className="govuk-!-margin-bottom-6">
        <TextInput
          id="perBid"
          label="Give every eligible bid this many assessors"
          width="2"
          inputMode="numeric"
          error={form.formState.errors.perBid?.message}
          {...form.register('perBid')}
        />
        <Button variant="secondary" disabled={check.isPending}>
          Check who would be assigned
        </Button>
      </form>
      {plan && (
        <PlanToConfirm
          checked={plan}
          onConfirm={onConfirm}
          onCancel={() => setPlan(null)}
          busy={assign.isPending}
        />
      )}
    </>
  );
}

function PlanToConfirm({
  checked: { perBid, plan },
  onConfirm,
  onCancel,
  busy,
}: {
  checked: { perBid: number; plan: AutoAssignPlan };
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const skipped =
    plan.skipped.length > 0 ? (
      <p className="govuk-body">
        Not yours to give out (your group, or a conflict of interest), so another officer must:{' '}
        {plan.skipped.join(', ')}.
      </p>
    ) : null;
  if (plan.assigned === 0) {
    return (
      <section aria-labelledby="plan-heading" className="govuk-!-margin-bottom-8">
        <h3 className="govuk-heading-s" id="plan-heading">
          Who would be assigned
        </h3>
        <InsetText>
          {plan.short.length > 0
            ? `Nobody to assign: no other assessor can take ${plan.short.join(', ')}.`
            : `Nobody to assign: every eligible bid you can give out already has ${perBid} ${perBid === 1 ? 'assessor' : 'assessors'}.`}
        </InsetText>
        {skipped}
      </section>
    );
  }
  return (
    <section aria-labelledby="plan-heading" className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-m" id="plan-heading">
        Check who would be assigned
      </h3>
      <p className="govuk-body">
        Nobody has been assigned yet. When you confirm, {plan.assigned}{' '}
        {plan.assigned === 1 ? 'assignment is' : 'assignments are'} made and each assessor is emailed.
      </p>
      <Table
        caption="Who would assess which bid"
        captionSize="s"
        rowKey={(b) => b.bidId}
        rows={plan.bids}
        columns={[
          {
            header: 'Bid',
            cell: (b) => (
              <>
                {b.title ?? 'Untitled'}
                <br />
                <span className="govuk-body-s app-muted">
                  {b.reference}, {b.organisationName}
                </span>
              </>
            ),
          },
          {
            header: 'New assessors',
            cell: (b) => (
              <>
                {b.assessors.length > 0 ? b.assessors.map((a) => a.name).join(', ') : 'Nobody'}
                {b.short && (
                  <>
                    <br />
                    <strong className="govuk-body-s">
                      Needs {b.needed}: only {b.assessors.length} can take it
                    </strong>
                  </>
                )}
              </>
            ),
          },
        ]}
      />
      {plan.short.length > 0 && (
        <WarningText>
          Not enough assessors can take {plan.short.join(', ')}. Add assessors to the fund.
        </WarningText>
      )}
      {skipped}
      <ButtonGroup>
        <Button type="button" disabled={busy} onClick={onConfirm}>
          Assign them and email them
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </section>
  );
}
