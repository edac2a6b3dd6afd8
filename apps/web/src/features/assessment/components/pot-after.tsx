import { addAwards, type FundBudget, type PotAward, type PotSlice, type Ward } from '@cf/shared';
import { formatPence } from '../../../lib/format';

/** A sum of money, kept on one line wherever the text around it wraps. */
function Money({ pence }: { pence: number }) {
  return <span className="app-nowrap">{formatPence(pence)}</span>;
}

/** One slice of the pot (a priority or a ward): its total once these awards are made, and how. */
function Slice({ name, committed, adding }: { name: string; committed: number; adding: number }) {
  return (
    <div className="app-pot__row">
      <dt className="app-pot__label">{name}</dt>
      <dd className="app-pot__value">
        <strong>
          <Money pence={committed + adding} />
        </strong>{' '}
        <span className="govuk-body-s app-muted">
          (<Money pence={committed} /> now
          {adding > 0 && (
            <>
              {' '}
              + <Money pence={adding} /> this panel
            </>
          )}
          )
        </span>
      </dd>
    </div>
  );
}

/**
 * What the chosen awards would leave in the pot, overall, by priority and by ward — before saving.
 * The figures come from the pot's own rules in @cf/shared, as the API applies them. Laid out as
 * label-over-figure, never in narrow columns, so no word or figure ever breaks, at any width.
 */
export function PotAfter({
  budget,
  awards,
  wards,
}: {
  budget: FundBudget;
  awards: readonly PotAward[];
  wards: readonly Ward[];
}) {
  const after = addAwards(budget, awards);
  const selected = after.committedPence - budget.committedPence;
  const left = after.availablePence;
  const committedIn = (slices: readonly PotSlice[], id: string) =>
    slices.find((s) => s.id === id)?.committedPence ?? 0;
  const byPriority = budget.byPriority.map((p) => ({
    ...p,
    adding: committedIn(after.byPriority, p.id) - p.committedPence,
  }));
  const wardRows = after.byWard
    .map((w) => {
      const committed = committedIn(budget.byWard, w.id);
      return { id: w.id, committed, adding: w.committedPence - committed };
    })
    .filter((w) => w.adding > 0)
    .map((w) => ({ ...w, name: wards.find((r) => r.id === w.id)?.name ?? 'Ward' }));
  return (
    <section aria-labelledby="pot-after" className="app-pot govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="pot-after">
        What these decisions leave in the pot
      </h2>
      <div aria-live="polite">
        <dl className="app-pot__list">
          <div className="app-pot__row">
            <dt className="app-pot__label">Available now</dt>
            <dd className="app-pot__value app-pot__figure">
              <Money pence={budget.availablePence} />
            </dd>
          </div>
          <div className="app-pot__row">
            <dt className="app-pot__label">Awards chosen</dt>
            <dd className="app-pot__value">
              <span className="app-pot__figure">
                <Money pence={selected} />
              </span>{' '}
              to {awards.length} {awards.length === 1 ? 'group' : 'groups'}
            </dd>
          </div>
          <div className="app-pot__row">
            <dt className="app-pot__label">Left after these awards</dt>
            <dd className="app-pot__value">
              {left < 0 ? (
                <strong className="govuk-error-message">
                  <span className="app-pot__figure">
                    <Money pence={left} />
                  </span>{' '}
                  more than the pot holds
                </strong>
              ) : (
                <strong className="app-pot__figure">
                  <Money pence={left} />
                </strong>
              )}
            </dd>
          </div>
        </dl>
      </div>
      <h3 className="govuk-heading-s">By priority</h3>
      <dl className="app-pot__list">
        {byPriority.map((p) => (
          <Slice key={p.id} name={p.name} committed={p.committedPence} adding={p.adding} />
        ))}
      </dl>
      {wardRows.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Wards of the awards chosen</h3>
          <dl className="app-pot__list">
            {wardRows.map((w) => (
              <Slice key={w.id} name={w.name} committed={w.committed} adding={w.adding} />
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
