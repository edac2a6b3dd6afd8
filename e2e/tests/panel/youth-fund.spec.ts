import type { Browser, Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  JOURNEY_LIMIT_MS,
  navigate,
  signInAs,
  test,
} from '../../fixtures';
import { ApiUser } from '../../fixtures/api';

/** The Youth Fund's own criteria and weights, as the demo seeds them (issue 9, item 21). */
const YOUTH_CRITERIA = [
  ['Young people lead the project', 30],
  ['What young people said they need', 20],
  ['Brings young people from different backgrounds together', 20],
  ['Safe, welcoming and easy to join', 10],
  ['Can be done well', 10],
  ['What lasts for young people', 10],
] as const;

const BID = 'Our Voice Podcast';

/**
 * A Youth Commissioner finishes scoring the demo's youth bid in the browser: declares no conflict
 * if asked, scores every criterion with a comment, checks and submits.
 */
async function commissionerScores(browser: Browser, baseURL: string, email: string, mark: string) {
  const context = await browser.newContext({ baseURL });
  const page: Page = await context.newPage();
  await signInAs(page, email);
  await navigate(page, 'Bids to assess');
  await expect(page.getByRole('heading', { level: 1, name: 'Bids to assess' })).toBeVisible();
  const item = page.locator('.govuk-task-list__item', { hasText: BID });
  // A retried run may find this commissioner's scores already in.
  if ((await item.textContent())?.includes('Scores submitted')) {
    await context.close();
    return;
  }
  await expectNoAxeViolations(page);
  await item.getByRole('link', { name: BID }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /Do you have a conflict of interest\?|Our Voice/,
  );
  if (
    await page.getByRole('heading', { level: 1, name: 'Do you have a conflict of interest?' }).isVisible()
  ) {
    await page.getByLabel('No, I have no conflict of interest').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Your scores' })).toBeVisible();
  for (const [index, [title, weight]] of YOUTH_CRITERIA.entries()) {
    await page
      .getByRole('group', { name: `${index + 1}. ${title} (${weight}%)` })
      .getByLabel(mark, { exact: true })
      .check();
    await page.getByLabel(`Why this score for “${title}”?`).fill('The youth panel runs it and chose it.');
  }
  await page.getByLabel('Fund in full').check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your scores before you submit them' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Submit scores' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scores submitted' })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
}

test.describe('The Youth Fund demo (issue 9, item 21)', () => {
  test('can be assessed and decided end to end: Youth Commissioners score a youth bid against the youth criteria, then an officer awards it', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const officer = await ApiUser.signIn(playwright.request, url, DEMO.officer);
    const { funds } = await officer.get<{ funds: { id: string; name: string }[] }>('/api/funds');
    const youthFund = funds.find((f) => f.name === 'Youth Fund')?.id ?? '';

    // The officer's assessment page: three Youth Commissioners on the bid, none short.
    await signInAs(page, DEMO.officer);
    await page.goto(`/funds/${youthFund}/assessment`);
    await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Not enough assessors' })).toHaveCount(0);
    const row = page.getByRole('row', { name: new RegExp(BID) });
    for (const name of ['Zara Ahmed', 'Kai Thompson', 'Maya Kowalczyk'])
      await expect(row).toContainText(name);
    await axe();

    // Kai finishes the scores he saved half of; Maya declares no conflict and scores. Zara's are in.
    await commissionerScores(browser, url, 'youth2@demo.test', '4');
    await commissionerScores(browser, url, 'youth3@demo.test', '5');

    // The bid is assessed: the officer awards it at the panel.
    const youth2 = await ApiUser.signIn(playwright.request, url, 'youth2@demo.test');
    const { assignments } = await youth2.get<{ assignments: { bidTitle: string; bidReference: string }[] }>(
      '/api/assignments?pageSize=100',
    );
    await youth2.dispose();
    const reference = assignments.find((a) => a.bidTitle === BID)?.bidReference ?? '';
    await page.goto(`/funds/${youthFund}/panel`);
    await expect(page.getByRole('heading', { level: 1, name: 'Panel decisions' })).toBeVisible();
    await axe();
    await page.getByLabel(`Decision on ${reference}`).selectOption('award');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check the panel’s decisions' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Record the decisions and email the groups' }).click();
    await expect(page.getByText('Decisions recorded: 1 awarded, 0 turned down, 0 deferred.')).toBeVisible();
    await axe();

    const budget = await officer.get<{ committedPence: number; awardsCount: number }>(
      `/api/funds/${youthFund}/budget`,
    );
    expect(budget).toMatchObject({ committedPence: 420_000, awardsCount: 1 });
    await officer.dispose();
  });
});
