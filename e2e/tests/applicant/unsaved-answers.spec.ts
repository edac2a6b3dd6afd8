import { ELIGIBLE } from '@cf/shared/examples';
import type { APIRequest, Page } from '@playwright/test';
import { expect, signInAs, test, uniqueEmail } from '../../fixtures';
import { ApiUser } from '../../fixtures/api';

const PASSWORD = 'a long test password 123';

/** A new group member with a new draft bid, made through the API; returns the bid's address. */
async function newDraft(request: APIRequest, baseURL: string, email: string): Promise<string> {
  const applicant = await ApiUser.register(request, baseURL, 'Ayesha Khan', email);
  const reference = await applicant.get<{ wards: { id: string }[] }>('/api/reference');
  const funds = await applicant.get<{ funds: { id: string; name: string }[] }>('/api/funds');
  const group = await applicant.send<{ id: string }>('POST', '/api/organisations', {
    name: `Gladstone Street Sewing Circle ${Date.now()}`,
    type: 'community_group',
    addressLine1: '4 Gladstone Street',
    town: 'Peterborough',
    postcode: 'PE1 2BN',
    wardId: reference.wards[0]?.id,
    contactName: 'Ayesha Khan',
    contactEmail: email,
  });
  const bid = await applicant.send<{ id: string }>('POST', '/api/bids', {
    fundId: funds.funds.find((f) => f.name === 'Communities Fund')?.id,
    organisationId: group.id,
    eligibility: ELIGIBLE,
  });
  await applicant.dispose();
  return `/bids/${bid.id}`;
}

async function openAbout(page: Page) {
  await page.getByRole('link', { name: 'About your project', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About your project' })).toBeVisible();
}

test.describe('Answers typed but not saved are not lost', () => {
  test('a volunteer who leaves a section without saving is warned, and is offered their typing back', async ({
    page,
    playwright,
    baseURL,
    axe,
  }) => {
    const email = uniqueEmail('ayesha');
    const bidUrl = await newDraft(playwright.request, baseURL ?? '', email);
    await signInAs(page, email, PASSWORD);
    await page.goto(bidUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Your bid' })).toBeVisible();

    // The task list promises only what happens: answers are saved when they save them.
    await expect(page.getByText(/saved as you go/)).toHaveCount(0);
    await expect(
      page.getByText(/Your answers are saved when you select “Save and continue” or “Save as draft”/),
    ).toBeVisible();
    await axe();

    // Typing, then "Back to your bid": a warning, not silence.
    await openAbout(page);
    await page.getByLabel('Project title').fill('Sewing for Everyone');
    await page.getByLabel('Summary').fill('Neighbours from many countries sew and mend together every week.');
    await page.getByRole('link', { name: 'Back to your bid' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'You have not saved your changes' });
    await expect(warning).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'About your project' })).toBeVisible();
    await axe();

    // "Stay on this page" keeps everything as it was.
    await page.getByRole('button', { name: 'Stay on this page' }).click();
    await expect(warning).toHaveCount(0);
    await expect(page.getByLabel('Project title')).toHaveValue('Sewing for Everyone');

    // Leaving anyway: the bid has nothing saved, but the typing is kept in this browser...
    await page.getByRole('link', { name: 'Back to your bid' }).click();
    await page.getByRole('button', { name: 'Leave without saving' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your bid' })).toBeVisible();

    // ...and offered back when they return.
    await openAbout(page);
    const offer = page.getByRole('region', { name: 'You have changes you did not save' });
    await expect(offer).toBeVisible();
    await expect(page.getByLabel('Project title')).toHaveValue('');
    await axe();
    await offer.getByRole('button', { name: 'Use them' }).click();
    await expect(offer).toHaveCount(0);
    await expect(page.getByLabel('Project title')).toHaveValue('Sewing for Everyone');
    await expect(page.getByLabel('Summary')).toHaveValue(
      'Neighbours from many countries sew and mend together every week.',
    );

    // Saving them: saved to the bid, and no longer offered.
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.getByText('Saved as a draft.')).toBeVisible();
    await page.getByRole('link', { name: 'Back to your bid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sewing for Everyone' })).toBeVisible();
    await openAbout(page);
    await expect(page.getByRole('region', { name: 'You have changes you did not save' })).toHaveCount(0);
    await expect(page.getByLabel('Project title')).toHaveValue('Sewing for Everyone');

    // Closing or reloading the page with unsaved typing asks first; declining the offer throws it away.
    await page.getByLabel('Describe your project').fill('We meet on Tuesday evenings at the library.');
    const asked = new Promise<string>((resolve) => {
      page.once('dialog', async (dialog) => {
        resolve(dialog.type());
        await dialog.accept();
      });
    });
    await page.reload();
    expect(await asked).toBe('beforeunload');
    await expect(page.getByRole('heading', { level: 1, name: 'About your project' })).toBeVisible();
    const again = page.getByRole('region', { name: 'You have changes you did not save' });
    await expect(again).toBeVisible();
    await again.getByRole('button', { name: 'Discard them' }).click();
    await expect(again).toHaveCount(0);
    await expect(page.getByLabel('Describe your project')).toHaveValue('');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'About your project' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'You have changes you did not save' })).toHaveCount(0);

    // "Save as draft and leave" from the warning saves, then goes where they were going.
    await page.getByLabel('Describe your project').fill('We meet on Tuesday evenings at the library.');
    await page.getByRole('link', { name: 'Back to your bid' }).click();
    await page.getByRole('button', { name: 'Save as draft and leave' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sewing for Everyone' })).toBeVisible();
    await openAbout(page);
    await expect(page.getByLabel('Describe your project')).toHaveValue(
      'We meet on Tuesday evenings at the library.',
    );
    await axe();
  });
});
