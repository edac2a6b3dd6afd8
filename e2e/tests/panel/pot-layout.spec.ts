import type { Page } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, JOURNEY_LIMIT_MS, signInAs, test } from '../../fixtures';
import { sentBid } from '../../fixtures/api';
import { fundWithAssessors, scoredByAssessors, screenedEligible } from '../../fixtures/officers';

/**
 * Words and figures in the panel's pot that break across lines, or stick out of it: a word split
 * inside itself ("Availabl e now", "£85,000.0 0"), or anything wider than the pot's box.
 */
async function brokenInPot(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'What these decisions leave in the pot' }).evaluate((region) => {
    const problems: string[] = [];
    const box = region.getBoundingClientRect();
    const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if ((node.parentElement?.closest('.govuk-visually-hidden') ?? null) !== null) continue;
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index ?? 0);
        range.setEnd(node, (match.index ?? 0) + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (lines.size > 1) problems.push(`“${match[0]}” breaks across lines`);
        const rect = range.getBoundingClientRect();
        if (rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1))
          problems.push(`“${match[0]}” sticks out of the pot`);
      }
    }
    if (region.scrollWidth > region.clientWidth + 1) problems.push('the pot scrolls sideways');
    return problems;
  });
}

test.describe('The panel’s pot', () => {
  test('lays out its words and figures whole at every width, from a wide desk to a phone @phone-only', async ({
    page,
    baseURL,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    const stamp = Date.now();
    // A pot of £300,000 with large awards, so the figures are as long as they get.
    const { fundId } = await fundWithAssessors(request, url, {
      name: `Wide Figures Fund ${stamp}`,
      potPence: 30_000_000,
      capPence: 2_000_000,
      minAssessors: 1,
    });
    const bid = await sentBid(request, url, {
      fundId,
      groupName: `Fletton and Woodston Neighbourhood Association ${stamp}`,
      title: `Bringing Communities Together Festival ${stamp}`,
      costPence: 1_999_999,
      ward: 'Fletton and Woodston',
      priority: 'Bringing Communities Together',
    });
    await screenedEligible(request, url, bid.bidId);
    await scoredByAssessors(request, url, fundId, bid.bidId, 1);
    await bid.applicant.dispose();

    await signInAs(page, DEMO.officer);
    await page.goto(`/funds/${fundId}/panel`);
    await page.getByRole('combobox', { name: /^Decision on / }).selectOption('award');
    await expect(page.getByText('£280,000.01', { exact: true }).first()).toBeVisible();
    for (const width of [1280, 1024, 900, 800, 769, 700, 641, 375, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await expect.poll(() => brokenInPot(page), { message: `at ${width} px` }).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    }
    await expectNoAxeViolations(page);
  });
});
