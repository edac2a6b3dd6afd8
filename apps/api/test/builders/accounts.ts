// People: applicant accounts registered through the API, and roles an admin grants them.
import type { App } from '../../src/app.js';
import { Client } from '../support/client.js';
import { accountLinkTokenFor } from '../support/database.js';

export const APPLICANT_PASSWORD = 'a long and unusual passphrase';

/**
 * A new applicant account, as a person makes one: registered, the address confirmed with the
 * emailed link, then signed in. From its own address (registrations are limited per address).
 */
let registrations = 0;
export async function registeredApplicant(app: App, email: string, name = 'Test Applicant'): Promise<Client> {
  registrations += 1;
  const client = new Client(app, `10.9.${Math.floor(registrations / 250)}.${(registrations % 250) + 1}`);
  const response = await client.post('/api/accounts', { name, email, password: APPLICANT_PASSWORD });
  if (response.statusCode !== 202) throw new Error(`Could not register ${email}: ${response.body}`);
  const address = email.trim().toLowerCase();
  const token = accountLinkTokenFor(app, address, 'email_verification');
  const confirmed = await client.post('/api/accounts/email-verification', { token });
  if (confirmed.statusCode !== 200) throw new Error(`Could not confirm ${email}: ${confirmed.body}`);
  const signedIn = await client.login(address, APPLICANT_PASSWORD);
  if (signedIn.statusCode !== 200) throw new Error(`Could not sign in as ${email}: ${signedIn.body}`);
  return client;
}

/** Gives a person an assessor role for one fund, as an admin does. */
export async function grantAssessorRole(admin: Client, userId: string, fundId: string): Promise<void> {
  const response = await admin.post(`/api/admin/users/${userId}/roles`, { role: 'assessor', fundId });
  if (response.statusCode !== 201) throw new Error(`Could not grant the role: ${response.body}`);
}
