import {
  type Fund,
  FundBody,
  isoToLondonLocal,
  londonLocalToIso,
  type Priority,
  parsePounds,
  penceToPoundsInput,
  potChangeReasonProblem,
} from '@cf/shared';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink, InsetText } from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Checkboxes, Textarea, TextInput } from '../../../components/ui/form';
import { formatPence } from '../../../lib/format';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import {
  type DateParts,
  dateParts,
  emptyDate,
  isoDate,
  sharedResolver,
  text,
  wholeNumber,
} from '../../../lib/resolver';
import { useSaveFund } from '../api/funds';
import { CriteriaFields, emptyCriterion } from './criteria-fields';
import type { FundFormValues } from './fund-form-values';

const FIELDS = [
  'name',
  'code',
  'description',
  'pot',
  'potChangeReason',
  'cap',
  'opensOn',
  'closesOn',
  'deliveryStartsOn',
  'deliveryEndsOn',
  'minAssessors',
  'scoresDueOn',
  'moderationThreshold',
  'costCentre',
  'accountCode',
  'priorityIds',
  'criteria',
  'conditions',
  'conditionsBeforePayment',
];

/** One condition a line, blank lines left out. */
const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** London wall-clock date and time → ISO instant; anything unreadable → a value the schema refuses. */
function instant(date: DateParts, time: string): string | undefined {
  const day = isoDate(date);
  if (day === undefined && !text(time)) return undefined;
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!day || day === 'not-a-date' || !match) return 'not-a-time';
  try {
    return londonLocalToIso(`${day}T${match[1]?.padStart(2, '0')}:${match[2]}`);
  } catch {
    return 'not-a-time';
  }
}

function toForm(fund: Fund | undefined): FundFormValues {
  if (!fund) {
    return {
      name: '',
      code: '',
      description: '',
      pot: '',
      potChangeReason: '',
      cap: '',
      opensOn: emptyDate,
      opensTime: '09:00',
      closesOn: emptyDate,
      closesTime: '17:00',
      deliveryStartsOn: emptyDate,
      deliveryEndsOn: emptyDate,
      minAssessors: '3',
      scoresDueOn: emptyDate,
      moderationThreshold: '2',
      costCentre: '',
      accountCode: '',
      published: false,
      priorityIds: [],
      criteria: [emptyCriterion()],
      conditions: '',
      conditionsBeforePayment: '',
    };
  }
  const opens = isoToLondonLocal(fund.opensAt);
  const closes = isoToLondonLocal(fund.closesAt);
  return {
    name: fund.name,
    code: fund.code,
    description: fund.description,
    pot: penceToPoundsInput(fund.potPence),
    potChangeReason: '',
    cap: penceToPoundsInput(fund.capPence),
    opensOn: dateParts(opens.slice(0, 10)),
    opensTime: opens.slice(11),
    closesOn: dateParts(closes.slice(0, 10)),
    closesTime: closes.slice(11),
    deliveryStartsOn: dateParts(fund.deliveryStartsOn),
    deliveryEndsOn: dateParts(fund.deliveryEndsOn),
    minAssessors: String(fund.minAssessors),
    scoresDueOn: dateParts(fund.scoresDueOn),
    moderationThreshold: String(fund.moderationThreshold),
    costCentre: fund.costCentre,
    accountCode: fund.accountCode,
    published: fund.published,
    priorityIds: fund.priorities.map((p) => p.id),
    criteria: fund.criteria.map((c) => ({
      title: c.title,
      description: c.description,
      weight: String(c.weight),
      guidance: [...c.guidance],
    })),
    conditions: fund.standardConditions
      .filter((c) => !c.beforeFirstPayment)
      .map((c) => c.text)
      .join('\n'),
    conditionsBeforePayment: fund.standardConditions
      .filter((c) => c.beforeFirstPayment)
      .map((c) => c.text)
      .join('\n'),
  };
}

const pounds = (value: string) =>
  text(value) === undefined ? undefined : (parsePounds(value) ?? Number.NaN);

/**
 * Set up a fund, or change one (`fund` given): its money, dates, priorities and the criteria
 * assessors score. Once bids have been sent the cap, criteria and weights are locked.
 */
export function FundForm({ fund, priorities }: { fund?: Fund | undefined; priorities: readonly Priority[] }) {
  const navigate = useNavigate();
  const save = useSaveFund(fund?.id);
  const form = useForm<FundFormValues, unknown, z.output<typeof FundBody>>({
    defaultValues: toForm(fund),
    resolver: sharedResolver(
      // Changing a fund: a new pot needs a reason, in the words the API refuses it with.
      () =>
        FundBody.superRefine((body, ctx) => {
          const problem = fund && potChangeReasonProblem(fund.potPence, body.potPence, body.potChangeReason);
          if (problem) ctx.addIssue({ code: 'custom', path: ['potChangeReason'], message: problem });
        }),
      (v) => ({
        name: text(v.name),
        code: text(v.code),
        description: text(v.description),
        potPence: pounds(v.pot),
        ...(fund && text(v.potChangeReason) ? { potChangeReason: v.potChangeReason } : {}),
        capPence: pounds(v.cap),
        opensAt: instant(v.opensOn, v.opensTime),
        closesAt: instant(v.closesOn, v.closesTime),
        deliveryStartsOn: isoDate(v.deliveryStartsOn),
        deliveryEndsOn: isoDate(v.deliveryEndsOn),
        minAssessors: wholeNumber(v.minAssessors),
        scoresDueOn: isoDate(v.scoresDueOn),
        moderationThreshold: wholeNumber(v.moderationThreshold),
        costCentre: v.costCentre,
        accountCode: v.accountCode,
        published: v.published === true || v.published === 'yes',
        priorityIds: Array.isArray(v.priorityIds)
          ? v.priorityIds
          : typeof v.priorityIds === 'string'
            ? [v.priorityIds]
            : [],
        criteria: v.criteria.map((c) => ({
          title: text(c.title),
          description: text(c.description),
          weight: wholeNumber(c.weight),
          guidance: c.guidance,
        })),
        standardConditions: [
          ...lines(v.conditions).map((line) => ({ text: line, beforeFirstPayment: false })),
          ...lines(v.conditionsBeforePayment).map((line) => ({ text: line, beforeFirstPayment: true })),
        ],
      }),
      (path) =>
        path
          .replace(/^potPence$/, 'pot')
          .replace(/^capPence$/, 'cap')
          .replace(/^opensAt$/, 'opensOn')
          .replace(/^closesAt$/, 'closesOn')
          .replace(/^standardConditions(\..*)?$/, 'conditions'),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS, (path) =>
    /^(opensOn|closesOn|deliveryStartsOn|deliveryEndsOn|scoresDueOn)$/.test(path)
      ? `${path}-day`
      : path.replaceAll('.', '-'),
  );
  const locked = fund?.rulesLocked ?? false;
  const potTyped = parsePounds(form.watch('pot') ?? '');
  const potChanged = fund !== undefined && (potTyped === null || potTyped !== fund.potPence);
  const error = (path: string) => {
    let node: unknown = errors;
    for (const part of path.split('.'))
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined;
    return typeof message === 'string' ? message : undefined;
  };

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const saved = await save.mutateAsync(body);
      navigate(`/funds/${saved.id}`);
    } catch (e) {
      applyServerErrors(e, form.setError, [...FIELDS, 'potPence', 'capPence']);
    }
  });

  const title = fund ? `Change ${fund.name}` : 'Set up a fund';
  return (
    <Page
      title={title}
      hasError={items.length > 0}
      before={<BackLink to={fund ? `/funds/${fund.id}` : '/funds'}>Back</BackLink>}
    >
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">{title}</h1>
      {locked && (
        <InsetText>
          Bids have been sent to this fund, so its largest grant and its criteria and weights can no longer
          change.
        </InsetText>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Name of the fund"
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextInput
          id="code"
          label="Short code"
          hint="2 to 6 letters, used in bid references, like PCF"
          width="5"
          error={errors.code?.message}
          {...form.register('code')}
        />
        <Textarea
          id="description"
          label="Description"
          hint="Shown to groups"
          error={errors.description?.message}
          {...form.register('description')}
        />
        <TextInput
          id="pot"
          label="Total to award (the pot)"
          prefix="£"
          width="10"
          inputMode="decimal"
          error={errors.pot?.message ?? error('potPence')}
          {...form.register('pot')}
        />
        {fund && potChanged && (
          <Textarea
            id="potChangeReason"
            label="Why is the pot changing?"
            hint={`It is ${formatPence(fund.potPence)} now. Your reason is kept in the audit trail with the old and new amounts.`}
            rows={3}
            error={errors.potChangeReason?.message}
            {...form.register('potChangeReason')}
          />
        )}
        <TextInput
          id="cap"
          label="Largest grant (the cap)"
          prefix="£"
          width="10"
          inputMode="decimal"
          readOnly={locked}
          error={errors.cap?.message ?? error('capPence')}
          {...form.register('cap')}
        />
        <DateInput
          id="opensOn"
          legend="Bids open on"
          error={errors.opensOn?.message}
          fields={dateFields(form.register, 'opensOn')}
        />
        <TextInput
          id="opensTime"
          label="Opening time (London)"
          hint="24-hour clock, like 09:00"
          width="5"
          {...form.register('opensTime')}
        />
        <DateInput
          id="closesOn"
          legend="Bids close on"
          error={errors.closesOn?.message}
          fields={dateFields(form.register, 'closesOn')}
        />
        <TextInput
          id="closesTime"
          label="Closing time (London)"
          hint="24-hour clock, like 17:00"
          width="5"
          {...form.register('closesTime')}
        />
        <DateInput
          id="deliveryStartsOn"
          legend="Projects may start from"
          error={errors.deliveryStartsOn?.message}
          fields={dateFields(form.register, 'deliveryStartsOn')}
        />
        <DateInput
          id="deliveryEndsOn"
          legend="Projects must finish by"
          error={errors.deliveryEndsOn?.message}
          fields={dateFields(form.register, 'deliveryEndsOn')}
        />
        <TextInput
          id="minAssessors"
          label="Assessors for each bid"
          width="2"
          inputMode="numeric"
          error={errors.minAssessors?.message}
          {...form.register('minAssessors')}
        />
        <DateInput
          id="scoresDueOn"
          legend="Scores due by (optional)"
          hint="Assessors see this date, and their bids due soonest come first. For example, 27 3 2027"
          error={errors.scoresDueOn?.message}
          fields={dateFields(form.register, 'scoresDueOn')}
        />
        <TextInput
          id="moderationThreshold"
          label="Moderation threshold"
          hint="Flag a bid when assessors’ scores for a criterion differ by more than this"
          width="2"
          inputMode="numeric"
          error={errors.moderationThreshold?.message}
          {...form.register('moderationThreshold')}
        />
        <TextInput
          id="costCentre"
          label="Cost centre (optional)"
          hint="Where the council’s finance system books this fund’s payments"
          width="10"
          spellCheck={false}
          error={errors.costCentre?.message}
          {...form.register('costCentre')}
        />
        <TextInput
          id="accountCode"
          label="Account code (optional)"
          width="10"
          spellCheck={false}
          error={errors.accountCode?.message}
          {...form.register('accountCode')}
        />
        <Checkboxes
          id="priorityIds"
          legend="Priorities of the fund"
          legendSize="s"
          error={error('priorityIds')}
          options={priorities.map((p) => ({ value: p.id, text: p.name }))}
          {...form.register('priorityIds')}
        />
        <h2 className="govuk-heading-m">Criteria</h2>
        <p className="govuk-body">What assessors score, from 0 to 5. The weights must add up to 100.</p>
        <CriteriaFields form={form} locked={locked} error={error} />
        <h2 className="govuk-heading-m">Standard conditions</h2>
        <p className="govuk-body">
          Every grant from the fund carries these. Officers may add others to one grant’s offer.
        </p>
        <Textarea
          id="conditions"
          label="Conditions of every grant"
          hint="One a line, like: Keep receipts for six years"
          rows={5}
          error={errors.conditions?.message}
          {...form.register('conditions')}
        />
        <Textarea
          id="conditionsBeforePayment"
          label="Conditions to meet before the first payment"
          hint="One a line, like: Upload your safeguarding policy. An officer ticks each one when it is met."
          rows={3}
          {...form.register('conditionsBeforePayment')}
        />
        <Checkboxes
          id="published"
          legend={<span className="govuk-visually-hidden">Publish</span>}
          options={[
            {
              value: 'yes',
              text: 'Publish the fund, so groups can see it',
              hint: 'Leave unticked while you set it up',
            },
          ]}
          {...form.register('published')}
        />
        <Button disabled={isSubmitting}>Save fund</Button>
      </form>
    </Page>
  );
}
