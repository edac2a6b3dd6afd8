import {
  ELIGIBILITY_QUESTIONS,
  type EligibilityAnswers,
  type EligibilityQuestionId,
  eligibilityProblems,
  type Fund,
  formatDate,
  formatPence,
  StartBidBody,
} from '@cf/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { AppLink, BackLink, InsetText } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios } from '../../../components/ui/form';
import { meQueryOptions } from '../../../features/auth/api/me';
import { useStartBid } from '../../../features/bids/api/bids';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(fundQueryOptions(params.fundId ?? ''));
  return null;
}

function fill(text: string, fund: Fund): string {
  return text
    .replaceAll('{cap}', formatPence(fund.capPence))
    .replaceAll('{deliveryEnds}', formatDate(fund.deliveryEndsOn));
}

const FIELDS = ['organisationId', ...ELIGIBILITY_QUESTIONS.map((q) => `eligibility.${q.id}`)];

function CannotApply({
  problems,
  fund,
  onChange,
}: {
  problems: EligibilityQuestionId[];
  fund: Fund;
  onChange: () => void;
}) {
  return (
    <Page title="Your group cannot apply yet">
      <h1 className="govuk-heading-l">Your group cannot apply yet</h1>
      <p className="govuk-body">This is because:</p>
      <ul className="govuk-list govuk-list--bullet">
        {problems.map((id) => {
          const question = ELIGIBILITY_QUESTIONS.find((q) => q.id === id);
          return <li key={id}>{question?.whyNo ? fill(question.whyNo, fund) : ''}</li>;
        })}
      </ul>
      <h2 className="govuk-heading-m">Get help</h2>
      <p className="govuk-body">
        The council runs free bid-writing courses and can help your group get ready to apply — for example, to
        write a constitution or a safeguarding policy.
      </p>
      <InsetText>
        Email communitiesfund@peterborough.gov.uk or call 01733 747474, Monday to Friday, 9am to 5pm.
      </InsetText>
      <Button type="button" variant="secondary" onClick={onChange}>
        Change your answers
      </Button>
    </Page>
  );
}

export function Component() {
  const { fundId = '' } = useParams();
  const navigate = useNavigate();
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: me } = useQuery(meQueryOptions());
  const start = useStartBid();
  const [problems, setProblems] = useState<EligibilityQuestionId[] | null>(null);
  const groups = me?.organisations ?? [];
  // "Start a bid" on a group's page comes here with ?group=: that group's bid, no question about it.
  const [search] = useSearchParams();
  const chosen = groups.find((g) => g.id === search.get('group'));
  const form = useForm<z.input<typeof StartBidBody>, unknown, z.output<typeof StartBidBody>>({
    resolver: zodResolver(StartBidBody),
    defaultValues: {
      fundId,
      organisationId: chosen?.id ?? (groups.length === 1 ? groups[0]?.id : undefined),
    },
  });
  const askGroup = groups.length > 1 && !chosen;
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  const worksWithAtRisk = form.watch('eligibility.worksWithAtRisk');

  if (groups.length === 0) {
    return (
      <Page
        title="Register your group first"
        before={<BackLink to={`/funds/${fund.id}`}>{fund.name}</BackLink>}
      >
        <h1 className="govuk-heading-l">Register your group first</h1>
        <p className="govuk-body">
          Bids are made by community groups. Tell us about your group, then you can start a bid.
        </p>
        <ButtonLink to="/groups/new">Register your group</ButtonLink>
        <p className="govuk-body">If your group is already registered, ask a member to invite you to it.</p>
      </Page>
    );
  }

  if (problems && problems.length > 0) {
    return <CannotApply problems={problems} fund={fund} onChange={() => setProblems(null)} />;
  }

  const onSubmit = form.handleSubmit(async (values) => {
    const found = eligibilityProblems(values.eligibility as EligibilityAnswers);
    if (found.length > 0) {
      setProblems(found);
      window.scrollTo(0, 0);
      return;
    }
    try {
      const bid = await start.mutateAsync(values);
      navigate(`/bids/${bid.id}`);
    } catch (error) {
      // Without a group question on the page (one group, or the group chosen already), a refusal
      // about the group (it has as many unsent bids as it may) goes to the top of the page instead.
      applyServerErrors(
        error,
        form.setError,
        askGroup ? FIELDS : FIELDS.filter((f) => f !== 'organisationId'),
      );
    }
  });

  return (
    <Page
      title={`Can your group apply to the ${fund.name}?`}
      hasError={items.length > 0}
      before={<BackLink to={`/funds/${fund.id}`}>{fund.name}</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Can your group apply?</h1>
      <p className="govuk-body">
        Answer these questions to check. It takes about 2 minutes. We keep your answers with your bid.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <input type="hidden" {...form.register('fundId')} />
        {chosen && groups.length > 1 && (
          <p className="govuk-body">
            This bid is for <strong>{chosen.name}</strong>.{' '}
            <AppLink to={`/funds/${fund.id}/apply`}>Choose another group</AppLink>
          </p>
        )}
        {askGroup && (
          <Radios
            id="organisationId"
            legend="Which group is this bid for?"
            legendSize="m"
            error={errors.organisationId?.message}
            options={groups.map((g) => ({ value: g.id, text: g.name }))}
            {...form.register('organisationId')}
          />
        )}
        {ELIGIBILITY_QUESTIONS.map((question) => {
          if ('onlyIf' in question && worksWithAtRisk !== 'yes') return null;
          return (
            <Radios
              key={question.id}
              id={`eligibility-${question.id}`}
              legend={fill(question.question, fund)}
              legendSize="s"
              hint={'hint' in question ? question.hint : undefined}
              inline
              error={errors.eligibility?.[question.id]?.message}
              options={[
                { value: 'yes', text: 'Yes' },
                { value: 'no', text: 'No' },
              ]}
              {...form.register(`eligibility.${question.id}`, { shouldUnregister: 'onlyIf' in question })}
            />
          );
        })}
        <Button disabled={isSubmitting}>Continue</Button>
      </form>
    </Page>
  );
}
