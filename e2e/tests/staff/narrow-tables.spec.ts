import {
  DEMO,
  expect,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  JOURNEY_LIMIT_MS,
  signInAs,
  test,
} from '../../fixtures';
import { ApiUser, sentBid } from '../../fixtures/api';
import { fundWithAssessors, scoredByAssessors, screenedEligible } from '../../fixtures/officers';

test.describe('Officers’ and admins’ pages on a phone', () => {
  test('no table needs scrolling sideways at 320 or 375 pixels wide @phone-only', async ({
    page,
    baseURL,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    const stamp = Date.now();
    const { fundId } = await fundWithAssessors(request, url, {
      name: `Narrow Screen Fund ${stamp}`,
      potPence: 30_000_000,
      capPence: 2_000_000,
      minAssessors: 2,
    });
    // One group sends both bids (registrations from one address are limited an hour).
    const bids: Awaited<ReturnType<typeof sentBid>>[] = [];
    for (const title of ['Intergenerational Gardening Afternoons', 'Multilingual Storytelling']) {
      const bid = await sentBid(request, url, {
        ...(bids[0] ? { from: bids[0] } : {}),
        fundId,
        groupName: `Orton Longueville Residents Association ${stamp}`,
        title: `${title} ${stamp}`,
        costPence: 1_999_999,
        ward: 'Orton Longueville',
        priority: 'Bringing Communities Together',
      });
      await screenedEligible(request, url, bid.bidId);
      await scoredByAssessors(request, url, fundId, bid.bidId, 2, [5, 1]);
      bids.push(bid);
    }
    const officer = await ApiUser.signIn(request, url, DEMO.officer);
    await officer.send('POST', `/api/bids/${bids[0]?.bidId}/decision`, {
      panelDate: new Date().toISOString().slice(0, 10),
      decision: { outcome: 'award', amountPence: 1_999_999 },
    });
    const me = await officer.get<{ id: string }>('/api/auth/me');

    await signInAs(page, DEMO.officer);
    const officerPages = [
      '/',
      `/funds/${fundId}/assessment`,
      `/funds/${fundId}/results`,
      `/bids/${bids[1]?.bidId}/results`,
      `/funds/${fundId}/panel`,
    ];
    // Each page is measured at 320 and 375 pixels: the page, every table and every cell fit.
    for (const path of officerPages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
    await expectNoAxeViolations(page);

    await signInAs(page, DEMO.admin);
    for (const path of [`/admin/users/${me.id}`, '/admin/audit']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
    await bids[0]?.applicant.dispose();
  });
});
