import {
  ALLOWED_UPLOADS,
  ATTACHMENT_KINDS,
  AttachmentKind,
  documentLimitProblem,
  formatBytes,
  MAX_DOCUMENT_BYTES_PER_BID,
  MAX_DOCUMENTS_PER_BID,
  MAX_UPLOAD_BYTES,
} from '@cf/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { type LoaderFunctionArgs, Navigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { BackLink, InsetText, NotificationBanner, Table } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios } from '../../../components/ui/form';
import { bidKeys, uploadAttachment, useRemoveAttachment } from '../../../features/bids/api/bids';
import { loadBidContext, useBidContext } from '../../../features/bids/api/context';
import { isApiError } from '../../../lib/api-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await loadBidContext(params.bidId ?? '');
  return null;
}

const TYPES = Object.values(ALLOWED_UPLOADS).join(', ');

const size = formatBytes;

export function Component() {
  const { bidId = '' } = useParams();
  const { bid } = useBidContext(bidId);
  const queryClient = useQueryClient();
  const remove = useRemoveAttachment(bidId);
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<string>('');
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<{ kind?: string; file?: string; form?: string }>({});
  const [message, setMessage] = useState<string | null>(null);

  if (!bid.permissions.edit) return <Navigate to={`/bids/${bidId}`} replace />;

  const uploaded = bid.attachments.map((a) => a.kind);
  // Documents the grants team asked for again, when it returned the bid, are needed too.
  const asked = bid.changesAsked.documents;
  const needed = [...new Set([...bid.requiredAttachments, ...asked])];
  const held = {
    count: bid.attachments.length,
    bytes: bid.attachments.reduce((sum, a) => sum + a.sizeBytes, 0),
  };
  const full = documentLimitProblem(held);

  const onUpload = async (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const file = fileInput.current?.files?.[0];
    const next: typeof errors = {};
    if (!AttachmentKind.safeParse(kind).success) next.kind = 'Choose what kind of document this is';
    if (!file) next.file = 'Select a file';
    else if (file.size > MAX_UPLOAD_BYTES)
      next.file = `The selected file must be ${formatBytes(MAX_UPLOAD_BYTES)} or smaller`;
    else {
      const problem = documentLimitProblem(held, file.size);
      if (problem) next.file = problem;
    }
    setErrors(next);
    if (next.kind || next.file || !file) return;
    setProgress(0);
    try {
      const saved = await uploadAttachment(bidId, kind, file, setProgress);
      setMessage(`${saved.filename} uploaded.`);
      setKind('');
      if (fileInput.current) fileInput.current.value = '';
      await queryClient.invalidateQueries({ queryKey: bidKeys.detail(bidId) });
    } catch (error) {
      if (isApiError(error)) {
        setErrors({
          ...(error.fields.kind ? { kind: error.fields.kind } : {}),
          ...(error.fields.file || !error.fields.kind ? { file: error.fields.file ?? error.message } : {}),
        });
      } else {
        setErrors({ file: 'The upload failed. Try again.' });
      }
    } finally {
      setProgress(null);
    }
  };

  const summary = [
    ...(errors.kind ? [{ href: 'kind', text: errors.kind }] : []),
    ...(errors.file ? [{ href: 'file', text: errors.file }] : []),
    ...(errors.form ? [{ text: errors.form }] : []),
  ];

  return (
    <Page
      title="Supporting documents"
      hasError={summary.length > 0}
      before={<BackLink to={`/bids/${bidId}`}>Back to your bid</BackLink>}
    >
      {message && summary.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{bid.title ?? 'Your bid'}</span>
      <h1 className="govuk-heading-l">Supporting documents</h1>
      <p className="govuk-body">You need to upload:</p>
      <ul className="govuk-list govuk-list--bullet">
        {needed.map((k) => (
          <li key={k}>
            {ATTACHMENT_KINDS[k].label}: {ATTACHMENT_KINDS[k].hint.toLowerCase()}
            {asked.includes(k) ? (
              <strong> (the grants team asked for a new one)</strong>
            ) : uploaded.includes(k) ? (
              ' (uploaded)'
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      <p className="govuk-body">Each of these must be a different file.</p>
      {bid.attachments.length > 0 && (
        <Table
          caption={`Uploaded documents: ${held.count} of ${MAX_DOCUMENTS_PER_BID}, ${size(held.bytes)} of ${size(MAX_DOCUMENT_BYTES_PER_BID)}`}
          rowKey={(a) => a.id}
          rows={bid.attachments}
          columns={[
            {
              header: 'Document',
              cell: (a) => (
                <>
                  <a className="govuk-link" href={`/api/bids/${bidId}/attachments/${a.id}`} download>
                    {a.filename}
                  </a>
                  <br />
                  <span className="govuk-body-s app-muted">{size(a.sizeBytes)}</span>
                </>
              ),
            },
            { header: 'Kind', cell: (a) => ATTACHMENT_KINDS[a.kind].label },
            {
              header: <span className="govuk-visually-hidden">Action</span>,
              cell: (a) => (
                <Button
                  type="button"
                  variant="secondary"
                  className="govuk-!-margin-bottom-0"
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(a.id, {
                      onSuccess: () => setMessage(`${a.filename} removed.`),
                      onError: (e) =>
                        setErrors({ form: isApiError(e) ? e.message : 'Could not remove the file' }),
                    })
                  }
                >
                  Remove<span className="govuk-visually-hidden"> {a.filename}</span>
                </Button>
              ),
            },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Upload a document</h2>
      <p className="govuk-body">
        Your bid can have up to {MAX_DOCUMENTS_PER_BID} documents, {size(MAX_DOCUMENT_BYTES_PER_BID)} in all.
      </p>
      {full && <InsetText>{full}</InsetText>}
      <form onSubmit={onUpload} noValidate>
        <Radios
          id="kind"
          legend="What is it?"
          legendSize="s"
          error={errors.kind}
          options={AttachmentKind.options.map((value) => ({
            value,
            text: ATTACHMENT_KINDS[value].label,
            hint: ATTACHMENT_KINDS[value].hint,
          }))}
          name="kind"
          onChange={(event) => setKind(event.target.value)}
        />
        <div className={`govuk-form-group${errors.file ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="file">
            Choose the file
          </label>
          <div id="file-hint" className="govuk-hint">
            {TYPES}, up to {size(MAX_UPLOAD_BYTES)}
          </div>
          {errors.file && (
            <p id="file-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.file}
            </p>
          )}
          <input
            ref={fileInput}
            className={`govuk-file-upload${errors.file ? ' govuk-file-upload--error' : ''}`}
            id="file"
            name="file"
            type="file"
            accept=".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png"
            aria-describedby={`file-hint${errors.file ? ' file-error' : ''}`}
          />
        </div>
        {progress !== null && (
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="upload-progress">
              Uploading
            </label>
            <progress id="upload-progress" max={100} value={progress}>
              {progress}%
            </progress>
            <span className="govuk-body-s govuk-!-margin-left-2" aria-live="polite">
              {progress}%
            </span>
          </div>
        )}
        <Button variant="secondary" disabled={progress !== null}>
          Upload
        </Button>
      </form>
      <p className="govuk-body govuk-!-margin-top-6">
        When you have uploaded your documents, go back to your bid. You can come back here at any time.
      </p>
      <ButtonLink to={`/bids/${bidId}`}>Continue</ButtonLink>
    </Page>
  );
}
