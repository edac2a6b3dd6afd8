import { readFileSync } from 'node:fs';
import { DEMO, expect, signInAs, test } from '../fixtures';

// Open data (issue 11, decision 0025): an officer checks the fund's open data before publishing it,
// sees what the demo leaves for the quality check to find, and downloads the 360Giving package;
// anyone, signed in or not, fetches the files.
test.describe('Open data @phone', () => {
  test('an officer sees the quality check’s finding and downloads the 360Giving data; anyone fetches the CSV', async ({
    page,
    axe,
    playwright,
    baseURL,
  }) => {
    await signInAs(page, DEMO.officer);
    await page.goto('/funds');
    await page.getByRole('main').getByRole('link', { name: 'Communities Fund', exact: true }).click();
    await page.getByRole('link', { name: /^Open data/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Open data' })).toBeVisible();
    // The demo's deliberate slip: a draft offer whose purpose is only the project's title.
    const finding = page.getByRole('region', { name: /The title and the description say the same/ });
    await expect(finding).toBeVisible();
    await expect(finding.getByRole('link', { name: 'Chat and Chai' })).toBeVisible();
    await expect(page.getByText(/never includes people’s names/)).toBeVisible();
    await axe();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '360Giving data (JSON)' }).click(),
    ]);
    const pkg = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      license: string;
      grants: { id: string; title: string; recipientOrganization: { id: string }[] }[];
    };
    expect(pkg.license).toMatch(/^https:\/\//);
    expect(pkg.grants.length).toBeGreaterThanOrEqual(19);
    expect(pkg.grants.map((g) => g.title)).toContain('Chat and Chai');
    for (const g of pkg.grants) expect(g.id).toMatch(/^360G-peterboroughcc-/);

    // From the finding to the grant it names, where the officer can change the draft offer's purpose.
    await finding.getByRole('link', { name: 'Chat and Chai' }).click();
    await expect(page).toHaveURL(/\/grants\/[0-9a-f-]{36}$/);

    // No sign-in: the open data is public.
    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      const fundId = new URL(download.url()).pathname.split('/')[3] ?? '';
      const csv = await anonymous.get(`/api/funds/${fundId}/360giving.csv`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      const text = await csv.text();
      expect(text).toContain('"Identifier","Title","Description","Currency"');
      expect(text).not.toContain('@demo.test');
      const transparency = await anonymous.get(`/api/funds/${fundId}/transparency.csv`);
      expect(transparency.status()).toBe(200);
      expect(await transparency.text()).toContain('"Date awarded","Time period","Department"');
      const quality = await anonymous.get(`/api/funds/${fundId}/open-data/quality`);
      expect(quality.status()).toBe(401);
    } finally {
      await anonymous.dispose();
    }
  });

  test('an admin sees the ward codes open data publishes', async ({ page, axe }) => {
    await signInAs(page, DEMO.admin);
    await page.getByRole('link', { name: 'Ward codes for open data' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ward codes for open data' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'E05010798' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Change the code of Barnack' }).click();
    await expect(page.getByLabel('ONS code of Barnack')).toHaveValue('E05010798');
    await page.getByLabel('ONS code of Barnack').fill('not a code');
    await page.getByRole('button', { name: 'Save the code' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter the ward’s ONS code');
    await axe();
  });
});
