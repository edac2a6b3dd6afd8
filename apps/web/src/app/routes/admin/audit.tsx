import {
  AUDIT_KINDS,
  type AuditEvent,
  type AuditRecord,
  type Me,
  REFUSAL_AUDIT_WINDOW_SECONDS,
} from '@cf/shared';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { AppLink, Details, InsetText, WarningText } from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Select, TextInput } from '../../../components/ui/form';
import { CursorPagination } from '../../../components/ui/pagination';
import { auditChainQueryOptions, auditQuery, auditQueryOptions } from '../../../features/audit/api/audit';
import { meQueryOptions } from '../../../features/auth/api/me';
import { isApiError } from '../../../lib/api-client';
import { can } from '../../../lib/authorization';
import { formatDateTime } from '../../../lib/format';
import type { ErrorItem } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { type DateParts, dateParts, emptyDate, isoDate } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  // Officers browse the trail read-only; admins also export it and check its chain (decision 0026).
  await requirePermission(request, { action: 'audit.browse' });
  // A filter the API refuses (an address nobody has) is shown on the page, not as an error page.
  await queryClient.prefetchQuery(auditQueryOptions(auditQuery(new URL(request.url).searchParams)));
  return null;
}

/**
 * Where a record's page is, for the link on its name; null for records with no page, or a page this
 * viewer may not open (a person's account page is for admins).
 */
function recordPath(record: AuditRecord, me: Me | null | undefined): string | null {
  switch (record.type) {
    case 'user':
      return can(me, { action: 'users.manage' }) ? `/admin/users/${record.id}` : null;
    case 'organisation':
      return `/groups/${record.id}`;
    case 'fund':
      return `/funds/${record.id}`;
    case 'bid':
      return `/bids/${record.id}`;
    case 'grant':
      return `/grants/${record.id}`;
    case 'need':
      return '/project-bank';
    default:
      return null;
  }
}

/** "Alex Morgan removed the assessor role from Farah Begum", with the people and the record as links. */
function Sentence({ event, me }: { event: AuditEvent; me: Me | null | undefined }) {
  const actor =
    event.actorId && event.actorName && can(me, { action: 'users.manage' }) ? (
      <AppLink to={`/admin/users/${event.actorId}`}>{event.actorLabel}</AppLink>
    ) : (
      event.actorLabel
    );
  if (!event.record || !event.phrase.includes('{record}')) {
    return (
      <>
        {actor}
        {event.sentence.slice(event.actorLabel.length)}
      </>
    );
  }
  const path = recordPath(event.record, me);
  const record: ReactNode = path ? <AppLink to={path}>{event.record.name}</AppLink> : event.record.name;
  const parts = event.phrase.split('{record}');
  return (
    <>
      {actor}{' '}
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && record}
          {part}
        </span>
      ))}
    </>
  );
}

function refusedTimes(count: number): string {
  return `Refused ${count} times within ${REFUSAL_AUDIT_WINDOW_SECONDS / 60} minute of the first, from the same address`;
}

const json = (value: unknown) =>
  value === null || value === undefined ? 'Nothing' : JSON.stringify(value, null, 1);

/** One entry: the sentence, when and what kind, the reason, and the entry as recorded one click away. */
function Entry({ event, me }: { event: AuditEvent; me: Me | null | undefined }) {
  const onlyRecord = event.entityId
    ? `/admin/audit?${new URLSearchParams({ entityType: event.entityType, entityId: event.entityId })}`
    : null;
  return (
    <li className="app-audit__entry">
      <p className="govuk-body govuk-!-margin-bottom-1 app-audit__sentence">
        <Sentence event={event} me={me} />
      </p>
      <p className="govuk-body-s app-muted govuk-!-margin-bottom-1">
        {formatDateTime(event.at)}. {AUDIT_KINDS[event.kind]}.
        {event.refusals !== null && event.refusals > 1 && ` ${refusedTimes(event.refusals)}.`}
      </p>
      {event.reason && (
        <p className="govuk-body-s app-pre-wrap govuk-!-margin-bottom-1">Why: {event.reason}</p>
      )}
      <Details summary="Show the entry as recorded">
        <dl className="govuk-body-s app-audit__raw">
          <dt>Action</dt>
          <dd>
            <code>{event.action}</code>
          </dd>
          <dt>Record</dt>
          <dd>
            {event.entityType}
            {event.entityId ? ` ${event.entityId}` : ''}
          </dd>
          <dt>Before</dt>
          <dd className="app-pre-wrap">{json(event.before)}</dd>
          <dt>After</dt>
          <dd className="app-pre-wrap">{json(event.after)}</dd>
          <dt>Entry number</dt>
          <dd>{event.id}</dd>
        </dl>
        <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
          {onlyRecord && (
            <li>
              <AppLink to={onlyRecord}>Everything about {event.record?.name ?? 'this record'}</AppLink>
            </li>
          )}
          {event.actorId && (
            <li>
              <AppLink to={`/admin/audit?actorId=${event.actorId}`}>
                Everything {event.actorLabel} did
              </AppLink>
            </li>
          )}
        </ul>
      </Details>
    </li>
  );
}

/**
 * The audit chain check (decision 0026), on request: walking a long trail takes a moment. Says "no
 * change found" with how many entries, or the first entry that was changed or follows a deleted one.
 */
function ChainCheck() {
  const [asked, setAsked] = useState(false);
  const { data, error, isFetching } = useQuery({ ...auditChainQueryOptions(), enabled: asked });
  return (
    <>
      <h2 className="govuk-heading-m">Check nothing was changed</h2>
      <p className="govuk-body">
        Each entry holds a fingerprint of itself and of the entry before it. Checking them all shows whether
        anyone changed or deleted an entry in the database itself.
      </p>
      <Button type="button" variant="secondary" onClick={() => setAsked(true)} disabled={isFetching}>
        Check the audit trail
      </Button>
      <div aria-live="polite">
        {data?.ok && (
          <InsetText>
            No change found: all {data.events.toLocaleString('en-GB')} entries are as they were written.
          </InsetText>
        )}
        {data && !data.ok && (
          <WarningText>
            The audit trail was changed. {data.message} Tell your information governance team.
          </WarningText>
        )}
        {error && <WarningText>Sorry, the check could not run. Try again.</WarningText>}
      </div>
    </>
  );
}

interface FilterForm {
  person: string;
  kind: string;
  record: string;
  grant: string;
  from: DateParts;
  to: DateParts;
}

/** The API's field paths, and the page's field ids they belong to. */
const FIELD_IDS: Record<string, string> = {
  person: 'person',
  kind: 'kind',
  record: 'record',
  grant: 'grant',
  from: 'from-day',
  to: 'to-day',
};

/**
 * The filters: who acted (their email address), what kind of action, which record, and when.
 * Keyed by the address's filters, so following a link to other filters shows them here.
 */
function Filters({ search, fields }: { search: URLSearchParams; fields: Record<string, string> }) {
  const navigate = useNavigate();
  const form = useForm<FilterForm>({
    defaultValues: {
      person: search.get('person') ?? '',
      kind: search.get('kind') ?? '',
      record: search.get('record') ?? '',
      grant: search.get('grant') ?? '',
      from: search.get('from') ? dateParts(search.get('from') ?? '') : emptyDate,
      to: search.get('to') ? dateParts(search.get('to') ?? '') : emptyDate,
    },
  });
  const onFilter = form.handleSubmit((values) => {
    const next = new URLSearchParams();
    if (values.person.trim()) next.set('person', values.person.trim());
    if (values.kind) next.set('kind', values.kind);
    if (values.record.trim()) next.set('record', values.record.trim());
    if (values.grant.trim()) next.set('grant', values.grant.trim());
    const from = isoDate(values.from);
    const to = isoDate(values.to);
    if (from) next.set('from', from);
    if (to) next.set('to', to);
    navigate(`/admin/audit${next.size > 0 ? `?${next}` : ''}`);
  });

  return (
    <form onSubmit={onFilter} noValidate>
      <TextInput
        id="person"
        label="Person’s email address"
        hint="Only what this person did"
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={fields.person}
        {...form.register('person')}
      />
      <Select
        id="kind"
        label="Kind of action"
        error={fields.kind}
        options={[
          { value: '', text: 'Every kind' },
          ...Object.entries(AUDIT_KINDS).map(([value, text]) => ({ value, text })),
        ]}
        {...form.register('kind')}
      />
      <TextInput
        id="record"
        label="Bid reference or record id"
        hint="For example, PCF-2019-0042"
        spellCheck={false}
        error={fields.record}
        {...form.register('record')}
      />
      <TextInput
        id="grant"
        label="Grant"
        hint="Its bid’s reference, for example PCF-2019-0042"
        spellCheck={false}
        error={fields.grant}
        {...form.register('grant')}
      />
      <DateInput id="from" legend="From" error={fields.from} fields={dateFields(form.register, 'from')} />
      <DateInput id="to" legend="To" error={fields.to} fields={dateFields(form.register, 'to')} />
      <Button variant="secondary">Show entries</Button>
    </form>
  );
}

export function Component() {
  const [search] = useSearchParams();
  const query = auditQuery(search);
  const { data, error } = useQuery(auditQueryOptions(query));
  const { data: me } = useQuery(meQueryOptions());
  const about = search.get('entityId') ? data?.events.find((e) => e.record)?.record?.name : undefined;
  const fields = isApiError(error) ? error.fields : {};
  const problems: ErrorItem[] = isApiError(error)
    ? Object.keys(error.fields).length > 0
      ? Object.entries(error.fields).map(([path, text]) => ({ href: `#${FIELD_IDS[path] ?? path}`, text }))
      : [{ text: error.message }]
    : error
      ? [{ text: 'Sorry, the audit trail could not be read. Try again.' }]
      : [];

  const filters = auditQuery(search, { withCursor: false });
  const before = search.get('before');
  const filtered = filters !== '';
  return (
    <Page title="Audit trail" hasError={problems.length > 0} wide>
      <ErrorSummary errors={problems} />
      <h1 className="govuk-heading-l">Audit trail</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Who did what, and to which record, newest first, 100 to a page. Entries can never be changed or
            deleted. Refusals of the same thing by the same person from the same address within a minute share
            one entry, which says how many there were.
          </p>
          <h2 className="govuk-heading-m">Filter the entries</h2>
          <Filters key={filters} search={search} fields={fields} />
          {filtered && (
            <p className="govuk-body">
              <AppLink to="/admin/audit">Clear the filters</AppLink>
            </p>
          )}
          {can(me, { action: 'audit.read' }) && (
            <p className="govuk-body">
              <a className="govuk-link" href={`/api/admin/audit.csv${filters ? `?${filters}` : ''}`} download>
                Download {filtered ? 'these entries' : 'every entry'} (CSV)
              </a>
            </p>
          )}
          {can(me, { action: 'audit.read' }) && <ChainCheck />}
        </div>
      </div>
      {about && <h2 className="govuk-heading-m">Entries about {about}</h2>}
      {data && data.events.length === 0 && <InsetText>No entries match.</InsetText>}
      {data && data.events.length > 0 && (
        <ol className="govuk-list app-audit" aria-label="Entries">
          {data.events.map((event) => (
            <Entry key={event.id} event={event} me={me} />
          ))}
        </ol>
      )}
      {data && (
        <CursorPagination
          label="Pages of entries"
          previous={
            before ? { to: `/admin/audit${filters ? `?${filters}` : ''}`, text: 'Newest entries' } : undefined
          }
          next={
            data.nextBefore
              ? {
                  to: `/admin/audit?${new URLSearchParams([...new URLSearchParams(filters), ['before', String(data.nextBefore)]])}`,
                  text: 'Older entries',
                }
              : undefined
          }
        />
      )}
    </Page>
  );
}
