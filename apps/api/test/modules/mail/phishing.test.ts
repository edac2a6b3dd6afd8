import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { organisationIdOf, outboxMessages } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { HOUR } from '../../support/time.js';

// Gap: the service's emails could carry what anyone typed as if the council wrote it. Names are one
// line, what people typed is visibly quoted, and invitations are limited per sender and per
// recipient address per day.

const DAY = 24 * HOUR;
const BROKEN_NAME = 'Amina\nYour account is locked: sign in at https://evil.example';

describe('email as a phishing channel', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  describe('names with line breaks are refused, field by field, changing nothing', () => {
    it('refuses such a name for a new account', async () => {
      t = await buildTestApp();
      const error = await refusedChangingNothing(
        t.app,
        () =>
          new Client(t.app, '10.30.0.1').post('/api/accounts', {
            name: BROKEN_NAME,
            email: 'someone@example.org',
            password: 'a long and unusual passphrase',
          }),
        400,
        'validation_failed',
      );
      expect(error.fields?.name).toMatch(/one line/);
    });

    it('refuses such a name on a staff invitation', async () => {
      t = await buildTestApp();
      const admin = await signedIn(t.app, 'admin@demo.test');
      const error = await refusedChangingNothing(
        t.app,
        () =>
          admin.post('/api/admin/users', { name: BROKEN_NAME, email: 'new@example.org', role: 'officer' }),
        400,
        'validation_failed',
      );
      expect(error.fields?.name).toMatch(/one line/);
    });

    it('refuses such a group name', async () => {
      t = await buildTestApp();
      const amina = await signedIn(t.app, 'applicant@demo.test');
      const wardId = (await amina.get('/api/reference')).json().wards[0].id;
      const error = await refusedChangingNothing(
        t.app,
        () =>
          amina.post('/api/organisations', {
            name: 'Kitchen\r\nBcc: everyone@example.org',
            type: 'community_group',
            addressLine1: '1 High Street',
            town: 'Peterborough',
            postcode: 'PE1 1AA',
            wardId,
            contactName: 'Amina Hussain',
            contactEmail: 'amina@example.org',
          }),
        400,
        'validation_failed',
      );
      expect(error.fields?.name).toMatch(/one line/);
    });
  });

  describe('what people typed is visibly quoted', () => {
    it('quotes the inviter’s name and the group’s name in a group invitation, subject and body', async () => {
      t = await buildTestApp();
      const amina = await signedIn(t.app, 'applicant@demo.test');
      const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
      await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'bilal@example.org' });
      const [email] = outboxMessages(t.app, 'group_invitation');
      expect(email?.subject).toBe(
        '“Amina Hussain” has invited you to join “Millfield Community Kitchen” on the Communities Fund',
      );
      expect(email?.body).toContain(
        '“Amina Hussain” has invited you to join “Millfield Community Kitchen” on the Communities Fund grants service',
      );
    });

    it('quotes the name an admin typed on a staff invitation', async () => {
      t = await buildTestApp();
      const admin = await signedIn(t.app, 'admin@demo.test');
      await admin.post('/api/admin/users', { name: 'Jo Bloggs', email: 'jo@example.org', role: 'officer' });
      const [email] = outboxMessages(t.app, 'invitation');
      expect(email?.body).toContain('“Jo Bloggs”');
      expect(email?.body).not.toMatch(/(^|[^“])Jo Bloggs/m);
    });
  });

  describe('invitations are limited per day', () => {
    async function inviteToKitchen(member: Client, email: string) {
      const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
      return member.post(`/api/organisations/${kitchenId}/invitations`, { email });
    }

    it('lets a group member send 10 group invitations a day, then refuses with 429 and a clear message', async () => {
      t = await buildTestApp();
      const amina = await signedIn(t.app, 'applicant@demo.test');
      for (let i = 1; i <= 10; i++) {
        expect((await inviteToKitchen(amina, `friend${i}@example.org`)).statusCode, `invitation ${i}`).toBe(
          201,
        );
      }
      const error = await refusedChangingNothing(
        t.app,
        () => inviteToKitchen(amina, 'friend11@example.org'),
        429,
        'rate_limited',
      );
      expect(error.message).toMatch(/You have sent 10 invitations today/);
      const refused = await inviteToKitchen(amina, 'friend11@example.org');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(DAY / 1000);

      // A day later (and signed in again: sessions last 12 hours), the next one goes.
      t.clock.advance(DAY);
      expect(
        (await inviteToKitchen(await signedIn(t.app, 'applicant@demo.test'), 'friend11@example.org'))
          .statusCode,
      ).toBe(201);
    });

    it('sends one address no more than 3 invitations a day, whoever sends them', async () => {
      t = await buildTestApp();
      const amina = await signedIn(t.app, 'applicant@demo.test');
      const tomas = await signedIn(t.app, 'applicant2@demo.test');
      const vytisId = organisationIdOf(t.app, 'Basketball Club Vytis');
      expect((await inviteToKitchen(amina, 'target@example.org')).statusCode).toBe(201);
      expect((await inviteToKitchen(amina, 'target@example.org')).statusCode).toBe(201);
      expect(
        (await tomas.post(`/api/organisations/${vytisId}/invitations`, { email: 'target@example.org' }))
          .statusCode,
      ).toBe(201);
      const error = await refusedChangingNothing(
        t.app,
        () => tomas.post(`/api/organisations/${vytisId}/invitations`, { email: 'Target@Example.org' }),
        429,
        'rate_limited',
      );
      expect(error.message).toMatch(/target@example.org has been sent 3 invitations today/);
      // A staff invitation to the same address counts too.
      const admin = await signedIn(t.app, 'admin@demo.test');
      expectError(
        await admin.post('/api/admin/users', {
          name: 'Target',
          email: 'target@example.org',
          role: 'officer',
        }),
        429,
        'rate_limited',
      );
      expect(outboxMessages(t.app).filter((m) => m.to === 'target@example.org')).toHaveLength(3);

      t.clock.advance(DAY);
      expect(
        (await inviteToKitchen(await signedIn(t.app, 'applicant@demo.test'), 'target@example.org'))
          .statusCode,
      ).toBe(201);
    });

    it('lets an admin send 20 staff invitations a day, then refuses with 429', async () => {
      t = await buildTestApp();
      const admin = await signedIn(t.app, 'admin@demo.test');
      for (let i = 1; i <= 20; i++) {
        const response = await admin.post('/api/admin/users', {
          name: `Colleague ${i}`,
          email: `colleague${i}@example.org`,
          role: 'assessor',
        });
        expect(response.statusCode, `invitation ${i}`).toBe(201);
      }
      const error = await refusedChangingNothing(
        t.app,
        () =>
          admin.post('/api/admin/users', { name: 'One More', email: 'more@example.org', role: 'assessor' }),
        429,
        'rate_limited',
      );
      expect(error.message).toMatch(/You have sent 20 invitations today/);
      t.clock.advance(DAY);
      const adminAgain = await signedIn(t.app, 'admin@demo.test');
      expect(
        (
          await adminAgain.post('/api/admin/users', {
            name: 'One More',
            email: 'more@example.org',
            role: 'assessor',
          })
        ).statusCode,
      ).toBe(201);
    });
  });
});
