import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { FundForm } from '../../../features/funds/components/fund-form';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'fund.manage' });
  await queryClient.ensureQueryData(referenceQueryOptions());
  if (params.fundId) await queryClient.ensureQueryData(fundQueryOptions(params.fundId));
  return null;
}

/** /funds/new and /funds/:fundId/edit */
export function Component() {
  const { fundId } = useParams();
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: fund } = useQuery({ ...fundQueryOptions(fundId ?? ''), enabled: Boolean(fundId) });
  return <FundForm fund={fund} priorities={reference.priorities} />;
}
