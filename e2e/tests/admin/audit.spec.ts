import { expect, JOURNEY_LIMIT_MS, signInAs, test, uniqueEmail } from '../../fixtures';
import { ApiUser } from '../../fixtures/api';

test.describe('The audit trail', () => {
  test('reads in words, with links to the people and records, filters, the raw entry one click away, and a CSV @phone', async ({
    page,
    axe,
    baseURL,
    playwright,
  }) => {
    // A multi-page journey; on a phone each page is also measured at two widths.
    test.setTimeout(JOURNEY_LIMIT_MS);
    // Someone of this journey's own, so journeys running beside it cannot get in its way.
    const person = `Farah Begum ${Date.now()}`;
    const applicant = await ApiUser.register(playwright.request, baseURL ?? '', person, uniqueEmail('audit'));
    const { id } = await applicant.get<{ id: string }>('/api/auth/me');
    await applicant.dispose();
    await signInAs(page, 'admin@demo.test');

    // Something to find: the admin gives them a role and takes it away again.
    await page.goto(`/admin/users/${id}`);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Assessor' });
    await page.getByRole('button', { name: 'Add role' }).click();
    await expect(page.getByText(`${person} is now assessor.`)).toBeVisible();
    await page.getByRole('button', { name: 'Remove Assessor role' }).click();
    await page.getByRole('button', { name: 'Yes, remove the Assessor role' }).click();
    await expect(page.getByText('Assessor role removed.')).toBeVisible();
    const helenPage = new URL(page.url()).pathname;

    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    const entries = page.getByRole('list', { name: 'Entries' });
    // The newest such entry (journeys running beside this one may have made one too).
    const removed = entries
      .getByRole('listitem')
      .filter({ hasText: `Alex Morgan removed the assessor role from ${person}` })
      .first();
    await expect(removed).toBeVisible();
    await expect(removed.getByRole('link', { name: person })).toHaveAttribute('href', helenPage);
    await expect(removed.getByRole('link', { name: 'Alex Morgan' })).toBeVisible();
    // The raw entry stays one click away.
    await removed.getByText('Show the entry as recorded').click();
    await expect(removed).toContainText('user.role_revoked');
    await expect(removed).toContainText('"role": "assessor"');
    await expect(entries.locator('.app-audit__sentence').first()).not.toContainText('user.');
    await axe();

    // Filters: by person, kind and dates, kept in the address.
    await page.getByLabel('Person’s email address').fill('admin@demo.test');
    await page.getByLabel('Kind of action').selectOption({ label: 'People and their roles' });
    const today = new Date();
    const from = page.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill(String(today.getDate()));
    await from.getByLabel('Month').fill(String(today.getMonth() + 1));
    await from.getByLabel('Year').fill(String(today.getFullYear()));
    await page.getByRole('button', { name: 'Show entries' }).click();
    await expect(page).toHaveURL(/person=admin%40demo\.test/);
    await expect(page).toHaveURL(/kind=user/);
    await expect(entries.getByRole('listitem').first()).toContainText('Alex Morgan');
    for (const text of await entries
      .getByRole('listitem')
      .locator('.app-audit__sentence')
      .allTextContents()) {
      expect(text).toMatch(/^Alex Morgan /);
    }
    await expect(entries).toContainText(`Alex Morgan gave ${person} the assessor role`);
    await axe();

    // A person nobody is, said on the field.
    await page.getByLabel('Person’s email address').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await expect(page.getByRole('link', { name: 'There is no one with this email address' })).toBeVisible();
    await axe();

    // The CSV holds what the filters match, in words.
    await page.goto('/admin/audit?kind=user&person=admin%40demo.test');
    const csvLink = page.getByRole('link', { name: 'Download these entries (CSV)' });
    const href = (await csvLink.getAttribute('href')) ?? '';
    expect(href).toBe('/api/admin/audit.csv?kind=user&person=admin%40demo.test');
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(`Alex Morgan removed the assessor role from ${person}`);

    // From a record's entry, its own history.
    await page.goto('/admin/audit');
    await entries
      .getByRole('listitem')
      .filter({ hasText: `Alex Morgan removed the assessor role from ${person}` })
      .first()
      .getByText('Show the entry as recorded')
      .click();
    await page.getByRole('link', { name: `Everything about ${person}` }).click();
    await expect(page).toHaveURL(/entityType=user&entityId=/);
    await expect(entries.getByRole('listitem').first()).toContainText(person);
    await axe();
  });
});
