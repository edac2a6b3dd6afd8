import { ATTACHMENT_KINDS, AttachmentKind, BID_SECTIONS, ReturnBidBody } from '@cf/shared';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, Navigate, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Checkboxes, Textarea } from '../../../components/ui/form';
import { useReturnBid } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { sharedResolver } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'bid.return' });
  await loadBidContext(params.bidId ?? '');
  return null;
}

interface ReturnForm {
  message: string;
  /** Checkbox groups give a list, one value, or false when none is ticked. */
  sections: string[] | string | false;
  documents: string[] | string | false;
}

const FIELDS = ['message', 'sections', 'documents'];
const list = (value: string[] | string | false): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];

/**
 * Return a sent bid to the group for changes (officers): a message, and the sections and documents
 * to change, ticked so the group sees them marked on its task list.
 */
export function Component() {
  const { bidId = '' } = useParams();
  const navigate = useNavigate();
  const { bid } = useBidContext(bidId);
  const returnBid = useReturnBid(bidId);
  const form = useForm<ReturnForm, unknown, z.output<typeof ReturnBidBody>>({
    defaultValues: { message: '', sections: [], documents: [] },
    resolver: sharedResolver<ReturnForm, z.output<typeof ReturnBidBody>>(
      () => ReturnBidBody,
      (v) => ({ message: v.message, sections: list(v.sections), documents: list(v.documents) }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS);
  // Not for an officer of the group, or one who declared a conflict with it (the API would refuse).
  if (!bid.permissions.return) return <Navigate to={`/bids/${bidId}`} replace />;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await returnBid.mutateAsync(body);
      navigate(`/bids/${bidId}`);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page
      title="Return the bid for changes"
      hasError={items.length > 0}
      before={<BackLink to={`/bids/${bidId}`}>Back to the bid</BackLink>}
    >
      <ErrorSummary errors={items} />
      <span className="govuk-caption-l">
        {bid.reference}: {bid.organisationName}
      </span>
      <h1 className="govuk-heading-l">Return the bid for changes</h1>
      <p className="govuk-body">
        The group will be emailed your message and can change the bid and send it again. Sections and
        documents you tick show as “Changes needed” on the group’s bid, and the bid cannot be sent again until
        the group has changed each one.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <Textarea
          id="message"
          label="What does the group need to change?"
          labelSize="s"
          hint="Use plain words. The group will see exactly this."
          error={errors.message?.message}
          {...form.register('message')}
        />
        <Checkboxes
          id="sections"
          legend="Which sections must the group change? (optional)"
          legendSize="s"
          hint="Select all that apply"
          small
          error={errors.sections?.message}
          options={BID_SECTIONS.map((s) => ({ value: s.key, text: s.title }))}
          {...form.register('sections')}
        />
        <Checkboxes
          id="documents"
          legend="Which documents must the group upload again? (optional)"
          legendSize="s"
          hint="The group must upload a new one of each"
          small
          error={errors.documents?.message}
          options={AttachmentKind.options.map((kind) => ({
            value: kind,
            text: ATTACHMENT_KINDS[kind].label,
          }))}
          {...form.register('documents')}
        />
        <Button disabled={isSubmitting}>Return bid</Button>
      </form>
    </Page>
  );
}
