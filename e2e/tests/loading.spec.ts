import { expect, signInAs, test } from '../fixtures';

test.describe('Slow and lost connections', () => {
  test('on a slow connection the page frame and a loading message show before the app has loaded @phone', async ({
    page,
    axe,
  }) => {
    // Hold the app's scripts back, as a slow mobile connection would.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/assets/*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/funds', { waitUntil: 'commit' });
    await expect(page.getByRole('status')).toHaveText('Loading the Communities Fund…');
    await expect(page.getByRole('link', { name: 'Communities Fund' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Peterborough City Council' })).toBeVisible();
    release();
    await expect(page.getByRole('heading', { level: 1, name: 'Funds' })).toBeVisible();
    await expect(page.getByText('Loading the Communities Fund…')).toHaveCount(0);
    await axe();
  });

  test('the app’s files come compressed, and hashed ones are kept for a year', async ({ request }) => {
    const page = await request.get('/', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.headers()['content-encoding']).toBe('br');
    expect(page.headers()['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(await page.text())?.[1] ?? '';
    const asset = await request.get(script, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers()['content-encoding']).toBe('gzip');
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request.get(`${script}.map`)).status()).toBe(404);
  });

  test('offline, a person is told so, and what they save waits and is sent when the connection is back @phone', async ({
    page,
    context,
    axe,
  }) => {
    const title = `Bench by the bus stop ${Date.now()}`;
    await signInAs(page, 'officer@demo.test');
    await page.goto('/project-bank/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Record a need' })).toBeVisible();
    await page.getByLabel('Ward').selectOption({ label: 'Ravensthorpe' });
    await page.getByLabel('Short name for the need').fill(title);
    await page
      .getByLabel('Describe the need')
      .fill('Older neighbours asked for somewhere to sit and talk together.');
    await page.getByLabel('Community consultation').check();
    const when = page.getByRole('group', { name: 'When was it found?' });
    await when.getByLabel('Day').fill('2');
    await when.getByLabel('Month').fill('4');
    await when.getByLabel('Year').fill('2019');

    await context.setOffline(true);
    const banner = page.getByRole('region', { name: 'You are offline' });
    await expect(banner).toContainText('Your internet connection has stopped.');
    await axe();

    await page.getByRole('button', { name: 'Save need' }).click();
    await expect(banner).toContainText(
      'Your changes have not been sent yet. They will be sent when your connection is back.',
    );
    await expect(page.getByRole('heading', { level: 1, name: 'Record a need' })).toBeVisible();
    await axe();

    await context.setOffline(false);
    await expect(page.getByRole('heading', { level: 1, name: 'Project bank' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'You are offline' })).toHaveCount(0);
    await page.getByLabel('Show needs in').selectOption({ label: 'Ravensthorpe' });
    await page.getByRole('button', { name: 'Show needs' }).click();
    await expect(page.getByRole('heading', { name: title })).toHaveCount(1);
  });
});
