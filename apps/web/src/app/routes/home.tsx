import { type Fund, type FundWork, type Me, ROLE_LABELS } from '@cf/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { redirect, useLocation } from 'react-router';
import { Page } from '../../components/layout/page';
import { ButtonLink } from '../../components/ui/button';
import { AppLink, NotificationBanner, SummaryList } from '../../components/ui/content';
import { meQueryOptions } from '../../features/auth/api/me';
import { toDoQueryOptions } from '../../features/bids/api/bids';
import { BidToDoCards } from '../../features/bids/components/to-do';
import { fundsQueryOptions } from '../../features/funds/api/funds';
import { FundSummaryCard } from '../../features/funds/components/fund-summary';
import { FinanceWaiting, FundsMoneyTable } from '../../features/payments/components/money-overview';
import { workQueryOptions } from '../../features/work/api/work';
import { can, fundsAssessedBy, isApplicant } from '../../lib/authorization';
import { plural } from '../../lib/format';
import { queryClient } from '../../lib/query-client';

export async function loader() {
  const [me] = await Promise.all([
    queryClient.ensureQueryData(meQueryOptions()),
    queryClient.ensureQueryData(fundsQueryOptions()),
  ]);
  // An account whose address is not confirmed can do nothing yet but confirm it.
  if (me && !me.emailVerified) throw redirect('/confirm-email');
  if (me && me.organisations.length > 0) await queryClient.ensureQueryData(toDoQueryOptions());
  // Counts of work waiting are always read afresh: they must match the lists they link to.
  if (can(me, { action: 'assessment.manage' })) await queryClient.fetchQuery(workQueryOptions());
  return null;
}

/** One count of work waiting: a link to the list that shows exactly those bids, or "None". */
function Count({
  count,
  what,
  fundName,
  to,
  noun = 'bid',
}: {
  count: number;
  what: string;
  fundName: string;
  to: string;
  noun?: string;
}) {
  if (count === 0) return <span className="app-muted">None</span>;
  return (
    <AppLink to={to}>
      {plural(count, noun)} {what}
      <span className="govuk-visually-hidden"> in {fundName}</span>
    </AppLink>
  );
}

/**
 * What is waiting for the grants officer in one fund, each count linking to the list it counts
 * (GET /api/work counts by the same rules those lists use).
 */
function FundWorkCard({ work }: { work: FundWork }) {
  const id = `work-${work.fundId}`;
  const rows = [
    {
      key: 'Check eligibility',
      value: (
        <Count
          count={work.toScreen}
          what="to check for eligibility"
          fundName={work.fundName}
          to={`/bids?status=submitted&fundId=${work.fundId}`}
        />
      ),
    },
    {
      key: 'Give to assessors',
      value: (
        <Count
          count={work.waitingForAssessors}
          what="waiting for assessors"
          fundName={work.fundName}
          to={`/funds/${work.fundId}/assessment?show=waiting`}
        />
      ),
    },
    {
      key: 'Chase assessors',
      value: (
        <Count
          count={work.assessorsBehind}
          noun="assessor"
          what="behind the scoring deadline"
          fundName={work.fundName}
          to={`/funds/${work.fundId}/assessment?show=late`}
        />
      ),
    },
    {
      key: 'Decide at the panel',
      value: (
        <Count
          count={work.readyForPanel}
          what="ready for the panel"
          fundName={work.fundName}
          to={`/funds/${work.fundId}/panel`}
        />
      ),
    },
    {
      key: 'Issue offers',
      value: (
        <Count
          count={work.offersToIssue}
          noun="offer"
          what="to check and issue"
          fundName={work.fundName}
          to={`/grants?fundId=${work.fundId}&offer=to_issue`}
        />
      ),
    },
    {
      key: 'Chase offers',
      value: (
        <Count
          count={work.offersOverdue}
          noun="offer"
          what="not answered by the deadline"
          fundName={work.fundName}
          to={`/grants?fundId=${work.fundId}&offer=overdue`}
        />
      ),
    },
    // LATER, with the money work: payments to request, a row with its count and the list it links to.
    {
      key: 'Reports due soon',
      value: (
        <Count
          count={work.reportsDueSoon}
          noun="report"
          what="due in the next 14 days"
          fundName={work.fundName}
          to={`/reports?state=due_soon&fundId=${work.fundId}`}
        />
      ),
    },
    {
      key: 'Chase reports',
      value: (
        <Count
          count={work.reportsOverdue}
          noun="report"
          what="overdue"
          fundName={work.fundName}
          to={`/reports?state=overdue&fundId=${work.fundId}`}
        />
      ),
    },
  ];
  return (
    <section className="govuk-summary-card" aria-labelledby={id}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={id}>
          <AppLink to={`/funds/${work.fundId}`}>{work.fundName}</AppLink>
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
      </div>
    </section>
  );
}

/** The officer's dashboard: work waiting in each fund, funds with none folded into one line. */
function WorkWaiting() {
  const { data } = useSuspenseQuery(workQueryOptions());
  const busy = data.funds.filter(
    (f) =>
      f.toScreen +
        f.waitingForAssessors +
        f.assessorsBehind +
        f.readyForPanel +
        f.offersToIssue +
        f.offersOverdue +
        f.reportsDueSoon +
        f.reportsOverdue >
      0,
  );
  const idle = data.funds.filter((f) => !busy.includes(f));
  return (
    <Section title="Work waiting">
      {busy.length === 0 ? (
        <p className="govuk-body">Nothing is waiting for you in any fund.</p>
      ) : (
        busy.map((work) => <FundWorkCard key={work.fundId} work={work} />)
      )}
      {idle.length > 0 && busy.length > 0 && (
        <p className="govuk-body">Nothing is waiting in {idle.map((f) => f.fundName).join(', ')}.</p>
      )}
      <ul className="govuk-list">
        <li>
          <AppLink to="/bids?status=submitted">Bids waiting to be checked</AppLink>
        </li>
        <li>
          <AppLink to="/bids">All bids</AppLink>
        </li>
        <li>
          <AppLink to="/grants">Grants</AppLink>
        </li>
        <li>
          <AppLink to="/funds">Funds</AppLink>
        </li>
        <li>
          <AppLink to="/project-bank">Project bank</AppLink>
        </li>
      </ul>
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby={`section-${title.replace(/\W+/g, '-')}`}>
      <h2 className="govuk-heading-m" id={`section-${title.replace(/\W+/g, '-')}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function StartPage({ funds }: { funds: Fund[] }) {
  const open = funds.filter((f) => f.status === 'open');
  return (
    <Page title="Apply for a Communities Fund grant">
      <h1 className="govuk-heading-xl">Apply for a Communities Fund grant</h1>
      <p className="govuk-body-l">
        Community groups in Peterborough can bid for up to £20,000 for projects that bring people from
        different backgrounds together.
      </p>
      <p className="govuk-body">Use this service to:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>check if your group can apply</li>
        <li>write your bid a section at a time, saving it to come back to later</li>
        <li>send your bid</li>
        <li>follow your bid and report on your project if it is funded</li>
      </ul>
      <ButtonLink to="/register" variant="start">
        Start now
      </ButtonLink>
      <p className="govuk-body">
        Already have an account? <AppLink to="/sign-in">Sign in</AppLink>
      </p>
      <h2 className="govuk-heading-m">Funds open now</h2>
      {open.length === 0 ? (
        <p className="govuk-body">No funds are open for bids at the moment.</p>
      ) : (
        open.map((fund) => <FundSummaryCard key={fund.id} fund={fund} />)
      )}
      <h2 className="govuk-heading-m">Help with your bid</h2>
      <p className="govuk-body">
        The council runs free bid-writing courses and workshops. Email communitiesfund@peterborough.gov.uk or
        call 01733 747474.
      </p>
    </Page>
  );
}

/** "Youth Fund" or "every fund": the funds this assessor's roles cover, as the admin granted them. */
function assessedFunds(me: Me): string {
  const fundIds = fundsAssessedBy(me);
  if (fundIds === null) return 'every fund';
  return fundIds.flatMap((id) => me.roles.find((r) => r.fundId === id)?.fundName ?? []).join(', ');
}

/** What the person's groups must do about their bids, offers and reports, first on the page when there is anything. */
function ToDo({ me }: { me: Me }) {
  const { data } = useQuery({ ...toDoQueryOptions(), enabled: me.organisations.length > 0 });
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section title="What you need to do">
      <p className="govuk-body">
        {items.length === 1 ? 'One thing needs' : `${items.length} things need`} something from you: the
        soonest deadline is first.
      </p>
      <BidToDoCards items={items} showGroup={me.organisations.length > 1} />
    </Section>
  );
}

function Dashboard({ me, funds }: { me: Me; funds: Fund[] }) {
  const roles = [...new Set(me.roles.map((r) => ROLE_LABELS[r.role]))];
  const left = (useLocation().state as { left?: string } | null)?.left;
  return (
    <Page title="Your home page">
      {left && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">You have left {left}.</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{roles.join(', ')}</span>
      <h1 className="govuk-heading-l">Hello, {me.name}</h1>

      <ToDo me={me} />

      {isApplicant(me) && (
        <Section title="Your group’s bids">
          {me.organisations.length === 0 ? (
            <>
              <p className="govuk-body">To apply for a grant, first register your community group.</p>
              <ButtonLink to="/groups/new">Register your group</ButtonLink>
              <p className="govuk-body">If your group is already registered, ask a member to invite you.</p>
            </>
          ) : (
            <>
              <p className="govuk-body">
                You are a member of{' '}
                {me.organisations.map((o, i) => (
                  <span key={o.id}>
                    {i > 0 && ' and '}
                    <AppLink to={`/groups/${o.id}`}>{o.name}</AppLink>
                  </span>
                ))}
                .
              </p>
              <ul className="govuk-list">
                <li>
                  <AppLink to="/bids">See your group’s bids</AppLink>
                </li>
                <li>
                  <AppLink to="/grants">See your group’s grants and offers</AppLink>
                </li>
                <li>
                  <AppLink to="/funds">Start a new bid</AppLink>
                </li>
                <li>
                  <AppLink to="/groups/new">Register another group</AppLink>
                </li>
              </ul>
            </>
          )}
        </Section>
      )}

      {can(me, { action: 'assessment.score' }) && (
        <Section title="Bids to assess">
          <p className="govuk-body">You assess bids for {assessedFunds(me)}.</p>
          <p className="govuk-body">
            <AppLink to="/assess">See the bids you have been asked to assess</AppLink>
          </p>
        </Section>
      )}

      {can(me, { action: 'assessment.manage' }) && <WorkWaiting />}

      {can(me, { action: 'fund.manage' }) && !can(me, { action: 'assessment.manage' }) && (
        <Section title="Bids">
          <ul className="govuk-list">
            <li>
              <AppLink to="/bids?status=submitted">Bids waiting to be checked</AppLink>
            </li>
            <li>
              <AppLink to="/bids">All bids</AppLink>
            </li>
            <li>
              <AppLink to="/project-bank">Project bank</AppLink>
            </li>
          </ul>
        </Section>
      )}

      {can(me, { action: 'fund.budget' }) && (
        <Section title="Funds and budgets">
          {(can(me, { action: 'payment.approve' }) || can(me, { action: 'bank.verify' })) && (
            <FinanceWaiting />
          )}
          <FundsMoneyTable funds={funds.filter((fund) => can(me, { action: 'fund.budget', fund }))} />
        </Section>
      )}

      {can(me, { action: 'mail.read' }) && (
        <Section title="Email">
          <p className="govuk-body">
            <AppLink to="/mail">See the emails the service has sent</AppLink>
          </p>
        </Section>
      )}

      {can(me, { action: 'users.manage' }) && (
        <Section title="Administration">
          <ul className="govuk-list">
            <li>
              <AppLink to="/admin/users">Manage users and roles</AppLink>
            </li>
            {can(me, { action: 'audit.browse' }) && (
              <li>
                <AppLink to="/admin/audit">See the audit trail</AppLink>
              </li>
            )}
            {can(me, { action: 'opendata.ward_codes' }) && (
              <li>
                <AppLink to="/admin/ward-codes">Ward codes for open data</AppLink>
              </li>
            )}
            {can(me, { action: 'retention.manage' }) && (
              <li>
                <AppLink to="/admin/retention">Set how long personal data is kept</AppLink>
              </li>
            )}
          </ul>
        </Section>
      )}
    </Page>
  );
}

export function Component() {
  const { data: me } = useQuery(meQueryOptions());
  const { data } = useSuspenseQuery(fundsQueryOptions());
  return me ? <Dashboard me={me} funds={data.funds} /> : <StartPage funds={data.funds} />;
}
