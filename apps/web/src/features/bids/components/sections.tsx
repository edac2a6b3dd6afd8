import {
  BUDGET_CATEGORIES,
  type BudgetCategoryKey,
  budgetTotalPence,
  formatPence,
  parsePounds,
  penceToPoundsInput,
  type SectionKey,
} from '@cf/shared';
import { type FieldValues, useFieldArray, useWatch } from 'react-hook-form';
import { Button } from '../../../components/ui/button';
import { InsetText } from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { Checkboxes, Radios, Select, TextInput } from '../../../components/ui/form';
import { WordCountTextarea } from '../../../components/ui/word-count';
import { type DateParts, dateParts, emptyDate, isoDate, text, wholeNumber } from '../../../lib/resolver';
import type { SectionContext, SectionFormApi, SectionFormSpec } from './section-form';

// ─── helpers ────────────────────────────────────────────────────────────────────────────────
// Saved data is typed by the section's schema, but a draft saved before a change may hold
// anything: the readers below still check what they find.

/** A saved text or number as an input's text; anything else is blank. */
const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const list = <T,>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);
const row = <T extends object>(value: T | undefined): Partial<T> =>
  value && typeof value === 'object' ? value : {};
/** Checkbox groups give an array, a single value or false. */
const asArray = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];
/** Drops the keys whose value is undefined: "not answered" (which reads as undefined all the same). */
function defined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
const isBlankRow = (r: Record<string, unknown>) =>
  Object.values(r).every(
    (v) =>
      v === undefined ||
      v === '' ||
      v === false ||
      (typeof v === 'object' && v !== null && Object.values(v).every((x) => x === '')),
  );

function Words<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  max,
}: {
  form: SectionFormApi<T>;
  name: string;
  label: string;
  hint?: string;
  max: number;
}) {
  const value =
    (useWatch({ control: form.control, name: name as never }) as unknown as string | undefined) ?? '';
  const error = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
  return (
    <WordCountTextarea
      id={name}
      label={label}
      maxWords={max}
      value={value}
      error={error}
      {...(hint ? { hint } : {})}
      {...form.register(name as never)}
    />
  );
}

function fieldError<T extends FieldValues>(form: SectionFormApi<T>, path: string): string | undefined {
  let node: unknown = form.formState.errors;
  for (const part of path.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

// ─── sections ───────────────────────────────────────────────────────────────────────────────

interface AboutForm extends FieldValues {
  title: string;
  summary: string;
  description: string;
}
const about: SectionFormSpec<'about', AboutForm> = {
  key: 'about',
  fields: ['title', 'summary', 'description'],
  toForm: (d) => ({ title: str(d?.title), summary: str(d?.summary), description: str(d?.description) }),
  toApi: (v) => defined({ title: text(v.title), summary: text(v.summary), description: text(v.description) }),
  render: (form) => (
    <>
      <TextInput
        id="title"
        label="Project title"
        labelSize="s"
        hint="Up to 140 characters. For example, Cook and Share"
        error={form.formState.errors.title?.message}
        {...form.register('title')}
      />
      <Words
        form={form}
        name="summary"
        label="Summary"
        hint="Say in a sentence or two what your project will do"
        max={50}
      />
      <Words
        form={form}
        name="description"
        label="Describe your project"
        hint="What will happen, where, how often, and who will run it"
        max={500}
      />
    </>
  ),
};

interface BeneficiariesForm extends FieldValues {
  wardIds: string[] | string | false;
  communities: string;
}
const beneficiaries: SectionFormSpec<'beneficiaries', BeneficiariesForm> = {
  key: 'beneficiaries',
  fields: ['wardIds', 'communities'],
  toForm: (d) => ({
    wardIds: asArray(d?.wardIds),
    communities: str(d?.communities),
  }),
  toApi: (v) => {
    const wardIds = asArray(v.wardIds);
    return defined({
      wardIds: wardIds.length > 0 ? wardIds : undefined,
      communities: text(v.communities),
    });
  },
  // How many people will take part is asked once, in Outcomes.
  render: (form, { reference }) => (
    <>
      <Checkboxes
        id="wardIds"
        legend="Which wards will your project work in?"
        legendSize="s"
        hint="Select each ward your project works in. If it works across all of Peterborough, select City-wide on its own."
        small
        error={fieldError(form, 'wardIds')}
        options={reference.wards.map((w) => ({ value: w.id, text: w.name }))}
        {...form.register('wardIds')}
      />
      <Words
        form={form}
        name="communities"
        label="Which communities will your project bring together?"
        hint="For example, long-standing residents and new arrivals from Eastern Europe"
        max={150}
      />
    </>
  ),
};

interface PrioritiesForm extends FieldValues {
  mainPriorityId: string;
  otherPriorityIds: string[] | string | false;
}
const priorities: SectionFormSpec<'priorities', PrioritiesForm> = {
  key: 'priorities',
  fields: ['mainPriorityId', 'otherPriorityIds'],
  toForm: (d) => ({
    mainPriorityId: str(d?.mainPriorityId),
    otherPriorityIds: asArray(d?.otherPriorityIds),
  }),
  toApi: (v) =>
    defined({
      mainPriorityId: text(v.mainPriorityId ?? undefined),
      otherPriorityIds: asArray(v.otherPriorityIds),
    }),
  render: (form, { fund }) => (
    <>
      <Radios
        id="mainPriorityId"
        legend="What is the main priority of your project?"
        legendSize="s"
        error={form.formState.errors.mainPriorityId?.message}
        options={fund.priorities.map((p) => ({ value: p.id, text: p.name, hint: p.description }))}
        {...form.register('mainPriorityId')}
      />
      <Checkboxes
        id="otherPriorityIds"
        legend="Does it help with any other priorities? (optional)"
        legendSize="s"
        hint="Select all that apply"
        error={fieldError(form, 'otherPriorityIds')}
        options={fund.priorities.map((p) => ({ value: p.id, text: p.name }))}
        {...form.register('otherPriorityIds')}
      />
    </>
  ),
};

interface HowForm extends FieldValues {
  how: string;
}
const bringingTogether: SectionFormSpec<'bringing_together', HowForm> = {
  key: 'bringing_together',
  fields: ['how'],
  toForm: (d) => ({ how: str(d?.how) }),
  toApi: (v) => defined({ how: text(v.how) }),
  intro: (
    <p className="govuk-body">
      This counts for 30% of your score: it matters most. Tell us who will meet, how often, and what they will
      do together.
    </p>
  ),
  render: (form) => (
    <Words
      form={form}
      name="how"
      label="How will your project bring people from different backgrounds together?"
      max={300}
    />
  ),
};

interface EvidenceForm extends FieldValues {
  evidence: string;
  needIds: string[] | string | false;
}
const evidence: SectionFormSpec<'evidence', EvidenceForm> = {
  key: 'evidence',
  fields: ['evidence', 'needIds'],
  toForm: (d) => ({ evidence: str(d?.evidence), needIds: asArray(d?.needIds) }),
  toApi: (v) => defined({ evidence: text(v.evidence), needIds: asArray(v.needIds) }),
  render: (form, { needs }) => (
    <>
      <Words
        form={form}
        name="evidence"
        label="How do you know your project is needed?"
        hint="For example, what local people told you, surveys, or waiting lists"
        max={300}
      />
      {needs.length > 0 && (
        <Checkboxes
          id="needIds"
          legend="Does your project meet a need in the council’s project bank? (optional)"
          legendSize="s"
          hint="These are needs that local people told the council about. Select any your project meets."
          small
          error={fieldError(form, 'needIds')}
          options={needs.map((n) => ({
            value: n.id,
            text: n.title,
            hint: `${n.wardName}: ${n.description}`,
          }))}
          {...form.register('needIds')}
        />
      )}
    </>
  ),
};

interface TimetableForm extends FieldValues {
  startDate: DateParts;
  endDate: DateParts;
  milestones: { date: DateParts; description: string }[];
}
function TimetableFields({
  form,
  context,
}: {
  form: SectionFormApi<TimetableForm>;
  context: SectionContext;
}) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'milestones' });
  const { fund } = context;
  return (
    <>
      <InsetText>
        Your project must run between{' '}
        {new Date(`${fund.deliveryStartsOn}T12:00:00Z`).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        })}{' '}
        and{' '}
        {new Date(`${fund.deliveryEndsOn}T12:00:00Z`).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        })}
        .
      </InsetText>
      <DateInput
        id="startDate"
        legend="When will your project start?"
        error={fieldError(form, 'startDate')}
        fields={dateFields(form.register, 'startDate')}
      />
      <DateInput
        id="endDate"
        legend="When will it finish?"
        error={fieldError(form, 'endDate')}
        fields={dateFields(form.register, 'endDate')}
      />
      <h2 className="govuk-heading-m">Milestones</h2>
      <p className="govuk-body" id="milestones">
        The main steps of your project, such as the first session or an event.
      </p>
      {fieldError(form, 'milestones') && (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {fieldError(form, 'milestones')}
        </p>
      )}
      {fields.map((field, index) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Milestone {index + 1}</legend>
          <DateInput
            id={`milestones-${index}-date`}
            legend="Date"
            error={fieldError(form, `milestones.${index}.date`)}
            fields={dateFields(form.register, `milestones.${index}.date`)}
          />
          <TextInput
            id={`milestones-${index}-description`}
            label="What will happen"
            error={fieldError(form, `milestones.${index}.description`)}
            {...form.register(`milestones.${index}.description`)}
          />
          {fields.length > 1 && (
            <Button type="button" variant="secondary" onClick={() => remove(index)}>
              Remove<span className="govuk-visually-hidden"> milestone {index + 1}</span>
            </Button>
          )}
        </fieldset>
      ))}
      {fields.length < 12 && (
        <Button
          type="button"
          variant="secondary"
          onClick={() => append({ date: emptyDate, description: '' })}
        >
          Add another milestone
        </Button>
      )}
    </>
  );
}
const timetable: SectionFormSpec<'timetable', TimetableForm> = {
  key: 'timetable',
  fields: ['startDate', 'endDate', 'milestones'],
  idFor: (path) =>
    /(^|\.)(startDate|endDate|date)$/.test(path)
      ? `${path.replaceAll('.', '-')}-day`
      : path.replaceAll('.', '-'),
  toForm: (d) => {
    const milestones = list(d?.milestones).map((m) => ({
      date: dateParts(row(m).date),
      description: str(row(m).description),
    }));
    return {
      startDate: dateParts(d?.startDate),
      endDate: dateParts(d?.endDate),
      milestones: milestones.length > 0 ? milestones : [{ date: emptyDate, description: '' }],
    };
  },
  toApi: (v) =>
    defined({
      startDate: isoDate(v.startDate),
      endDate: isoDate(v.endDate),
      milestones: v.milestones
        .filter((m) => !isBlankRow(m as never))
        .map((m) => defined({ date: isoDate(m.date), description: text(m.description) })),
    }),
  render: (form, context) => <TimetableFields form={form} context={context} />,
};

interface BudgetForm extends FieldValues {
  lines: { item: string; category: string; cost: string }[];
  otherFunding: { source: string; amount: string; secured: string }[];
}
function BudgetFields({ form, context }: { form: SectionFormApi<BudgetForm>; context: SectionContext }) {
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  const other = useFieldArray({ control: form.control, name: 'otherFunding' });
  const watched = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const total = budgetTotalPence({
    lines: watched.map((l) => ({ costPence: parsePounds(l?.cost ?? '') ?? 0 })),
  });
  const cap = context.fund.capPence;
  const over = total > cap;
  return (
    <>
      <h2 className="govuk-heading-m">What the money is for</h2>
      {fieldError(form, 'lines') && (
        <p className="govuk-error-message" id="lines">
          <span className="govuk-visually-hidden">Error:</span> {fieldError(form, 'lines')}
        </p>
      )}
      {lines.fields.map((field, index) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Budget line {index + 1}
          </legend>
          <TextInput
            id={`lines-${index}-item`}
            label="What it is for"
            error={fieldError(form, `lines.${index}.item`)}
            {...form.register(`lines.${index}.item`)}
          />
          <Select
            id={`lines-${index}-category`}
            label="Category"
            error={fieldError(form, `lines.${index}.category`)}
            options={[
              { value: '', text: 'Choose a category' },
              ...(Object.entries(BUDGET_CATEGORIES) as [BudgetCategoryKey, string][]).map(
                ([value, label]) => ({ value, text: label }),
              ),
            ]}
            {...form.register(`lines.${index}.category`)}
          />
          <TextInput
            id={`lines-${index}-cost`}
            label="Cost"
            prefix="£"
            width="10"
            inputMode="decimal"
            spellCheck={false}
            error={fieldError(form, `lines.${index}.cost`)}
            {...form.register(`lines.${index}.cost`)}
          />
          {lines.fields.length > 1 && (
            <Button type="button" variant="secondary" onClick={() => lines.remove(index)}>
              Remove<span className="govuk-visually-hidden"> budget line {index + 1}</span>
            </Button>
          )}
        </fieldset>
      ))}
      {lines.fields.length < 30 && (
        <Button
          type="button"
          variant="secondary"
          onClick={() => lines.append({ item: '', category: '', cost: '' })}
        >
          Add another budget line
        </Button>
      )}
      <div className={`govuk-inset-text${over ? ' govuk-form-group--error' : ''}`}>
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
          Total you are asking for: {formatPence(total)}
        </p>
        <p className={`govuk-body govuk-!-margin-bottom-0${over ? ' govuk-error-message' : ''}`}>
          {over
            ? `This is ${formatPence(total - cap)} more than the most you can ask for (${formatPence(cap)}).`
            : `The most you can ask for is ${formatPence(cap)}. You have ${formatPence(cap - total)} left.`}
        </p>
      </div>
      <h2 className="govuk-heading-m">Other funding (optional)</h2>
      <p className="govuk-body">Money from elsewhere for this project, including your own funds.</p>
      {other.fields.map((field, index) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Other funding {index + 1}
          </legend>
          <TextInput
            id={`otherFunding-${index}-source`}
            label="Where it comes from"
            error={fieldError(form, `otherFunding.${index}.source`)}
            {...form.register(`otherFunding.${index}.source`)}
          />
          <TextInput
            id={`otherFunding-${index}-amount`}
            label="Amount"
            prefix="£"
            width="10"
            inputMode="decimal"
            error={fieldError(form, `otherFunding.${index}.amount`)}
            {...form.register(`otherFunding.${index}.amount`)}
          />
          <Radios
            id={`otherFunding-${index}-secured`}
            legend="Do you have this money already?"
            inline
            small
            error={fieldError(form, `otherFunding.${index}.secured`)}
            options={[
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No, we have asked for it' },
            ]}
            {...form.register(`otherFunding.${index}.secured`)}
          />
          <Button type="button" variant="secondary" onClick={() => other.remove(index)}>
            Remove<span className="govuk-visually-hidden"> other funding {index + 1}</span>
          </Button>
        </fieldset>
      ))}
      {other.fields.length < 10 && (
        <Button
          type="button"
          variant="secondary"
          onClick={() => other.append({ source: '', amount: '', secured: '' })}
        >
          Add other funding
        </Button>
      )}
    </>
  );
}
/** Pounds typed in a box → pence; text that is not an amount becomes NaN, which the schema explains. */
const poundsToPence = (value: string): number | undefined =>
  text(value) === undefined ? undefined : (parsePounds(value) ?? Number.NaN);
const budget: SectionFormSpec<'budget', BudgetForm> = {
  key: 'budget',
  fields: ['lines', 'otherFunding'],
  toFormPath: (path) => path.replace(/\.costPence$/, '.cost').replace(/\.amountPence$/, '.amount'),
  toForm: (d) => {
    const lines = list(d?.lines).map((l) => {
      const { item, category, costPence } = row(l);
      return {
        item: str(item),
        category: str(category),
        cost: typeof costPence === 'number' ? penceToPoundsInput(costPence) : '',
      };
    });
    return {
      lines: lines.length > 0 ? lines : [{ item: '', category: '', cost: '' }],
      otherFunding: list(d?.otherFunding).map((o) => {
        const { source, amountPence, secured } = row(o);
        return {
          source: str(source),
          amount: typeof amountPence === 'number' ? penceToPoundsInput(amountPence) : '',
          secured: secured === true ? 'yes' : secured === false ? 'no' : '',
        };
      }),
    };
  },
  toApi: (v) =>
    defined({
      lines: v.lines
        .filter((l) => !isBlankRow(l))
        .map((l) =>
          defined({ item: text(l.item), category: text(l.category), costPence: poundsToPence(l.cost) }),
        ),
      otherFunding: v.otherFunding
        .filter((o) => !isBlankRow(o))
        .map((o) =>
          defined({
            source: text(o.source),
            amountPence: poundsToPence(o.amount),
            secured: o.secured === 'yes' ? true : o.secured === 'no' ? false : undefined,
          }),
        ),
    }),
  render: (form, context) => <BudgetFields form={form} context={context} />,
};

interface OutcomesForm extends FieldValues {
  participants: string;
  events: string;
  volunteers: string;
  peopleMeeting: string;
  description: string;
}
const outcomes: SectionFormSpec<'outcomes', OutcomesForm> = {
  key: 'outcomes',
  fields: ['participants', 'events', 'volunteers', 'peopleMeeting', 'description'],
  toForm: (d) => ({
    participants: str(d?.participants),
    events: str(d?.events),
    volunteers: str(d?.volunteers),
    peopleMeeting: str(d?.peopleMeeting),
    description: str(d?.description),
  }),
  toApi: (v) =>
    defined({
      participants: wholeNumber(v.participants),
      events: wholeNumber(v.events),
      volunteers: wholeNumber(v.volunteers),
      peopleMeeting: wholeNumber(v.peopleMeeting),
      description: text(v.description),
    }),
  intro: (
    <p className="govuk-body">These are your targets. If you get a grant, you will report against them.</p>
  ),
  render: (form) => (
    <>
      {(
        [
          ['participants', 'How many people will take part?'],
          ['events', 'How many events or sessions will you run?'],
          ['volunteers', 'How many volunteers will help?'],
          ['peopleMeeting', 'How many people from different backgrounds will meet through the project?'],
        ] as const
      ).map(([name, label]) => (
        <TextInput
          key={name}
          id={name}
          label={label}
          labelSize="s"
          width="5"
          inputMode="numeric"
          error={form.formState.errors[name]?.message}
          {...form.register(name)}
        />
      ))}
      <Words form={form} name="description" label="What will change because of your project?" max={150} />
    </>
  ),
};

interface RisksForm extends FieldValues {
  risks: { risk: string; mitigation: string }[];
}
function RiskFields({ form }: { form: SectionFormApi<RisksForm> }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'risks' });
  return (
    <>
      {fieldError(form, 'risks') && (
        <p className="govuk-error-message" id="risks">
          <span className="govuk-visually-hidden">Error:</span> {fieldError(form, 'risks')}
        </p>
      )}
      {fields.map((field, index) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Risk {index + 1}</legend>
          <TextInput
            id={`risks-${index}-risk`}
            label="What could go wrong"
            error={fieldError(form, `risks.${index}.risk`)}
            {...form.register(`risks.${index}.risk`)}
          />
          <TextInput
            id={`risks-${index}-mitigation`}
            label="What you will do about it"
            error={fieldError(form, `risks.${index}.mitigation`)}
            {...form.register(`risks.${index}.mitigation`)}
          />
          {fields.length > 1 && (
            <Button type="button" variant="secondary" onClick={() => remove(index)}>
              Remove<span className="govuk-visually-hidden"> risk {index + 1}</span>
            </Button>
          )}
        </fieldset>
      ))}
      {fields.length < 10 && (
        <Button type="button" variant="secondary" onClick={() => append({ risk: '', mitigation: '' })}>
          Add another risk
        </Button>
      )}
    </>
  );
}
const risks: SectionFormSpec<'risks', RisksForm> = {
  key: 'risks',
  fields: ['risks'],
  toForm: (d) => {
    const rows = list(d?.risks).map((r) => ({
      risk: str(row(r).risk),
      mitigation: str(row(r).mitigation),
    }));
    return { risks: rows.length > 0 ? rows : [{ risk: '', mitigation: '' }] };
  },
  toApi: (v) =>
    defined({
      risks: v.risks
        .filter((r) => !isBlankRow(r))
        .map((r) => defined({ risk: text(r.risk), mitigation: text(r.mitigation) })),
    }),
  intro: (
    <p className="govuk-body">What could stop your project going to plan, and what you will do about it.</p>
  ),
  render: (form) => <RiskFields form={form} />,
};

interface DeclarationsForm extends FieldValues {
  accurate: boolean | string;
  useForProject: boolean | string;
  monitoring: boolean | string;
  dataProtection: boolean | string;
  name: string;
  position: string;
}
const DECLARATIONS = [
  ['accurate', 'The information in this bid is true, as far as I know.'],
  [
    'useForProject',
    'If we get a grant, we will spend it only on this project, and give back any money we do not spend.',
  ],
  ['monitoring', 'We will report on how the project is going and what it achieved, when the council asks.'],
  ['dataProtection', 'I have read how the council uses the information in this bid (its privacy notice).'],
] as const;
const ticked = (value: boolean | string | undefined) =>
  value === true || value === 'yes' ? true : undefined;
const declarations: SectionFormSpec<'declarations', DeclarationsForm> = {
  key: 'declarations',
  fields: ['accurate', 'useForProject', 'monitoring', 'dataProtection', 'name', 'position'],
  toForm: (d) => ({
    accurate: d?.accurate === true,
    useForProject: d?.useForProject === true,
    monitoring: d?.monitoring === true,
    dataProtection: d?.dataProtection === true,
    name: str(d?.name),
    position: str(d?.position),
  }),
  toApi: (v) =>
    defined({
      accurate: ticked(v.accurate),
      useForProject: ticked(v.useForProject),
      monitoring: ticked(v.monitoring),
      dataProtection: ticked(v.dataProtection),
      name: text(v.name),
      position: text(v.position),
    }),
  intro: <p className="govuk-body">Someone who can speak for your group must agree to these.</p>,
  render: (form) => (
    <>
      {DECLARATIONS.map(([name, label]) => (
        <Checkboxes
          key={name}
          id={name}
          legend={<span className="govuk-visually-hidden">Declaration</span>}
          error={form.formState.errors[name]?.message as string | undefined}
          options={[
            {
              value: 'yes',
              text: label,
              // In a new tab, so nothing typed on this page is lost.
              hint:
                name === 'dataProtection' ? (
                  <a className="govuk-link" href="/privacy" target="_blank" rel="noopener">
                    Read the privacy notice (opens in new tab)
                  </a>
                ) : undefined,
            },
          ]}
          {...form.register(name)}
        />
      ))}
      <TextInput
        id="name"
        label="Your full name"
        autoComplete="name"
        error={form.formState.errors.name?.message}
        {...form.register('name')}
      />
      <TextInput
        id="position"
        label="Your position in the group"
        hint="For example, chair, secretary or treasurer"
        autoComplete="organization-title"
        error={form.formState.errors.position?.message}
        {...form.register('position')}
      />
    </>
  ),
};

interface SectionForms {
  about: AboutForm;
  beneficiaries: BeneficiariesForm;
  priorities: PrioritiesForm;
  bringing_together: HowForm;
  evidence: EvidenceForm;
  timetable: TimetableForm;
  budget: BudgetForm;
  outcomes: OutcomesForm;
  risks: RisksForm;
  declarations: DeclarationsForm;
}

/** Each section's form, typed against that section's schema in @cf/shared. */
const SECTION_SPECS: { [K in SectionKey]: SectionFormSpec<K, SectionForms[K]> } = {
  about,
  beneficiaries,
  priorities,
  bringing_together: bringingTogether,
  evidence,
  timetable,
  budget,
  outcomes,
  risks,
  declarations,
};

/** The form for one section, its types following the key. */
export function sectionSpec<K extends SectionKey>(key: K): SectionFormSpec<K, SectionForms[K]> {
  return SECTION_SPECS[key];
}
