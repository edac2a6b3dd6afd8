import { SectionKey } from '@cf/shared';
import { data, type LoaderFunctionArgs, Navigate, useParams } from 'react-router';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { SectionForm } from '../../../features/bids/components/section-form';
import { sectionSpec } from '../../../features/bids/components/sections';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  if (!SectionKey.safeParse(params.section).success) throw data('Not found', { status: 404 });
  await loadBidContext(params.bidId ?? '');
  return null;
}

export function Component() {
  const { bidId = '', section = '' } = useParams();
  const context = useBidContext(bidId);
  const key = SectionKey.parse(section);
  // A sent bid cannot be changed: show it instead.
  if (!context.bid.permissions.edit) return <Navigate to={`/bids/${bidId}`} replace />;
  const title = context.bid.sections.find((s) => s.key === key)?.title ?? 'Section';
  // key= remounts the form when moving between sections, so each starts from its own saved answers.
  return <SectionForm key={key} spec={sectionSpec(key)} context={context} title={title} />;
}
