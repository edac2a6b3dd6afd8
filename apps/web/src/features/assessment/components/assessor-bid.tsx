import {
  ALLOWED_UPLOADS,
  type AssessorView,
  ATTACHMENT_KINDS,
  type AttachmentKind,
  ELIGIBILITY_QUESTIONS,
  type Fund,
  formatDate,
  formatPence,
  type Need,
  ORGANISATION_TYPES,
  type ReferenceData,
  type SectionKey,
} from '@cf/shared';
import { type ReactNode, useState } from 'react';
import { Details, SummaryList } from '../../../components/ui/content';
import { sectionRows } from '../../bids/components/answers';

/** "PDF, 12 KB": what a download is and how big, so nobody opens a large file on a phone by surprise. */
function fileWords(contentType: string, sizeBytes: number): string {
  const type = ALLOWED_UPLOADS[contentType as keyof typeof ALLOWED_UPLOADS] ?? 'File';
  const size =
    sizeBytes < 1024 * 1024
      ? `${Math.max(1, Math.round(sizeBytes / 1024))} KB`
      : `${(sizeBytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${type}, ${size}`;
}

/**
 * The bid as an assessor reads it beside their scores: the group (its kind, never its people), its
 * eligibility answers, each answered section and the supporting documents, each folded away, with
 * one control to open or close them all.
 */
export function AssessorBid({
  view,
  fund,
  reference,
  needs,
}: {
  view: AssessorView;
  fund: Fund;
  reference: ReferenceData;
  needs: Need[];
}) {
  const bid = view.bid;
  const [open, setOpen] = useState<Record<string, boolean>>({});
  if (!bid) return null;
  const group = view.group;
  const parts: { key: string; title: string; body: ReactNode }[] = [];
  if (group) {
    const type = ORGANISATION_TYPES[group.type];
    parts.push({
      key: 'group',
      title: 'The group',
      body: (
        <SummaryList
          rows={[
            { key: 'Name', value: view.assignment.organisationName },
            { key: 'Kind of group', value: type.label },
            ...(type.numberLabel
              ? [{ key: type.numberLabel, value: group.registeredNumber ?? 'Not given' }]
              : []),
          ]}
        />
      ),
    });
  }
  parts.push({
    key: 'eligibility',
    title: 'Eligibility answers',
    body: (
      <SummaryList
        rows={ELIGIBILITY_QUESTIONS.filter((q) => bid.eligibility[q.id] !== undefined).map((q) => ({
          key: q.question
            .replaceAll('{cap}', formatPence(view.fund.capPence))
            .replaceAll('{deliveryEnds}', formatDate(view.fund.deliveryEndsOn)),
          value: bid.eligibility[q.id] === 'yes' ? 'Yes' : 'No',
        }))}
      />
    ),
  });
  for (const section of bid.sections) {
    if (!section.data) continue;
    parts.push({
      key: section.key,
      title: section.title,
      body: (
        <SummaryList
          rows={sectionRows(section.key as SectionKey, section.data, { fund, reference, needs })}
        />
      ),
    });
  }
  parts.push({
    key: 'documents',
    title: `Supporting documents (${bid.documents.length})`,
    body:
      bid.documents.length === 0 ? (
        <p className="govuk-body">The group sent no documents.</p>
      ) : (
        <ul className="govuk-list">
          {bid.documents.map((document) => (
            <li key={document.id}>
              <span className="govuk-body-s app-muted govuk-!-display-block">
                {ATTACHMENT_KINDS[document.kind as AttachmentKind]?.label ?? 'Document'}
              </span>
              <a
                className="govuk-link"
                href={`/api/assignments/${view.assignment.id}/documents/${document.id}`}
                download
              >
                {document.filename}
              </a>{' '}
              <span className="govuk-body-s app-muted">
                ({fileWords(document.contentType, document.sizeBytes)})
              </span>
            </li>
          ))}
        </ul>
      ),
  });

  const allOpen = parts.every((part) => open[part.key]);
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Asking for', value: formatPence(bid.amountRequestedPence) },
          { key: 'Wards', value: bid.wardNames.join(', ') },
          ...(view.fund.scoresDueOn
            ? [{ key: 'Scores due by', value: formatDate(view.fund.scoresDueOn) }]
            : []),
        ]}
      />
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-4"
        aria-expanded={allOpen}
        onClick={() => setOpen(Object.fromEntries(parts.map((part) => [part.key, !allOpen])))}
      >
        {allOpen ? 'Close all sections' : 'Open all sections'}
      </button>
      {parts.map((part) => (
        <Details
          key={part.key}
          summary={part.title}
          open={open[part.key] ?? false}
          onToggle={(isOpen) =>
            setOpen((now) => (now[part.key] === isOpen ? now : { ...now, [part.key]: isOpen }))
          }
        >
          {part.body}
        </Details>
      ))}
    </>
  );
}
