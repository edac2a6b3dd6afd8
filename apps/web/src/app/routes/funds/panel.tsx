import { caseRefOf, isReadyForPanel } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type LoaderFunctionArgs, useParams } from 'react-router';
import { resultsQueryOptions } from '../../../features/assessment/api/assessment';
import { PanelDecisions } from '../../../features/assessment/components/panel-decisions';
import { meQueryOptions } from '../../../features/auth/api/me';
import { fundBudgetQueryOptions, fundQueryOptions } from '../../../features/funds/api/funds';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { can } from '../../../lib/authorization';
import { queryClient } from '../../../lib/query-client';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'panel.decide' });
  const fundId = params.fundId ?? '';
  await Promise.all([
    queryClient.ensureQueryData(resultsQueryOptions(fundId)),
    queryClient.ensureQueryData(fundQueryOptions(fundId)),
    queryClient.ensureQueryData(fundBudgetQueryOptions(fundId)),
    queryClient.ensureQueryData(referenceQueryOptions()),
  ]);
  return null;
}

export function Component() {
  const { fundId = '' } = useParams();
  const { data: results } = useSuspenseQuery(resultsQueryOptions(fundId));
  const { data: fund } = useSuspenseQuery(fundQueryOptions(fundId));
  const { data: budget } = useSuspenseQuery(fundBudgetQueryOptions(fundId));
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const { data: me } = useQuery(meQueryOptions());
  const [done, setDone] = useState<string | null>(null);
  const candidates = results.results.filter((r) => isReadyForPanel(r.status));
  // A fresh form whenever the bids waiting for a decision change (after decisions are recorded).
  return (
    <PanelDecisions
      key={candidates.map((c) => c.bidId).join()}
      fund={fund}
      budget={budget}
      results={results.results}
      wards={reference.wards}
      done={done}
      setDone={setDone}
      mayDecide={(bid) => can(me, { action: 'panel.decide', bid: caseRefOf(fundId, bid) })}
    />
  );
}
