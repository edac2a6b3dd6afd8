import {
  ATTACHMENT_KINDS,
  type BidDetail,
  BUDGET_CATEGORIES,
  type BudgetCategoryKey,
  ELIGIBILITY_QUESTIONS,
  type Fund,
  formatDate,
  formatPence,
  type Need,
  type ReferenceData,
  type SectionKey,
} from '@cf/shared';
import type { ReactNode } from 'react';
import { SummaryList, type SummaryRow } from '../../../components/ui/content';

type Data = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rows = (v: unknown): Data[] => (Array.isArray(v) ? (v as Data[]) : []);
const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function Paragraphs({ text }: { text: string }) {
  return <span className="app-pre-wrap">{text}</span>;
}

function List({ items }: { items: ReactNode[] }) {
  if (items.length === 0) return <>None</>;
  return (
    <ul className="govuk-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

/** Each answer of a section as summary-list rows, in words people read (names, pounds, dates). */
export function sectionRows(
  key: SectionKey,
  data: Data,
  ctx: { fund: Fund; reference: ReferenceData; needs: Need[] },
): SummaryRow[] {
  const wardName = (id: string) => ctx.reference.wards.find((w) => w.id === id)?.name ?? 'Unknown ward';
  const priorityName = (id: string) =>
    ctx.fund.priorities.find((p) => p.id === id)?.name ?? 'Unknown priority';
  switch (key) {
    case 'about':
      return [
        { key: 'Project title', value: s(data.title) },
        { key: 'Summary', value: <Paragraphs text={s(data.summary)} /> },
        { key: 'Description', value: <Paragraphs text={s(data.description)} /> },
      ];
    case 'beneficiaries':
      return [
        { key: 'Wards', value: ids(data.wardIds).map(wardName).join(', ') },
        { key: 'Communities brought together', value: <Paragraphs text={s(data.communities)} /> },
      ];
    case 'priorities':
      return [
        { key: 'Main priority', value: priorityName(s(data.mainPriorityId)) },
        { key: 'Other priorities', value: ids(data.otherPriorityIds).map(priorityName).join(', ') || 'None' },
      ];
    case 'bringing_together':
      return [{ key: 'How it brings people together', value: <Paragraphs text={s(data.how)} /> }];
    case 'evidence':
      return [
        { key: 'Evidence of need', value: <Paragraphs text={s(data.evidence)} /> },
        {
          key: 'Project bank needs',
          value: (
            <List
              items={ids(data.needIds).map(
                (id) => ctx.needs.find((n) => n.id === id)?.title ?? 'Unknown need',
              )}
            />
          ),
        },
      ];
    case 'timetable':
      return [
        { key: 'Starts', value: s(data.startDate) ? formatDate(s(data.startDate)) : '' },
        { key: 'Finishes', value: s(data.endDate) ? formatDate(s(data.endDate)) : '' },
        {
          key: 'Milestones',
          value: (
            <List
              items={rows(data.milestones).map(
                (m) => `${s(m.date) ? formatDate(s(m.date)) : ''}: ${s(m.description)}`,
              )}
            />
          ),
        },
      ];
    case 'budget': {
      const lines = rows(data.lines);
      const total = lines.reduce((sum, l) => sum + (typeof l.costPence === 'number' ? l.costPence : 0), 0);
      return [
        {
          key: 'Budget',
          value: (
            <List
              items={lines.map(
                (l) =>
                  `${s(l.item)} (${BUDGET_CATEGORIES[s(l.category) as BudgetCategoryKey] ?? 'no category'}): ${typeof l.costPence === 'number' ? formatPence(l.costPence) : ''}`,
              )}
            />
          ),
        },
        { key: 'Total asked for', value: <strong>{formatPence(total)}</strong> },
        {
          key: 'Other funding',
          value: (
            <List
              items={rows(data.otherFunding).map(
                (o) =>
                  `${s(o.source)}: ${typeof o.amountPence === 'number' ? formatPence(o.amountPence) : ''}${o.secured === true ? ' (secured)' : ' (asked for)'}`,
              )}
            />
          ),
        },
      ];
    }
    case 'outcomes':
      return [
        { key: 'People taking part', value: s(data.participants) },
        { key: 'Events or sessions', value: s(data.events) },
        { key: 'Volunteers', value: s(data.volunteers) },
        { key: 'People from different backgrounds meeting', value: s(data.peopleMeeting) },
        { key: 'What will change', value: <Paragraphs text={s(data.description)} /> },
      ];
    case 'risks':
      return rows(data.risks).map((r, i) => ({
        key: `Risk ${i + 1}`,
        value: (
          <>
            {s(r.risk)}
            <br />
            <span className="app-muted">What we will do: {s(r.mitigation)}</span>
          </>
        ),
      }));
    case 'declarations':
      return [
        { key: 'Declarations', value: data.accurate === true ? 'All agreed' : 'Not agreed' },
        { key: 'Signed by', value: `${s(data.name)}, ${s(data.position)}` },
      ];
  }
}

/** The whole bid as GOV.UK summary lists, with "Change" links when it can still be changed. */
export function BidAnswers({
  bid,
  fund,
  reference,
  needs,
  changeLinks,
}: {
  bid: BidDetail;
  fund: Fund;
  reference: ReferenceData;
  needs: Need[];
  changeLinks: boolean;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Eligibility</h2>
      <SummaryList
        rows={ELIGIBILITY_QUESTIONS.filter((q) => bid.eligibility[q.id] !== undefined).map((q) => ({
          key: q.question
            .replaceAll('{cap}', formatPence(fund.capPence))
            .replaceAll('{deliveryEnds}', formatDate(fund.deliveryEndsOn)),
          value: bid.eligibility[q.id] === 'yes' ? 'Yes' : 'No',
        }))}
      />
      {bid.sections.map((section) => (
        <div key={section.key}>
          <h2 className="govuk-heading-m">{section.title}</h2>
          {section.data ? (
            <SummaryList
              rows={sectionRows(section.key, section.data, { fund, reference, needs }).map((row) => ({
                ...row,
                action: changeLinks
                  ? {
                      to: `/bids/${bid.id}/sections/${section.key}`,
                      text: 'Change',
                      hidden: `${section.title}: ${typeof row.key === 'string' ? row.key : ''}`,
                    }
                  : undefined,
              }))}
            />
          ) : (
            <p className="govuk-body">Not answered yet.</p>
          )}
        </div>
      ))}
      <h2 className="govuk-heading-m">Supporting documents</h2>
      {bid.attachments.length > 0 && (
        <SummaryList
          rows={bid.attachments.map((a) => ({
            key: ATTACHMENT_KINDS[a.kind].label,
            value: (
              <a className="govuk-link" href={`/api/bids/${bid.id}/attachments/${a.id}`} download>
                {a.filename}
              </a>
            ),
            action: changeLinks
              ? { to: `/bids/${bid.id}/documents`, text: 'Change', hidden: ATTACHMENT_KINDS[a.kind].label }
              : undefined,
          }))}
        />
      )}
      {bid.attachments.length === 0 && <p className="govuk-body">No documents uploaded.</p>}
    </>
  );
}
