import { DEMO, expect, JOURNEY_LIMIT_MS, signInAs, test } from '../../fixtures';
import { type ApiUser, isoDay, sentBid } from '../../fixtures/api';
import { assignedTo, fundWithAssessors, scoredByAssessors, screenedEligible } from '../../fixtures/officers';

test.describe('The grants officer’s home page', () => {
  test('counts the work waiting in each fund, and each count is what its list shows; an eligible bid links to assigning its assessors; screening asks only what can be checked @phone', async ({
    page,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    const stamp = Date.now();
    const { fundId, name } = await fundWithAssessors(request, url, {
      name: `Home Page Fund ${stamp}`,
      potPence: 5_000_000,
      capPence: 1_000_000,
      minAssessors: 2,
      scoresDueOn: isoDay(-1),
    });
    // Two bids to check, two eligible bids waiting for assessors, one scored and waiting for the panel.
    // One group sends every bid (registrations from one address are limited an hour).
    let sender: { applicant: ApiUser; organisationId: string } | undefined;
    const bid = async (n: number, title: string) => {
      const sent = await sentBid(request, url, {
        fundId,
        groupName: `Home Group ${stamp}`,
        title: `${title} ${stamp}`,
        costPence: 300_000 + n * 1_000,
        ward: 'Park',
        priority: 'Young People',
        ...(sender ? { from: sender } : {}),
      });
      sender ??= sent;
      return sent;
    };
    const toCheck = [await bid(1, 'Chess Club'), await bid(2, 'Sewing Circle')];
    const waiting = [await bid(3, 'Allotment Days'), await bid(4, 'Story Walks')];
    for (const b of waiting) await screenedEligible(request, url, b.bidId);
    // One assessor given a waiting bid yesterday's deadline has passed: behind it (the bid still waits for a second).
    await assignedTo(request, url, fundId, waiting[1]?.bidId ?? '', 'assessor@demo.test');
    const ready = await bid(5, 'Dance Nights');
    await screenedEligible(request, url, ready.bidId);
    await scoredByAssessors(request, url, fundId, ready.bidId, 2);

    await signInAs(page, DEMO.officer);
    const fundWork = page.getByRole('region', { name });
    await expect(fundWork).toBeVisible();
    await axe();

    // Bids to check: the bids list, filtered to this fund's sent bids, shows as many.
    await fundWork.getByRole('link', { name: '2 bids to check for eligibility' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bids' })).toBeVisible();
    await expect(page.getByRole('table', { name: '2 bids' }).getByRole('row')).toHaveCount(3);
    for (const title of ['Chess Club', 'Sewing Circle']) {
      await expect(page.getByRole('link', { name: `${title} ${stamp}` })).toBeVisible();
    }
    await axe();

    // Bids waiting for assessors: the fund's assessment page, showing just those.
    await page.goto('/');
    await fundWork.getByRole('link', { name: '2 bids waiting for assessors' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Bids waiting for assessors' }).getByRole('row'),
    ).toHaveCount(3);
    await axe();

    // Assessors behind the scoring deadline: the assessment page, showing just them and their late bids.
    await page.goto('/');
    await fundWork.getByRole('link', { name: '1 assessor behind the scoring deadline' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Assessors behind the scoring deadline' }).getByRole('row'),
    ).toHaveCount(2);
    await expect(page.getByRole('table', { name: 'Bids with scores overdue' })).toContainText(
      `Story Walks ${stamp}`,
    );
    await expect(page.getByRole('table', { name: 'Bids with scores overdue' }).getByRole('row')).toHaveCount(
      2,
    );
    await axe();

    // Ready for the panel: the panel page, with one decision to make.
    await page.goto('/');
    await fundWork.getByRole('link', { name: '1 bid ready for the panel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Panel decisions' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^Decision on / })).toHaveCount(1);

    // An eligible bid has "Assign assessors" on its own page, which leads to giving it out.
    await page.goto(`/bids/${waiting[0]?.bidId}`);
    await page.getByRole('button', { name: 'Assign assessors' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Bid' }).getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('combobox', { name: /^Add an assessor to / })).toHaveCount(1);
    await axe();

    // Screening asks only what the officer can check, beside the group's details and documents.
    await page.goto(`/bids/${toCheck[0]?.bidId}`);
    await page.getByRole('button', { name: 'Check eligibility' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check eligibility' })).toBeVisible();
    const group = page.getByRole('region', { name: 'The group' });
    await expect(group).toContainText(`Home Group ${stamp}`);
    await expect(group).toContainText('Constituted community group');
    await expect(group).toContainText('1 High Street');
    await expect(group).toContainText('PE1 1AA');
    await expect(page.getByRole('link', { name: 'governing_document.pdf' })).toBeVisible();
    await expect(page.getByText(/bank details/i)).toHaveCount(0);
    await axe();
    await sender?.applicant.dispose();
  });
});
