// People: applicant accounts registered through the API, and roles an admin grants them.
import type { App } from '../../src/app.js';
import { Client } from '../support/client.js';

/** A new applicant account, signed in, from its own address (registrations are limited per address). */
let registrations = 0;
export async function registeredApplicant(app: App, email: string, name = 'Test Applicant'): Promise<Client> {
  registrations += 1;
  const client = new Client(app, `10.9.${Math.floor(registrations / 250)}.${(registrations % 250) + 1}`);
  const response = await client.post('/api/accounts', {
    name,
    email,
    password: 'a long and unusual passphrase',
  });
  if (response.statusCode !== 201) throw new Error(`Could not register ${email}: ${response.body}`);
  return client;
}

/** Gives a person an assessor role for one fund, as an admin does. */
export async function grantAssessorRole(admin: Client, userId: string, fundId: string): Promise<void> {
  const response = await admin.post(`/api/admin/users/${userId}/roles`, { role: 'assessor', fundId });
  if (response.statusCode !== 201) throw new Error(`Could not grant the role: ${response.body}`);
}
