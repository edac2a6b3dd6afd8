import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-client';
import { useAssign } from '../api/assessment';

/** Give one bid to one more assessor, from those who may take it. */
export function AddAssessor({
  bidId,
  options,
  label,
  onDone,
  onError,
}: {
  bidId: string;
  options: { id: string; name: string }[];
  label: string;
  onDone: (m: string) => void;
  onError: (m: string) => void;
}) {
  const assign = useAssign(bidId);
  const [choice, setChoice] = useState('');
  if (options.length === 0)
    return <span className="govuk-body-s app-muted">No other assessor can take this bid</span>;
  const id = `add-${bidId}`;
  return (
    <div className="govuk-form-group govuk-!-margin-bottom-0">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        Add an assessor<span className="govuk-visually-hidden"> to {label}</span>
      </label>
      <select id={id} className="govuk-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">Choose</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>{' '}
      <Button
        type="button"
        variant="secondary"
        className="govuk-!-margin-bottom-0"
        disabled={!choice || assign.isPending}
        onClick={() =>
          assign.mutate(choice, {
            onSuccess: () =>
              onDone(
                `${options.find((o) => o.id === choice)?.name ?? 'The assessor'} now assesses ${label}.`,
              ),
            onError: (e) => onError(isApiError(e) ? e.message : 'Could not assign'),
          })
        }
      >
        Add<span className="govuk-visually-hidden"> assessor to {label}</span>
      </Button>
    </div>
  );
}
