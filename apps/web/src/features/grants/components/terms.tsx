import {
  type GrantDetail,
  INSTALMENT_TRIGGER_LABELS,
  OUTCOME_TARGET_LABELS,
  type OutcomeTargets,
  REPORT_KIND_LABELS,
} from '@cf/shared';
import type { ReactNode } from 'react';
import { SummaryList, Tag } from '../../../components/ui/content';
import { formatDate, formatPence } from '../../../lib/format';

/** A condition's words, marked when it must be met before the first payment, and who ticked it. */
export function ConditionText({ condition }: { condition: GrantDetail['conditions'][number] }) {
  return (
    <>
      {condition.text}
      {condition.beforeFirstPayment && (
        <>
          {' '}
          <Tag colour={condition.metAt ? 'green' : 'yellow'}>
            {condition.metAt ? 'Met' : 'Before the first payment'}
          </Tag>
        </>
      )}
      {condition.metAt && (
        <span className="govuk-body-s app-muted">
          {' '}
          (ticked by {condition.metByName ?? 'the grants team'} on {formatDate(condition.metAt)})
        </span>
      )}
    </>
  );
}

/**
 * What the group agrees to: payment schedule, reports and their dates, outcome targets. The grant
 * page and the printable agreement both show these, in the same words.
 */
export function OfferTerms({
  grant,
  headingLevel = 2,
  conditionAction,
}: {
  grant: GrantDetail;
  headingLevel?: 2 | 3;
  /** Beside each condition not yet met (an officer's "Mark as met"). */
  conditionAction?: (condition: GrantDetail['conditions'][number]) => ReactNode;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <H className="govuk-heading-m">Conditions</H>
      <ol className="govuk-list govuk-list--number app-conditions">
        {grant.conditions.map((condition) => (
          <li key={condition.id}>
            <ConditionText condition={condition} />
            {conditionAction && condition.metAt === null && condition.beforeFirstPayment && (
              <div className="govuk-!-margin-top-1">{conditionAction(condition)}</div>
            )}
          </li>
        ))}
      </ol>
      <H className="govuk-heading-m">Payment schedule</H>
      <SummaryList
        rows={grant.instalments.map((i) => ({
          key: INSTALMENT_TRIGGER_LABELS[i.trigger],
          value: formatPence(i.amountPence),
        }))}
      />
      <H className="govuk-heading-m">Reports</H>
      {grant.reports.length === 0 ? (
        <p className="govuk-body">The grants team will tell you when your reports are due.</p>
      ) : (
        <SummaryList
          rows={grant.reports.map((r) => ({
            key: REPORT_KIND_LABELS[r.kind],
            value: `Due by ${formatDate(r.dueOn)}`,
          }))}
        />
      )}
      <H className="govuk-heading-m">Outcome targets</H>
      {grant.targets ? (
        <>
          <p className="govuk-body">
            What your bid said the project will achieve. Your reports count against these.
          </p>
          <SummaryList
            rows={(Object.keys(OUTCOME_TARGET_LABELS) as (keyof OutcomeTargets)[]).map((key) => ({
              key: OUTCOME_TARGET_LABELS[key],
              value: (grant.targets?.[key] ?? 0).toLocaleString('en-GB'),
            }))}
          />
        </>
      ) : (
        <p className="govuk-body">The bid gave no targets.</p>
      )}
    </>
  );
}
