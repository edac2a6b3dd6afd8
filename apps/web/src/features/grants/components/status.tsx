import { type GrantSummary, OFFER_STATE_LABELS, type OfferState } from '@cf/shared';
import { Tag, type TagColour } from '../../../components/ui/content';

const COLOURS: Record<OfferState, TagColour> = {
  draft: 'grey',
  issued: 'blue',
  accepted: 'green',
  declined: 'orange',
  ended: 'red',
  completed: 'turquoise',
};

/** Where a grant's offer stands, and "Offer overdue" when the group has let its deadline pass. */
export function OfferStateTag({ grant }: { grant: Pick<GrantSummary, 'offerState' | 'overdue'> }) {
  if (grant.overdue) return <Tag colour="red">Offer overdue</Tag>;
  return <Tag colour={COLOURS[grant.offerState]}>{OFFER_STATE_LABELS[grant.offerState]}</Tag>;
}
