import type { Locator, Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  JOURNEY_LIMIT_MS,
  mailTo,
  navigate,
  signInAs,
  test,
} from '../../fixtures';
import { ApiUser, sentBid } from '../../fixtures/api';

function parts(offsetDays: number) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return {
    day: String(d.getUTCDate()),
    month: String(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()),
  };
}

async function fillDate(scope: Page | Locator, legend: string, offsetDays: number) {
  const group = scope.getByRole('group', { name: legend });
  const d = parts(offsetDays);
  await group.getByLabel('Day').fill(d.day);
  await group.getByLabel('Month').fill(d.month);
  await group.getByLabel('Year').fill(d.year);
}

async function scoreThroughApi(
  baseURL: string,
  request: import('@playwright/test').APIRequest,
  email: string,
  bidTitle: string,
  scores: number[],
) {
  const assessor = await ApiUser.signIn(request, baseURL, email);
  const { assignments } = await assessor.get<{
    assignments: { id: string; bidTitle: string; status: string }[];
  }>('/api/assignments?pageSize=100');
  const assignment = assignments.find((a) => a.bidTitle === bidTitle && a.status !== 'conflict');
  if (!assignment) throw new Error(`${email} has no assignment for ${bidTitle}`);
  if (assignment.status === 'awaiting_declaration') {
    await assessor.send('POST', `/api/assignments/${assignment.id}/declaration`, { conflict: false });
  }
  const view = await assessor.get<{ criteria: { id: string }[] }>(`/api/assignments/${assignment.id}`);
  await assessor.send('PUT', `/api/assignments/${assignment.id}/scores`, {
    baseVersion: 0,
    submit: true,
    recommendation: 'fund',
    scores: view.criteria.map((c, i) => ({
      criterionId: c.id,
      score: scores[i],
      comment: 'Seen in the bid',
    })),
  });
  await assessor.dispose();
}

test.describe('Assessment and panel', () => {
  test('an officer sets up a fund, screens and assigns; a conflict is replaced; assessors score; the panel awards, turns down and cannot overdraw the pot', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const stamp = Date.now();
    const fundName = `Bridges Fund ${stamp}`;
    const code = `B${String.fromCharCode(65 + (stamp % 26))}${String.fromCharCode(65 + ((stamp >> 5) % 26))}`;
    const url = baseURL ?? '';

    // 1. The officer sets up a small fund: £9,000 to award, grants of up to £8,000.
    await signInAs(page, DEMO.officer);
    await navigate(page, 'Funds');
    await page.getByRole('button', { name: 'Set up a fund' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up a fund' })).toBeVisible();
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(page.getByRole('link', { name: 'Enter the name of the fund' })).toBeVisible();
    await axe();
    await page.getByLabel('Name of the fund').fill(fundName);
    await page.getByLabel('Short code').fill(code);
    await page
      .getByLabel('Description', { exact: true })
      .fill('Small grants for bringing neighbours together.');
    await page.getByLabel('Total to award (the pot)').fill('9,500');
    await page.getByLabel('Largest grant (the cap)').fill('8,000');
    await fillDate(page, 'Bids open on', -1);
    await fillDate(page, 'Bids close on', 30);
    await fillDate(page, 'Projects may start from', 0);
    await fillDate(page, 'Projects must finish by', 365);
    await page.getByLabel('Assessors for each bid').fill('2');
    for (const name of ['Bringing Communities Together', 'Young People']) await page.getByLabel(name).check();
    const first = page.getByRole('group', { name: 'Criterion 1' });
    await first.getByLabel('What it looks for').fill('Brings people together');
    await first
      .getByLabel('What it means')
      .fill('People from different backgrounds meet and do things together.');
    await first.getByLabel('Weight (%)').fill('70');
    for (let score = 0; score <= 5; score++)
      await first.getByLabel(`A score of ${score} means`).fill(`Level ${score}`);
    await page.getByRole('button', { name: 'Add another criterion' }).click();
    const second = page.getByRole('group', { name: 'Criterion 2' });
    await second.getByLabel('What it looks for').fill('Value for money');
    await second.getByLabel('What it means').fill('The costs are reasonable.');
    await second.getByLabel('Weight (%)').fill('20');
    for (let score = 0; score <= 5; score++)
      await second.getByLabel(`A score of ${score} means`).fill(`Level ${score}`);
    await page.getByLabel(/Publish the fund/).check();
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(
      page.getByRole('link', { name: 'The weights must add up to 100; they add up to 90' }),
    ).toBeVisible();
    await axe();
    await second.getByLabel('Weight (%)').fill('30');
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(page.getByRole('heading', { level: 1, name: fundName })).toBeVisible();
    const fundId = new URL(page.url()).pathname.split('/')[2] ?? '';

    // A new pot needs a reason, kept in the audit trail.
    await page.getByRole('link', { name: 'Change the fund’s details' }).click();
    await page.getByLabel('Total to award (the pot)').fill('9,000');
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(page.getByRole('link', { name: 'Say why the pot is changing' })).toBeVisible();
    await axe();
    await page.getByLabel('Why is the pot changing?').fill('£500 moved to the youth fund.');
    await page.getByRole('button', { name: 'Save fund' }).click();
    await expect(page.getByRole('heading', { level: 1, name: fundName })).toBeVisible();
    await expect(page.getByText('£9,000', { exact: true })).toBeVisible();

    // Its assessors (an admin's job) and three sent bids (seeded through the API).
    const admin = await ApiUser.signIn(playwright.request, url, DEMO.admin);
    for (const email of [DEMO.assessor, DEMO.assessor2, DEMO.assessor3]) {
      const userId = await admin.userIdByEmail(email);
      await admin.send('POST', `/api/admin/users/${userId}/roles`, { role: 'assessor', fundId });
    }
    await admin.dispose();
    const bidA = await sentBid(playwright.request, url, {
      fundId,
      groupName: `Orton Walkers ${stamp}`,
      title: `Walk and Talk ${stamp}`,
      costPence: 600_000,
      ward: 'Orton Waterville',
      priority: 'Bringing Communities Together',
    });
    const bidB = await sentBid(playwright.request, url, {
      fundId,
      groupName: `Gunthorpe Youth ${stamp}`,
      title: `Youth Kitchen ${stamp}`,
      costPence: 500_000,
      ward: 'Gunthorpe',
      priority: 'Young People',
    });
    const bidC = await sentBid(playwright.request, url, {
      fundId,
      groupName: `Park Painters ${stamp}`,
      title: `Mural Project ${stamp}`,
      costPence: 400_000,
      ward: 'Park',
      priority: 'Bringing Communities Together',
    });

    // 2. Screening: the officer checks a bid's eligibility.
    const officer = await ApiUser.signIn(playwright.request, url, DEMO.officer);
    for (const { bidId } of [bidB, bidC]) {
      await officer.send('POST', `/api/bids/${bidId}/screening`, {
        decision: 'eligible',
        checks: { documentsValid: true, groupVerified: true },
      });
    }
    await page.goto(`/bids/${bidA.bidId}`);
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check eligibility' })).toBeVisible();
    await page.getByLabel('Yes, it is eligible').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('link', { name: /only be eligible when its documents are valid/ }),
    ).toBeVisible();
    await axe();
    await page.getByLabel('The documents are here and are what they say they are').check();
    await page.getByLabel('The group is who it says it is').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Checked by the grants team: the group can apply')).toBeVisible();

    // 3. Assignment, balancing the load.
    await page.goto(`/funds/${fundId}/assessment`);
    await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    await page.getByLabel('Give every eligible bid this many assessors').fill('2');
    await page.getByRole('button', { name: 'Check who would be assigned' }).click();
    const plan = page.getByRole('table', { name: 'Who would assess which bid' });
    await expect(plan.getByRole('row')).toHaveCount(4);
    await axe();
    await page.getByRole('button', { name: 'Assign them and email them' }).click();
    await expect(page.getByText('6 assignments made. The assessors have been emailed.')).toBeVisible();
    await axe();
    // Nothing more to give out is said plainly, not as a success.
    await page.getByRole('button', { name: 'Check who would be assigned' }).click();
    await expect(
      page.getByText('Nobody to assign: every eligible bid you can give out already has 2 assessors.'),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Success' })).toHaveCount(0);

    // 4. An assessor given bid A declares a conflict, and is replaced.
    const overview = await officer.get<{
      bids: { bidId: string; assignments: { assessorName: string; status: string }[] }[];
    }>(`/api/funds/${fundId}/assessment`);
    const onA =
      overview.bids.find((b) => b.bidId === bidA.bidId)?.assignments.map((a) => a.assessorName) ?? [];
    const names: Record<string, string> = {
      'Cllr Margaret Ellis': DEMO.assessor,
      'Daniel Okafor': DEMO.assessor2,
      'Priya Sharma': DEMO.assessor3,
    };
    const conflicted = onA[0] ?? '';
    const conflictedEmail = names[conflicted] ?? '';
    const assessorContext = await browser.newContext({ baseURL });
    const assessorPage = await assessorContext.newPage();
    await signInAs(assessorPage, conflictedEmail);
    await navigate(assessorPage, 'Bids to assess');
    await expect(assessorPage.getByRole('heading', { level: 1, name: 'Bids to assess' })).toBeVisible();
    await expectNoAxeViolations(assessorPage);
    await assessorPage.getByRole('link', { name: `Walk and Talk ${stamp}` }).click();
    await expect(
      assessorPage.getByRole('heading', { level: 1, name: 'Do you have a conflict of interest?' }),
    ).toBeVisible();
    await expect(assessorPage.getByText('Weekly sessions open to everyone.')).toHaveCount(0);
    await assessorPage.getByLabel('Yes, I have a conflict of interest').check();
    await assessorPage.getByLabel('What is the conflict?').fill('My sister runs the walking group.');
    await assessorPage.getByRole('button', { name: 'Continue' }).click();
    await expect(
      assessorPage.getByRole('heading', { level: 1, name: 'You are not assessing this bid' }),
    ).toBeVisible();
    await assessorContext.close();

    await page.reload();
    await expect(page.getByRole('region', { name: 'Conflicts of interest' })).toContainText(
      'My sister runs the walking group.',
    );
    await axe();
    const replacement = Object.keys(names).find((n) => !onA.includes(n)) ?? '';
    const referenceA = (await officer.get<{ reference: string }>(`/api/bids/${bidA.bidId}`)).reference;
    await page.getByLabel(`Add an assessor to ${referenceA}`).selectOption({ label: replacement });
    await page.getByRole('button', { name: `Add assessor to ${referenceA}` }).click();
    await expect(page.getByText(`${replacement} now assesses`)).toBeVisible();

    // 5. Assessors score. One scores bid B in the browser; the rest through the API. They disagree on B.
    const onB =
      overview.bids.find((b) => b.bidId === bidB.bidId)?.assignments.map((a) => a.assessorName) ?? [];
    const scorerB = names[onB[0] ?? ''] ?? '';
    const scorerContext = await browser.newContext({ baseURL });
    const scorer = await scorerContext.newPage();
    await signInAs(scorer, scorerB);
    await scorer.goto('/assess');
    await scorer.getByRole('link', { name: `Youth Kitchen ${stamp}` }).click();
    await scorer.getByLabel('No, I have no conflict of interest').check();
    await scorer.getByRole('button', { name: 'Continue' }).click();
    await expect(scorer.getByRole('heading', { level: 2, name: 'Your scores' })).toBeVisible();
    await expectNoAxeViolations(scorer);
    await scorer.getByRole('button', { name: 'Continue' }).click();
    await expect(scorer.getByRole('alert')).toContainText('Score “Brings people together”');
    const c1 = scorer.getByRole('group', { name: '1. Brings people together (70%)' });
    await c1.getByLabel('5', { exact: true }).check();
    await scorer
      .getByLabel('Why this score for “Brings people together”?')
      .fill('Mixing is at the heart of it.');
    const c2 = scorer.getByRole('group', { name: '2. Value for money (30%)' });
    await c2.getByLabel('4', { exact: true }).check();
    await scorer.getByLabel('Why this score for “Value for money”?').fill('Costs are fair.');
    await expect(scorer.getByText('Weighted total: 94.0 out of 100')).toBeVisible();
    await scorer.getByLabel('Fund in full').check();
    // The assessor checks their scores, then submits them (issue 9, item 10).
    await scorer.getByRole('button', { name: 'Continue' }).click();
    await expect(
      scorer.getByRole('heading', { level: 1, name: 'Check your scores before you submit them' }),
    ).toBeVisible();
    await scorer.getByRole('button', { name: 'Submit scores' }).click();
    await expect(scorer.getByRole('heading', { level: 1, name: 'Scores submitted' })).toBeVisible();
    await scorerContext.close();

    const request = playwright.request;
    await scoreThroughApi(url, request, names[onB[1] ?? ''] ?? '', `Youth Kitchen ${stamp}`, [1, 4]);
    const liveOnA = [...onA.filter((n) => n !== conflicted), replacement];
    for (const name of liveOnA)
      await scoreThroughApi(url, request, names[name] ?? '', `Walk and Talk ${stamp}`, [4, 3]);
    const onC =
      overview.bids.find((b) => b.bidId === bidC.bidId)?.assignments.map((a) => a.assessorName) ?? [];
    for (const name of onC)
      await scoreThroughApi(url, request, names[name] ?? '', `Mural Project ${stamp}`, [2, 2]);

    // 6. Results: ranked, with the disagreement on B flagged for moderation.
    await page.goto(`/funds/${fundId}/results`);
    const ranked = page.getByRole('table', { name: 'Ranked bids' });
    await expect(ranked.getByRole('row')).toHaveCount(4);
    await expect(ranked.getByRole('row', { name: new RegExp(`Youth Kitchen ${stamp}`) })).toContainText(
      'Scores differ',
    );
    await expect(ranked.getByRole('row').nth(1)).toContainText(`Walk and Talk ${stamp}`);
    await axe();

    // 7. The panel: a partial award to A, C turned down; then B would overdraw the pot.
    await page.goto(`/funds/${fundId}/panel`);
    await expect(page.getByRole('heading', { level: 1, name: 'Panel decisions' })).toBeVisible();
    await axe();
    const refA = (await officer.get<{ reference: string }>(`/api/bids/${bidA.bidId}`)).reference;
    const refB = (await officer.get<{ reference: string }>(`/api/bids/${bidB.bidId}`)).reference;
    const refC = (await officer.get<{ reference: string }>(`/api/bids/${bidC.bidId}`)).reference;
    await page.getByLabel(`Decision on ${refA}`).selectOption('award');
    const cardA = page.getByRole('region', { name: new RegExp(`Walk and Talk ${stamp}`) });
    // The panel sees who declared a conflict with the group: they may not decide its bid.
    await expect(cardA).toContainText(`${conflicted}: may not decide this bid`);
    await cardA.getByLabel('Amount to award').fill('5,000');
    await cardA.getByLabel('Why less than asked for').fill('The panel funded the core sessions only.');
    await page.getByLabel(`Decision on ${refC}`).selectOption('reject');
    await page
      .getByRole('region', { name: new RegExp(`Mural Project ${stamp}`) })
      .getByLabel('Feedback for the group')
      .fill('Strong idea, but it reaches too few people.');
    const potAfter = page.getByRole('region', { name: 'What these decisions leave in the pot' });
    await expect(potAfter.getByText('£4,000', { exact: true })).toBeVisible();
    await page.getByLabel('Minutes of the panel (optional)').fill('Panel met; decisions as recorded.');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Check the decisions, and who will be emailed, before anything is recorded.
    await expect(page.getByRole('heading', { level: 1, name: 'Check the panel’s decisions' })).toBeVisible();
    const checkA = page.getByRole('region', { name: new RegExp(`Walk and Talk ${stamp}`) });
    await expect(checkA).toContainText('Award £5,000 of £6,000');
    await expect(checkA).toContainText('The panel funded the core sessions only.');
    await expect(checkA).toContainText((await bidA.applicant.get<{ email: string }>('/api/auth/me')).email);
    await expect(page.getByRole('region', { name: new RegExp(`Mural Project ${stamp}`) })).toContainText(
      'Turn down',
    );
    await expect(page.getByText('£4,000 will be left in the pot.')).toBeVisible();
    await axe();
    // Changing one goes back to the form, with every answer kept.
    await checkA.getByRole('link', { name: /^Change/ }).click();
    await expect(cardA.getByLabel('Amount to award')).toHaveValue('5,000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record the decisions and email the groups' }).click();
    await expect(page.getByText('Decisions recorded: 1 awarded, 1 turned down, 0 deferred.')).toBeVisible();
    await expect(page.getByText(/We have emailed 2 groups \(\d+ addresses\)\./)).toBeVisible();
    await axe();

    await page.getByLabel(`Decision on ${refB}`).selectOption('award');
    await expect(potAfter.getByText(/more than the pot holds/)).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText(/only £4,000 is still available/i);
    await expect(
      page.getByRole('region', { name: /Youth Kitchen/ }).getByText('Only £4,000 is still available'),
    ).toBeVisible();
    await axe();

    // The budget agrees, and the groups were told.
    await page.goto(`/funds/${fundId}/budget`);
    await expect(page.getByText('£5,000').first()).toBeVisible();
    const mail = await mailTo(
      request,
      url,
      (await bidC.applicant.get<{ email: string }>('/api/auth/me')).email,
    );
    expect(mail.some((m) => m.body.includes('reaches too few people'))).toBe(true);
    await officer.dispose();
    for (const b of [bidA, bidB, bidC]) await b.applicant.dispose();
  });

  test('an officer who declared a conflict with a group sees who is conflicted on its bid, and is not offered its decision', async ({
    page,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const stamp = Date.now();
    const url = baseURL ?? '';
    const request = playwright.request;
    const title = `Street Party ${stamp}`;

    // A bid to the Communities Fund, screened; James (an officer who also assesses) is given it first.
    const officer = await ApiUser.signIn(request, url, DEMO.officer);
    const { funds } = await officer.get<{ funds: { id: string; name: string }[] }>('/api/funds');
    const fundId = funds.find((f) => f.name === 'Communities Fund')?.id ?? '';
    const bid = await sentBid(request, url, {
      fundId,
      groupName: `Park Neighbours ${stamp}`,
      title,
      costPence: 300_000,
      ward: 'Park',
      priority: 'Bringing Communities Together',
    });
    await officer.send('POST', `/api/bids/${bid.bidId}/screening`, {
      decision: 'eligible',
      checks: { documentsValid: true, groupVerified: true },
    });
    const { assessors } = await officer.get<{ assessors: { id: string; name: string }[] }>(
      `/api/funds/${fundId}/assessors`,
    );
    const idOf = (name: string) => assessors.find((a) => a.name === name)?.id ?? '';
    await officer.send('POST', `/api/bids/${bid.bidId}/assignments`, { assessorId: idOf('James Mensah') });

    // James declares a conflict with the group; three other assessors score the bid.
    const james = await ApiUser.signIn(request, url, DEMO.officer2);
    const { assignments } = await james.get<{ assignments: { id: string; bidTitle: string }[] }>(
      '/api/assignments?pageSize=100',
    );
    const his = assignments.find((a) => a.bidTitle === title);
    await james.send('POST', `/api/assignments/${his?.id}/declaration`, {
      conflict: true,
      nature: 'My neighbour chairs this group.',
    });
    await james.dispose();
    for (const [name, email] of [
      ['Cllr Margaret Ellis', DEMO.assessor],
      ['Daniel Okafor', DEMO.assessor2],
      ['Priya Sharma', DEMO.assessor3],
    ] as const) {
      await officer.send('POST', `/api/bids/${bid.bidId}/assignments`, { assessorId: idOf(name) });
      await scoreThroughApi(url, request, email, title, [4, 4, 4, 4, 4, 4]);
    }
    const { reference } = await officer.get<{ reference: string }>(`/api/bids/${bid.bidId}`);
    await officer.dispose();
    await bid.applicant.dispose();

    // On the panel page James sees the bid, who is conflicted on it, and no way to decide it.
    await signInAs(page, DEMO.officer2);
    await page.goto(`/funds/${fundId}/panel`);
    await expect(page.getByRole('heading', { level: 1, name: 'Panel decisions' })).toBeVisible();
    const card = page.getByRole('region', { name: new RegExp(title) });
    await expect(card).toContainText('James Mensah: may not decide this bid');
    await expect(card).toContainText('You cannot decide this bid');
    await expect(card).toContainText('Not shown to you');
    await expect(page.getByLabel(`Decision on ${reference}`)).toHaveCount(0);
    await axe();
  });
});
