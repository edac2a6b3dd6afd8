import type { FundBody } from '@cf/shared';
import { type UseFormReturn, useFieldArray } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button';
import { Textarea, TextInput } from '../../../components/ui/form';
import type { CriterionValues, FundFormValues } from './fund-form-values';

export const emptyCriterion = (): CriterionValues => ({
  title: '',
  description: '',
  weight: '',
  guidance: ['', '', '', '', '', ''],
});

/**
 * The criteria assessors score a fund's bids on, each with its weight and what every score from
 * 0 to 5 means. Locked criteria (bids have been sent) can be reworded but not retitled, reweighted,
 * added or removed.
 */
export function CriteriaFields({
  form,
  locked,
  error,
}: {
  form: UseFormReturn<FundFormValues, unknown, z.output<typeof FundBody>>;
  locked: boolean;
  error: (path: string) => string | undefined;
}) {
  const criteria = useFieldArray({ control: form.control, name: 'criteria' });
  return (
    <>
      {error('criteria') && (
        <p className="govuk-error-message" id="criteria">
          <span className="govuk-visually-hidden">Error:</span> {error('criteria')}
        </p>
      )}
      {criteria.fields.map((field, index) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={field.id}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Criterion {index + 1}</legend>
          <TextInput
            id={`criteria-${index}-title`}
            label="What it looks for"
            readOnly={locked}
            error={error(`criteria.${index}.title`)}
            {...form.register(`criteria.${index}.title`)}
          />
          <Textarea
            id={`criteria-${index}-description`}
            label="What it means"
            rows={2}
            error={error(`criteria.${index}.description`)}
            {...form.register(`criteria.${index}.description`)}
          />
          <TextInput
            id={`criteria-${index}-weight`}
            label="Weight (%)"
            width="3"
            inputMode="numeric"
            readOnly={locked}
            error={error(`criteria.${index}.weight`)}
            {...form.register(`criteria.${index}.weight`)}
          />
          {[0, 1, 2, 3, 4, 5].map((score) => (
            <TextInput
              key={score}
              id={`criteria-${index}-guidance-${score}`}
              label={`A score of ${score} means`}
              error={error(`criteria.${index}.guidance.${score}`)}
              {...form.register(`criteria.${index}.guidance.${score}`)}
            />
          ))}
          {!locked && criteria.fields.length > 1 && (
            <Button type="button" variant="secondary" onClick={() => criteria.remove(index)}>
              Remove<span className="govuk-visually-hidden"> criterion {index + 1}</span>
            </Button>
          )}
        </fieldset>
      ))}
      {!locked && criteria.fields.length < 12 && (
        <Button type="button" variant="secondary" onClick={() => criteria.append(emptyCriterion())}>
          Add another criterion
        </Button>
      )}
    </>
  );
}
