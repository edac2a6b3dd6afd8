import {
  EndEarlyBody,
  formatPence,
  INSTALMENT_TRIGGER_LABELS,
  InstalmentTrigger,
  MoneyReturnBody,
  PaymentPaidBody,
  PaymentRejectBody,
  PaymentRequestBody,
  PaymentReverseBody,
  parsePounds,
} from '@cf/shared';
import { useRef } from 'react';
import { type FieldValues, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../../components/ui/button';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Textarea, TextInput } from '../../../components/ui/form';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { type DateParts, emptyDate, isoDate, sharedResolver } from '../../../lib/resolver';
import { useEndEarly, usePaymentMove, useRecordReturn, useRequestPayment } from '../api/payments';

/** Pounds typed in a box, as pence for the schema: what is not an amount becomes NaN, which it explains. */
const penceOf = (typed: string): number => parsePounds(typed) ?? Number.NaN;

/** One form's wiring: the shared schema, the API's field messages on the fields, the error summary. */
function useMoneyForm<TForm extends FieldValues, TBody>(
  schema: z.ZodType,
  defaults: TForm,
  toApi: (values: TForm) => unknown,
) {
  return useForm<TForm, unknown, TBody>({
    defaultValues: defaults as never,
    resolver: sharedResolver<TForm, TBody>(() => schema, toApi),
  });
}

interface RequestForm {
  amountPence: string;
  trigger: string;
}

/** An officer asks for a payment; the same click sent twice records one (an Idempotency-Key per form). */
export function RequestPaymentForm({ grantId, leftPence }: { grantId: string; leftPence: number }) {
  const request = useRequestPayment(grantId);
  const key = useRef(crypto.randomUUID());
  const form = useMoneyForm<RequestForm, z.output<typeof PaymentRequestBody>>(
    PaymentRequestBody,
    { amountPence: '', trigger: 'acceptance' },
    (v) => ({ amountPence: penceOf(v.amountPence), trigger: v.trigger }),
  );
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['amountPence', 'trigger']);
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await request.mutateAsync({ body, key: key.current });
      key.current = crypto.randomUUID();
      form.reset();
    } catch (error) {
      applyServerErrors(error, form.setError, ['amountPence', 'trigger']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="request-heading">
      <h2 className="govuk-heading-m" id="request-heading">
        Ask for a payment
      </h2>
      <ErrorSummary errors={items} />
      <TextInput
        id="amountPence"
        label="Amount"
        hint={`Up to ${formatPence(leftPence)} is left to pay on this grant`}
        prefix="£"
        width="10"
        inputMode="decimal"
        spellCheck={false}
        error={errors.amountPence?.message}
        {...form.register('amountPence')}
      />
      <Radios
        id="trigger"
        legend="Which instalment is it?"
        legendSize="s"
        small
        error={errors.trigger?.message}
        options={InstalmentTrigger.options.map((t) => ({ value: t, text: INSTALMENT_TRIGGER_LABELS[t] }))}
        {...form.register('trigger')}
      />
      <Button disabled={isSubmitting}>Ask for the payment</Button>
    </form>
  );
}

interface RejectForm {
  reason: string;
}

export function RejectPaymentForm({ paymentId, onDone }: { paymentId: string; onDone: () => void }) {
  const move = usePaymentMove();
  const form = useMoneyForm<RejectForm, z.output<typeof PaymentRejectBody>>(
    PaymentRejectBody,
    { reason: '' },
    (v) => v,
  );
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await move.mutateAsync({ paymentId, move: 'reject', body });
      onDone();
    } catch (error) {
      applyServerErrors(error, form.setError, ['reason']);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="reject-heading">
      <h2 className="govuk-heading-m" id="reject-heading">
        Reject the payment
      </h2>
      <ErrorSummary errors={errorItems(errors, ['reason'])} />
      <Textarea
        id="reason"
        label="Why is it rejected?"
        labelSize="s"
        hint="The officer who asked for it will see this"
        error={errors.reason?.message}
        {...form.register('reason')}
      />
      <Button variant="warning" disabled={isSubmitting}>
        Reject payment
      </Button>
    </form>
  );
}

interface PaidForm {
  paidOn: DateParts;
  paidReference: string;
}

export function RecordPaidForm({ paymentId, onDone }: { paymentId: string; onDone: () => void }) {
  const move = usePaymentMove();
  const form = useMoneyForm<PaidForm, z.output<typeof PaymentPaidBody>>(
    PaymentPaidBody,
    { paidOn: emptyDate, paidReference: '' },
    (v) => ({ paidOn: isoDate(v.paidOn), paidReference: v.paidReference }),
  );
  const { errors, isSubmitting } = form.formState;
  const fields = ['paidOn', 'paidReference'];
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await move.mutateAsync({ paymentId, move: 'paid', body });
      onDone();
    } catch (error) {
      applyServerErrors(error, form.setError, fields);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="paid-heading">
      <h2 className="govuk-heading-m" id="paid-heading">
        Record the payment as paid
      </h2>
      <ErrorSummary errors={errorItems(errors, fields)} />
      <DateInput
        id="paidOn"
        legend="Date paid"
        error={errors.paidOn?.message}
        fields={dateFields(form.register, 'paidOn')}
      />
      <TextInput
        id="paidReference"
        label="The finance system’s reference"
        width="20"
        spellCheck={false}
        error={errors.paidReference?.message}
        {...form.register('paidReference')}
      />
      <Button disabled={isSubmitting}>Record payment</Button>
    </form>
  );
}

interface ReverseForm {
  reason: string;
  reversedOn: DateParts;
  paidReference: string;
}

export function ReversePaymentForm({ paymentId, onDone }: { paymentId: string; onDone: () => void }) {
  const move = usePaymentMove();
  const form = useMoneyForm<ReverseForm, z.output<typeof PaymentReverseBody>>(
    PaymentReverseBody,
    { reason: '', reversedOn: emptyDate, paidReference: '' },
    (v) => ({ reason: v.reason, reversedOn: isoDate(v.reversedOn), paidReference: v.paidReference }),
  );
  const { errors, isSubmitting } = form.formState;
  const fields = ['reason', 'reversedOn', 'paidReference'];
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await move.mutateAsync({ paymentId, move: 'reverse', body });
      onDone();
    } catch (error) {
      applyServerErrors(error, form.setError, fields);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="reverse-heading">
      <h2 className="govuk-heading-m" id="reverse-heading">
        Reverse the payment
      </h2>
      <p className="govuk-body">
        A paid payment is never changed. A reversing entry, the same amount taken off, is added to the ledger.
      </p>
      <ErrorSummary errors={errorItems(errors, fields)} />
      <Textarea
        id="reason"
        label="Why is it reversed?"
        labelSize="s"
        error={errors.reason?.message}
        {...form.register('reason')}
      />
      <DateInput
        id="reversedOn"
        legend="Date of the reversal"
        error={errors.reversedOn?.message}
        fields={dateFields(form.register, 'reversedOn')}
      />
      <TextInput
        id="paidReference"
        label="The finance system’s reference for the reversal"
        width="20"
        spellCheck={false}
        error={errors.paidReference?.message}
        {...form.register('paidReference')}
      />
      <Button variant="warning" disabled={isSubmitting}>
        Reverse payment
      </Button>
    </form>
  );
}

interface ReturnForm {
  amountPence: string;
  receivedOn: DateParts;
  reason: string;
  receiptReference: string;
}

export function RecordReturnForm({ grantId }: { grantId: string }) {
  const record = useRecordReturn(grantId);
  const form = useMoneyForm<ReturnForm, z.output<typeof MoneyReturnBody>>(
    MoneyReturnBody,
    { amountPence: '', receivedOn: emptyDate, reason: '', receiptReference: '' },
    (v) => ({
      amountPence: penceOf(v.amountPence),
      receivedOn: isoDate(v.receivedOn),
      reason: v.reason,
      receiptReference: v.receiptReference,
    }),
  );
  const { errors, isSubmitting } = form.formState;
  const fields = ['amountPence', 'receivedOn', 'reason', 'receiptReference'];
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await record.mutateAsync(body);
      form.reset();
    } catch (error) {
      applyServerErrors(error, form.setError, fields);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="return-heading">
      <h2 className="govuk-heading-m" id="return-heading">
        Record money returned
      </h2>
      <p className="govuk-body">Money the group pays back goes back to the fund’s pot.</p>
      <ErrorSummary
        errors={errorItems(errors, fields, (path) =>
          path === 'amountPence' ? 'returnAmountPence' : path === 'reason' ? 'returnReason' : path,
        )}
      />
      <TextInput
        id="returnAmountPence"
        label="Amount returned"
        prefix="£"
        width="10"
        inputMode="decimal"
        spellCheck={false}
        error={errors.amountPence?.message}
        {...form.register('amountPence')}
      />
      <DateInput
        id="receivedOn"
        legend="Date received"
        error={errors.receivedOn?.message}
        fields={dateFields(form.register, 'receivedOn')}
      />
      <Textarea
        id="returnReason"
        label="Why was it returned?"
        labelSize="s"
        error={errors.reason?.message}
        {...form.register('reason')}
      />
      <TextInput
        id="receiptReference"
        label="The council’s receipt reference"
        width="20"
        spellCheck={false}
        error={errors.receiptReference?.message}
        {...form.register('receiptReference')}
      />
      <Button disabled={isSubmitting}>Record money returned</Button>
    </form>
  );
}

interface EndForm {
  reason: string;
  owedBackPence: string;
}

export function EndEarlyForm({ grantId }: { grantId: string }) {
  const end = useEndEarly(grantId);
  const form = useMoneyForm<EndForm, z.output<typeof EndEarlyBody>>(
    EndEarlyBody,
    { reason: '', owedBackPence: '0' },
    (v) => ({ reason: v.reason, owedBackPence: penceOf(v.owedBackPence) }),
  );
  const { errors, isSubmitting } = form.formState;
  const fields = ['reason', 'owedBackPence'];
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await end.mutateAsync(body);
    } catch (error) {
      applyServerErrors(error, form.setError, fields);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="end-heading">
      <h2 className="govuk-heading-m" id="end-heading">
        End the grant early
      </h2>
      <p className="govuk-body">
        What has not been paid goes back to the pot at once. Record what the group still owes back; record the
        money as returned when it arrives.
      </p>
      <ErrorSummary errors={errorItems(errors, fields, (path) => (path === 'reason' ? 'endReason' : path))} />
      <Textarea
        id="endReason"
        label="Why is it ending early?"
        labelSize="s"
        error={errors.reason?.message}
        {...form.register('reason')}
      />
      <TextInput
        id="owedBackPence"
        label="What the group owes back"
        prefix="£"
        width="10"
        inputMode="decimal"
        spellCheck={false}
        error={errors.owedBackPence?.message}
        {...form.register('owedBackPence')}
      />
      <Button variant="warning" disabled={isSubmitting}>
        End the grant early
      </Button>
    </form>
  );
}
