import {
  BankAccountFull,
  BankAccountIdParams,
  BankAccountList,
  BankAccountView,
  BankCheckBody,
  BankDetailsBody,
  CurrentBankAccount,
  EndEarlyBody,
  ErrorEnvelope,
  FundGrantMoneyList,
  FundIdParams,
  GrantIdParams,
  GrantMoneyView,
  LedgerQuery,
  MoneyReturnBody,
  OrganisationIdParams,
  Payment,
  PaymentIdParams,
  PaymentList,
  PaymentPaidBody,
  PaymentRejectBody,
  PaymentRequestBody,
  PaymentReverseBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../lib/errors.js';
import {
  approvePayment,
  bankAccountForCheck,
  bankDetailsToCheck,
  changeBankDetails,
  checkBankDetails,
  currentBankDetails,
  endGrantEarly,
  fullBankDetails,
  fundGrantsMoney,
  fundPayments,
  grantMoney,
  paymentsCsv,
  paymentsToApprove,
  recordPaid,
  recordReturn,
  rejectPayment,
  requestPayment,
  reversePayment,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** The Idempotency-Key header: a client's own name for one request, so sending it again is safe. */
function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw badRequest('The Idempotency-Key header must be 1 to 200 visible characters', {
      'Idempotency-Key': 'Use 1 to 200 visible characters',
    });
  }
  return key;
}

const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  // ─── Bank details ───
  app.get(
    '/api/organisations/:organisationId/bank-account',
    {
      schema: {
        tags: ['payments'],
        summary: 'The group’s current bank details, masked: its members and staff',
        params: OrganisationIdParams,
        response: { 200: CurrentBankAccount, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => ({ account: currentBankDetails(request.ctx, request.params.organisationId) }),
  );

  for (const method of ['PUT', 'POST'] as const) {
    app.route({
      method,
      url: '/api/organisations/:organisationId/bank-account',
      schema: {
        tags: ['payments'],
        summary:
          'Members: give new bank details (kept beside the old; unverified until finance calls the group back)',
        params: OrganisationIdParams,
        body: BankDetailsBody,
        response: { 200: BankAccountView, ...errors },
      },
      handler: async (request) => changeBankDetails(request.ctx, request.params.organisationId, request.body),
    });
  }

  app.get(
    '/api/bank-accounts/to-check',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: new or changed bank details waiting for a call-back check',
        response: { 200: BankAccountList, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => ({ accounts: bankDetailsToCheck(request.ctx) }),
  );

  app.get(
    '/api/bank-accounts/:bankAccountId',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: one set of bank details, masked',
        params: BankAccountIdParams,
        response: { 200: BankAccountView, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => bankAccountForCheck(request.ctx, request.params.bankAccountId),
  );

  app.post(
    '/api/bank-accounts/:bankAccountId/full',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: show the full bank details (recorded in the audit trail)',
        params: BankAccountIdParams,
        response: { 200: BankAccountFull, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => fullBankDetails(request.ctx, request.params.bankAccountId),
  );

  app.post(
    '/api/bank-accounts/:bankAccountId/check',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Finance: record the call-back check of new bank details (never by the person who recorded them)',
        params: BankAccountIdParams,
        body: BankCheckBody,
        response: { 200: BankAccountView, ...errors },
      },
    },
    async (request) => checkBankDetails(request.ctx, request.params.bankAccountId, request.body),
  );

  // ─── A grant's money ───
  app.get(
    '/api/grants/:grantId/money',
    {
      schema: {
        tags: ['payments'],
        summary: 'Officers and finance: a grant’s payments, returned money and bank details (masked)',
        params: GrantIdParams,
        response: { 200: GrantMoneyView, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => grantMoney(request.ctx, request.params.grantId),
  );

  app.post(
    '/api/grants/:grantId/payments',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Officers: ask for a payment on an accepted grant. Send an Idempotency-Key header to make sending it again safe.',
        params: GrantIdParams,
        headers: z.object({ 'idempotency-key': z.string().optional() }).loose(),
        body: PaymentRequestBody,
        response: { 201: Payment, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          requestPayment(
            request.ctx,
            request.params.grantId,
            request.body,
            idempotencyKeyOf(request.headers['idempotency-key']),
          ),
        ),
  );

  app.post(
    '/api/grants/:grantId/returns',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance and officers: record money the group paid back (it goes back to the pot)',
        params: GrantIdParams,
        body: MoneyReturnBody,
        response: { 200: GrantMoneyView, ...errors },
      },
    },
    async (request) => recordReturn(request.ctx, request.params.grantId, request.body),
  );

  app.post(
    '/api/grants/:grantId/end-early',
    {
      schema: {
        tags: ['payments'],
        summary: 'Officers: end a grant early, recording why and what the group still owes back',
        params: GrantIdParams,
        body: EndEarlyBody,
        response: { 200: GrantMoneyView, ...errors },
      },
    },
    async (request) => endGrantEarly(request.ctx, request.params.grantId, request.body),
  );

  // ─── Payments ───
  app.get(
    '/api/payments/waiting',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: payments waiting for approval, with who asked',
        response: { 200: PaymentList, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => ({ payments: paymentsToApprove(request.ctx) }),
  );

  app.post(
    '/api/payments/:paymentId/approve',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: approve a payment someone else asked for',
        params: PaymentIdParams,
        response: { 200: Payment, ...errors },
      },
    },
    async (request) => approvePayment(request.ctx, request.params.paymentId),
  );

  app.post(
    '/api/payments/:paymentId/reject',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: reject a payment before it is paid, with a reason',
        params: PaymentIdParams,
        body: PaymentRejectBody,
        response: { 200: Payment, ...errors },
      },
    },
    async (request) => rejectPayment(request.ctx, request.params.paymentId, request.body),
  );

  app.post(
    '/api/payments/:paymentId/paid',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Finance: record an approved payment as paid, with the date and the finance system’s reference',
        params: PaymentIdParams,
        body: PaymentPaidBody,
        response: { 200: Payment, ...errors },
      },
    },
    async (request) => recordPaid(request.ctx, request.params.paymentId, request.body),
  );

  app.post(
    '/api/payments/:paymentId/reverse',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance: correct a paid payment with a reversing entry (the payment itself never changes)',
        params: PaymentIdParams,
        body: PaymentReverseBody,
        response: { 201: Payment, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(reversePayment(request.ctx, request.params.paymentId, request.body)),
  );

  // ─── The fund's ledger ───
  app.get(
    '/api/funds/:fundId/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Finance and officers: the fund’s payments, by status and dates',
        params: FundIdParams,
        querystring: LedgerQuery,
        response: {
          200: PaymentList,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request) => ({ payments: fundPayments(request.ctx, request.params.fundId, request.query) }),
  );

  app.get(
    '/api/funds/:fundId/grants-money',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Finance and officers: the fund’s grants, with what each has been awarded, paid and returned',
        params: FundIdParams,
        response: { 200: FundGrantMoneyList, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => ({ grants: fundGrantsMoney(request.ctx, request.params.fundId) }),
  );

  app.get(
    '/api/funds/:fundId/payments.csv',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Finance and officers: the payments ledger for the council’s finance system (date, payee, amount, reference, cost centre, account code)',
        params: FundIdParams,
        querystring: LedgerQuery.pick({ from: true, to: true }),
        response: {
          200: z.string(),
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { filename, stream } = paymentsCsv(request.ctx, request.params.fundId, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(stream as unknown as string);
    },
  );
};

export default paymentRoutes;
