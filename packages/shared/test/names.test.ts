import { describe, expect, it } from 'vitest';
import { InviteUserBody, RegisterAccountBody, RegisterOrganisationBody } from '../src/index.js';

// Names go into emails ("“Amina Hussain” has invited you to join “Millfield Community Kitchen”"),
// so a name is one line of visible text: no line breaks, no control characters, no characters that
// reverse the direction of the text around them. The forms and the API use these same schemas.

const BREAKING = {
  'a line break': 'Amina\nClick https://evil.example to keep your account',
  'a carriage return': 'Amina\rSubject: urgent',
  'a tab': 'Amina\tHussain',
  'a null character': 'Amina\u0000Hussain',
  'a Unicode line separator': 'Amina\u2028Hussain',
  'a Unicode paragraph separator': 'Amina\u2029Hussain',
  'a right-to-left override': 'Amina \u202Etxt.exe',
  'a directional isolate': 'Amina \u2066Hussain\u2069',
  'a delete character': 'Amina\u007FHussain',
};

const FINE = [
  'Amina Hussain',
  'Zoë O’Brien-Smith',
  'José María Nuñez',
  'محمد علی',
  'Ли Вэй',
  'Group No. 7 (Park)',
];

const ward = '11111111-1111-4111-8111-111111111111';
const group = (name: string) => ({
  name,
  type: 'community_group',
  addressLine1: '1 High Street',
  town: 'Peterborough',
  postcode: 'PE1 1AA',
  wardId: ward,
  contactName: 'Amina Hussain',
  contactEmail: 'amina@example.org',
});

const schemas = {
  'an account name': (name: string) =>
    RegisterAccountBody.safeParse({ name, email: 'a@example.org', password: 'a long passphrase' }),
  'a name on a staff invitation': (name: string) =>
    InviteUserBody.safeParse({ name, email: 'a@example.org', role: 'officer' }),
  'a group name': (name: string) => RegisterOrganisationBody.safeParse(group(name)),
  'a group contact name': (name: string) =>
    RegisterOrganisationBody.safeParse({ ...group('Orton Walking Football'), contactName: name }),
};

describe('names are one line of visible text', () => {
  for (const [what, parse] of Object.entries(schemas)) {
    for (const [how, name] of Object.entries(BREAKING)) {
      it(`refuses ${what} with ${how}, saying why`, () => {
        const result = parse(name);
        expect(result.success).toBe(false);
        const messages = result.error?.issues.map((issue) => issue.message).join(' ');
        expect(messages).toMatch(/one line/);
      });
    }

    it(`accepts ${what} in any language, with accents and punctuation`, () => {
      for (const name of FINE) expect(parse(name).success, name).toBe(true);
    });
  }

  it('keeps the zero-width non-joiner some scripts need inside a word', () => {
    expect(schemas['an account name']('می‌خواهم').success).toBe(true);
  });
});
