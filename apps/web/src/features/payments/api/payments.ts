import {
  BankAccountFull,
  type BankAccountList,
  BankAccountList as BankAccountListSchema,
  BankAccountView,
  type BankCheckBody,
  type BankDetailsBody,
  CurrentBankAccount,
  type EndEarlyBody,
  FundGrantMoneyList,
  GrantMoneyView,
  LedgerQuery,
  type MoneyReturnBody,
  Payment,
  PaymentList,
  type PaymentRequestBody,
} from '@cf/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const paymentKeys = {
  all: ['payments'] as const,
  grant: (grantId: string) => [...paymentKeys.all, 'grant', grantId] as const,
  waiting: () => [...paymentKeys.all, 'waiting'] as const,
  fundGrants: (fundId: string) => [...paymentKeys.all, 'fund-grants', fundId] as const,
  ledger: (fundId: string, query: LedgerQuery) => [...paymentKeys.all, 'ledger', fundId, query] as const,
  bank: (organisationId: string) => [...paymentKeys.all, 'bank', organisationId] as const,
  bankAccount: (id: string) => [...paymentKeys.all, 'bank-account', id] as const,
  toCheck: () => [...paymentKeys.all, 'bank-to-check'] as const,
};

export const grantMoneyQueryOptions = (grantId: string) =>
  queryOptions({
    queryKey: paymentKeys.grant(grantId),
    queryFn: ({ signal }) => api(`/api/grants/${grantId}/money`, { schema: GrantMoneyView, signal }),
  });

export const paymentsWaitingQueryOptions = () =>
  queryOptions({
    queryKey: paymentKeys.waiting(),
    queryFn: ({ signal }) => api('/api/payments/waiting', { schema: PaymentList, signal }),
  });

/**
 * The ledger's filters from the page's address, read leniently: a filter that is not valid is left
 * out, and said so (the list still shows, unfiltered by it).
 */
export function filtersOf(params: URLSearchParams): { query: LedgerQuery; problems: string[] } {
  const query: LedgerQuery = {};
  const problems: string[] = [];
  for (const key of ['status', 'from', 'to'] as const) {
    const value = params.get(key);
    if (!value) continue;
    const parsed = LedgerQuery.shape[key].safeParse(value);
    if (parsed.success && parsed.data) Object.assign(query, { [key]: parsed.data });
    else problems.push(key === 'status' ? 'Choose a status from the list' : 'Enter dates like 2019-07-31');
  }
  return { query, problems };
}

/** The ledger's filters as a query string (also for the CSV link). */
export function ledgerSearch(query: LedgerQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const ledgerQueryOptions = (fundId: string, query: LedgerQuery) =>
  queryOptions({
    queryKey: paymentKeys.ledger(fundId, query),
    queryFn: ({ signal }) =>
      api(`/api/funds/${fundId}/payments${ledgerSearch(query)}`, { schema: PaymentList, signal }),
  });

export const fundGrantsMoneyQueryOptions = (fundId: string) =>
  queryOptions({
    queryKey: paymentKeys.fundGrants(fundId),
    queryFn: ({ signal }) => api(`/api/funds/${fundId}/grants-money`, { schema: FundGrantMoneyList, signal }),
  });

export const bankDetailsQueryOptions = (organisationId: string) =>
  queryOptions({
    queryKey: paymentKeys.bank(organisationId),
    queryFn: ({ signal }) =>
      api(`/api/organisations/${organisationId}/bank-account`, { schema: CurrentBankAccount, signal }),
  });

export const bankAccountQueryOptions = (id: string) =>
  queryOptions({
    queryKey: paymentKeys.bankAccount(id),
    queryFn: ({ signal }) => api(`/api/bank-accounts/${id}`, { schema: BankAccountView, signal }),
  });

export const bankToCheckQueryOptions = () =>
  queryOptions({
    queryKey: paymentKeys.toCheck(),
    queryFn: ({ signal }): Promise<BankAccountList> =>
      api('/api/bank-accounts/to-check', { schema: BankAccountListSchema, signal }),
  });

/** Every change to money refreshes every money view: they are few and small. */
function useMoneyMutation<TBody, TResult>(call: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: paymentKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['funds'] });
    },
  });
}

export function useGiveBankDetails(organisationId: string) {
  return useMoneyMutation((body: BankDetailsBody) =>
    api(`/api/organisations/${organisationId}/bank-account`, {
      method: 'PUT',
      body,
      schema: BankAccountView,
    }),
  );
}

export function useCheckBankDetails(id: string) {
  return useMoneyMutation((body: BankCheckBody) =>
    api(`/api/bank-accounts/${id}/check`, { method: 'POST', body, schema: BankAccountView }),
  );
}

export function useShowFullDetails(id: string) {
  return useMutation({
    mutationFn: () => api(`/api/bank-accounts/${id}/full`, { method: 'POST', schema: BankAccountFull }),
  });
}

export function useRequestPayment(grantId: string) {
  return useMoneyMutation(({ body, key }: { body: PaymentRequestBody; key: string }) =>
    api(`/api/grants/${grantId}/payments`, {
      method: 'POST',
      body,
      schema: Payment,
      headers: { 'idempotency-key': key },
    }),
  );
}

export function usePaymentMove() {
  return useMoneyMutation(
    ({
      paymentId,
      move,
      body,
    }: {
      paymentId: string;
      move: 'approve' | 'reject' | 'paid' | 'reverse';
      body?: unknown;
    }) => api(`/api/payments/${paymentId}/${move}`, { method: 'POST', body, schema: Payment }),
  );
}

export function useRecordReturn(grantId: string) {
  return useMoneyMutation((body: MoneyReturnBody) =>
    api(`/api/grants/${grantId}/returns`, { method: 'POST', body, schema: GrantMoneyView }),
  );
}

export function useEndEarly(grantId: string) {
  return useMoneyMutation((body: EndEarlyBody) =>
    api(`/api/grants/${grantId}/end-early`, { method: 'POST', body, schema: GrantMoneyView }),
  );
}
