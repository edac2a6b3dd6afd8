import {
  ALLOWED_UPLOADS,
  documentLimitProblem,
  formatBytes,
  MAX_DOCUMENT_BYTES_PER_BID,
  MAX_DOCUMENTS_PER_BID,
  MAX_UPLOAD_BYTES,
  REPORT_KIND_LABELS,
} from '@cf/shared';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { type LoaderFunctionArgs, Navigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button, ButtonLink } from '../../../components/ui/button';
import { BackLink, InsetText, NotificationBanner, Table } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import {
  reportKeys,
  reportQueryOptions,
  uploadEvidence,
  useRemoveEvidence,
} from '../../../features/reports/api/reports';
import { isApiError } from '../../../lib/api-client';
import { queryClient } from '../../../lib/query-client';
import { requireMe } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMe(request);
  await queryClient.ensureQueryData(reportQueryOptions(params.reportId ?? ''));
  return null;
}

const TYPES = Object.values(ALLOWED_UPLOADS).join(', ');

/** Evidence on a report: photos and documents, with the same rules as a bid's documents. */
export function Component() {
  const { reportId = '' } = useParams();
  const { data: report } = useSuspenseQuery(reportQueryOptions(reportId));
  const client = useQueryClient();
  const remove = useRemoveEvidence(reportId);
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<{ file?: string; form?: string }>({});
  const [message, setMessage] = useState<string | null>(null);

  if (!report.permissions.write) return <Navigate to={`/reports/${reportId}`} replace />;

  const held = {
    count: report.evidence.length,
    bytes: report.evidence.reduce((sum, e) => sum + e.sizeBytes, 0),
  };
  const full = documentLimitProblem(held, undefined, 'report');

  const onUpload = async (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const file = fileInput.current?.files?.[0];
    let problem: string | null = null;
    if (!file) problem = 'Select a file';
    else if (file.size > MAX_UPLOAD_BYTES)
      problem = `The selected file must be ${formatBytes(MAX_UPLOAD_BYTES)} or smaller`;
    else problem = documentLimitProblem(held, file.size, 'report');
    setErrors(problem ? { file: problem } : {});
    if (problem || !file) return;
    setProgress(0);
    try {
      const saved = await uploadEvidence(reportId, file, setProgress);
      setMessage(`${saved.filename} uploaded.`);
      if (fileInput.current) fileInput.current.value = '';
      await client.invalidateQueries({ queryKey: reportKeys.detail(reportId) });
    } catch (error) {
      setErrors({
        file: isApiError(error) ? (error.fields.file ?? error.message) : 'The upload failed. Try again.',
      });
    } finally {
      setProgress(null);
    }
  };

  const summary = [
    ...(errors.file ? [{ href: 'file', text: errors.file }] : []),
    ...(errors.form ? [{ text: errors.form }] : []),
  ];

  return (
    <Page
      title={`Evidence – ${REPORT_KIND_LABELS[report.kind]}`}
      hasError={summary.length > 0}
      before={<BackLink to={`/reports/${reportId}`}>Back to the report</BackLink>}
    >
      {message && summary.length === 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{REPORT_KIND_LABELS[report.kind]}</span>
      <h1 className="govuk-heading-l">Evidence</h1>
      <p className="govuk-body">
        Photos, leaflets, attendance sheets or receipts that show what your project did. Only the grants team
        sees them. Ask people before you send photos of them.
      </p>
      {report.evidence.length > 0 && (
        <Table
          caption={`Files: ${held.count} of ${MAX_DOCUMENTS_PER_BID}, ${formatBytes(held.bytes)} of ${formatBytes(MAX_DOCUMENT_BYTES_PER_BID)}`}
          rowKey={(e) => e.id}
          rows={report.evidence}
          columns={[
            {
              header: 'File',
              cell: (e) => (
                <>
                  <a className="govuk-link" href={`/api/reports/${reportId}/evidence/${e.id}`} download>
                    {e.filename}
                  </a>
                  <br />
                  <span className="govuk-body-s app-muted">{formatBytes(e.sizeBytes)}</span>
                </>
              ),
            },
            {
              header: <span className="govuk-visually-hidden">Action</span>,
              label: 'Action',
              cell: (e) => (
                <Button
                  type="button"
                  variant="secondary"
                  className="govuk-!-margin-bottom-0"
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(e.id, {
                      onSuccess: () => setMessage(`${e.filename} removed.`),
                      onError: (error) =>
                        setErrors({ form: isApiError(error) ? error.message : 'Could not remove the file' }),
                    })
                  }
                >
                  Remove<span className="govuk-visually-hidden"> {e.filename}</span>
                </Button>
              ),
            },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Add a file</h2>
      {full && <InsetText>{full}</InsetText>}
      <form onSubmit={onUpload} noValidate>
        <div className={`govuk-form-group${errors.file ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="file">
            Choose the file
          </label>
          <div id="file-hint" className="govuk-hint">
            {TYPES}, up to {formatBytes(MAX_UPLOAD_BYTES)}
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
          </div>
        )}
        <Button variant="secondary" disabled={progress !== null}>
          Upload
        </Button>
      </form>
      <p className="govuk-body govuk-!-margin-top-6">
        When you have added your files, go back to your report.
      </p>
      <ButtonLink to={`/reports/${reportId}`}>Continue</ButtonLink>
    </Page>
  );
}
