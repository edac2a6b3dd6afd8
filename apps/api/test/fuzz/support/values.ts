// Values from and around a JSON Schema (the request schemas of /api/openapi.json, which Zod writes):
// what the schema asks for, the same with one thing wrong, and input no schema expects.
import fc from 'fast-check';

/** The JSON Schema keywords the API's request schemas use (checked by the coverage test). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
}

export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'default',
]);

/**
 * Stands in a generated value for text too deep to build as a JavaScript value (JSON.stringify
 * itself would overflow): `toJson` swaps the marker for the text it names.
 */
const RAW_MARK = '\u0001fuzz-deep';
function deep(kind: 'array' | 'object', depth: number): string {
  return `${RAW_MARK}:${kind}:${depth}`;
}
function deepText(kind: string, depth: number): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The JSON text of a generated value, with any deeply nested parts put in place. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/"\\u0001fuzz-deep:(array|object):(\d+)"/g, (_, kind: string, n: string) =>
    deepText(kind, Number(n)),
  );
}

/** An object with own keys that JSON.parse would give (including `__proto__`). */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const POLLUTION = { polluted: 'fuzz', isAdmin: true, roles: ['admin'] };

/** Keys that attack the prototype, or the code that copies objects. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const deepArray = fc.constantFrom(50, 1_000, 20_000).map((n) => deep('array', n));
const deepObject = fc.constantFrom(50, 1_000, 20_000).map((n) => deep('object', n));

/** Strings no form sends: empty, blank, huge, control characters, broken unicode, injections. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF\uD800',
    '\u202Eevil',
    '\uFEFF',
    'ﬃ',
    'İ',
    'ß',
    '👩🏽‍🚀',
    'e\u0301',
    "' OR 1=1 --",
    '"; drop table bids; --',
    '<script>alert(1)</script>',
    '{{7*7}}',
    '$' + '{7*7}',
    '../../../etc/passwd',
    '%00',
    '%zz',
    'null',
    'undefined',
    'NaN',
    'true',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
    '=cmd|" /C calc"!A0',
    '+44 1733 000000',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(300, 10_001, 200_000).map((n) => 'x'.repeat(n)),
  fc.constantFrom(300, 10_001).map((n) => '😀'.repeat(n)),
);

/** Strings that look like ids or dates but are not quite. */
const malformedIdOrDate = fc.oneof(
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => u.slice(0, -1)),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => u.replaceAll('-', '')),
  fc.uuid().map((u) => `${u.slice(0, 14)}9${u.slice(15)}`),
  fc.uuid().map((u) => ` ${u} `),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '0000-00-00',
    '99999-01-01',
    '-2026-01-01',
    '2026-1-1',
    '2026-01-01T25:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+99:00',
    '2026-03-29T01:30:00Z',
    '1970-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '2026-W10',
    '01/02/2026',
    'today',
  ),
);

/** Numbers no form sends. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    -1.5,
    0.1 + 0.2,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER - 2,
    1e21,
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Anything at all, with the wrong type for most schemas. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  nastyNumber,
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  deepArray,
  deepObject,
  fc.constant(withOwnKey({}, '__proto__', POLLUTION)),
  fc.constant({ constructor: { prototype: POLLUTION } }),
);

function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
}

function isoDateTime(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());
}

function matching(pattern: string, maxLength: number | undefined): fc.Arbitrary<string> {
  try {
    const arb = fc.stringMatching(new RegExp(pattern));
    return maxLength === undefined ? arb : arb.map((s) => s.slice(0, maxLength));
  } catch {
    return fc.string({ maxLength: maxLength ?? 40 });
  }
}

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  return [];
}

const MAX_DEPTH = 4;

/** Ids of real records, by what a field is called (`wardIds`, `mainPriorityId`, `assessorId`…). */
export type Ids = Record<string, string[]>;

const ID_FIELDS: [RegExp, string][] = [
  [/ward/i, 'wardId'],
  [/priorit/i, 'priorityId'],
  [/need/i, 'needId'],
  [/fund/i, 'fundId'],
  [/organisation|group/i, 'organisationId'],
  [/assessor|user|actor|person/i, 'anyUserId'],
  [/bid/i, 'bidId'],
  [/grant/i, 'grantId'],
  [/attachment|document/i, 'attachmentId'],
];

function realIds(name: string, ids: Ids): string[] {
  if (!/ids?$/i.test(name)) return [];
  const pool = ID_FIELDS.find(([pattern]) => pattern.test(name))?.[1];
  return pool ? (ids[pool] ?? []) : [];
}

/** A value the schema accepts (or very nearly: patterns cut to length, strings the service may refuse). */
export function validValue(schema: Schema, depth = 0, name = '', ids: Ids = {}): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(s, depth, name, ids)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const types = typesOf(schema);
  if (types.length > 1)
    return fc.oneof(...types.map((type) => validValue({ ...schema, type }, depth, name, ids)));
  switch (types[0]) {
    case 'string': {
      // Checked by the service rather than the schema: an address that looks like one.
      if (/email/i.test(name)) return fc.oneof(fc.emailAddress(), fc.constant('someone@example.org'));
      const real = realIds(name, ids);
      if (schema.format === 'uuid' && real.length > 0) {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...real) },
          { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
        );
      }
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (schema.format === 'date') return isoDate();
      if (schema.format === 'date-time') return isoDateTime();
      if (schema.pattern) return matching(schema.pattern, schema.maxLength);
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 60, 400));
      return fc.oneof(
        fc.string({ minLength: min, maxLength: max }),
        fc.lorem({ maxCount: 8 }).map((s) => s.padEnd(min, 'x').slice(0, max)),
        fc.constant('Millfield Community Kitchen'.padEnd(min, '.').slice(0, max)),
      );
    }
    case 'integer': {
      const least = schema.exclusiveMinimum === undefined ? schema.minimum : schema.exclusiveMinimum + 1;
      const min = Math.max(least ?? -1_000_000, Number.MIN_SAFE_INTEGER);
      const max = Math.min(schema.maximum ?? 3_000_000, Number.MAX_SAFE_INTEGER);
      return fc.oneof(
        fc.integer({ min, max }),
        fc.constantFrom(min, max),
        fc.integer({ min, max: Math.min(max, min + 50) }),
      );
    }
    case 'number': {
      const min = schema.exclusiveMinimum ?? schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ?? {};
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 6));
      return depth >= MAX_DEPTH
        ? fc.constant([])
        : fc.array(validValue(items, depth + 1, name, ids), { minLength, maxLength });
    }
    case 'object':
      return validObject(schema, depth, ids);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validObject(schema: Schema, depth: number, ids: Ids): fc.Arbitrary<unknown> {
  if (depth >= MAX_DEPTH) return fc.constant({});
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    // A record (e.g. a bid section's answers, checked by the service): any JSON, keyed by strings.
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    return fc.dictionary(fc.string({ maxLength: 20 }), fuzzValue(values, depth + 1, ids), { maxKeys: 6 });
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) record[key] = validValue(properties[key] ?? {}, depth + 1, key, ids);
  return fc.record(record, { requiredKeys: schema.required ?? [] });
}

/** A value with something wrong: the wrong type, out of range, malformed, or hostile. */
export function invalidValue(schema: Schema, depth = 0, ids: Ids = {}): fc.Arbitrary<unknown> {
  const types = typesOf(schema);
  const near: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) {
    const first = String(schema.enum[0] ?? '');
    near.push(fc.constantFrom(first.toUpperCase(), ` ${first}`, `${first} `, `${first}x`, ''));
  }
  if (types.includes('string')) {
    const max = schema.maxLength;
    const min = schema.minLength ?? 0;
    near.push(nastyString, malformedIdOrDate);
    if (max !== undefined)
      near.push(fc.constantFrom(max + 1, max + 2, max * 10 + 1).map((n) => 'y'.repeat(n)));
    if (min > 0) near.push(fc.constant('y'.repeat(min - 1)));
  }
  if (types.includes('integer') || types.includes('number')) {
    near.push(nastyNumber);
    if (schema.minimum !== undefined) near.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 0.5));
    if (schema.maximum !== undefined) near.push(fc.constantFrom(schema.maximum + 1, schema.maximum + 0.5));
    near.push(fc.integer({ min: -1000, max: 1000 }).map(String));
  }
  if (types.includes('boolean')) near.push(fc.constantFrom('true', 'false', 0, 1, 'yes', 'on'));
  if (types.includes('array')) {
    const items = schema.items ?? {};
    near.push(
      fc.array(invalidValue(items, depth + 1, ids), { minLength: 1, maxLength: 3 }),
      fc
        .constantFrom(schema.maxItems ?? 100, 10_000)
        .chain((n) =>
          validValue(items, depth + 1, '', ids).map((item) => Array.from({ length: n + 1 }, () => item)),
        ),
    );
  }
  if (types.includes('object') && depth < MAX_DEPTH) near.push(invalidObject(schema, depth, ids));
  near.push(anyValue);
  return fc.oneof(...near);
}

/** An object with a field missing, a field wrong, fields the schema does not name, or prototype keys. */
function invalidObject(schema: Schema, depth: number, ids: Ids): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  const base = validObject(schema, depth, ids) as fc.Arbitrary<Record<string, unknown>>;
  const options: fc.Arbitrary<unknown>[] = [
    // Extra fields, including the keys that attack prototypes.
    fc
      .tuple(base, fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'id', 'status', 'createdBy', 'role'), anyValue)
      .map(([object, key, value]) => withOwnKey(object, key, value)),
    fc.tuple(base).map(([object]) => withOwnKey(object, '__proto__', POLLUTION)),
  ];
  if (keys.length > 0) {
    const keyArb = fc.constantFrom(...keys);
    options.push(
      // A field missing.
      fc.tuple(base, keyArb).map(([object, key]) => {
        const copy = { ...object };
        delete copy[key];
        return copy;
      }),
      // One field wrong.
      keyArb.chain((key) =>
        fc
          .tuple(base, invalidValue(properties[key] ?? {}, depth + 1, ids))
          .map(([object, value]) => ({ ...object, [key]: value })),
      ),
      // Every field wrong in its own way.
      fc.record(
        Object.fromEntries(keys.map((key) => [key, fuzzValue(properties[key] ?? {}, depth + 1, ids, key)])),
      ),
    );
  }
  return fc.oneof(...options);
}

/** From and around the schema: mostly what it asks for, often something wrong. */
export function fuzzValue(schema: Schema, depth = 0, ids: Ids = {}, name = ''): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: validValue(schema, depth, name, ids) },
    { weight: 2, arbitrary: invalidValue(schema, depth, ids) },
  );
}
