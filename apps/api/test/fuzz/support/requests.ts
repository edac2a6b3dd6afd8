// Requests from and around a route's schema: path values, query strings, bodies, content types.
import fc from 'fast-check';
import { type Caller, type Method, type Operation, type Parameter, SECTION_DATA, UPLOADS } from './routes.js';
import {
  anyValue,
  fuzzValue,
  type Ids,
  nastyString,
  PROTOTYPE_KEYS,
  type Schema,
  toJson,
  validValue,
} from './values.js';

export interface FuzzRequest {
  caller: Caller;
  method: Method;
  url: string;
  headers: Record<string, string>;
  /** The body as sent (undefined: none). */
  payload?: string | Buffer;
}

/** Ids of real records a path parameter may name, read from the database before each route. */
export type IdPools = Ids;

/** Percent-encoded, with lone surrogates (which no URL can carry) made well-formed first. */
const encode = (value: unknown) =>
  encodeURIComponent(
    String(value).replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );

const pathSegment = (name: string, schema: Schema, pools: IdPools): fc.Arbitrary<string> => {
  const real = pools[name] ?? [];
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 2, arbitrary: validValue(schema).map(encode) },
    { weight: 2, arbitrary: fc.oneof(fuzzValue(schema), nastyString).map(encode) },
    // Not encoded at all: broken percent-escapes, dots, slashes.
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '.', '%2e%2e', 'a%2Fb', '%00', '%C0%AE'),
    },
  ];
  if (real.length > 0) options.push({ weight: 4, arbitrary: fc.constantFrom(...real) });
  // Records of the group the applicant or member belongs to, so their requests get past access.
  const own = pools[`own:${name}`] ?? [];
  if (own.length > 0) options.push({ weight: 4, arbitrary: fc.constantFrom(...own) });
  return fc.oneof(...options);
};

function queryValue(schema: Schema, name: string, ids: Ids): fc.Arbitrary<string[]> {
  const one = fuzzValue(schema, 0, ids, name).map((v) => (typeof v === 'string' ? v : toJson(v)));
  return fc.oneof(
    { weight: 6, arbitrary: one.map((v) => [v]) },
    // The same key twice: an array where one value is expected.
    { weight: 1, arbitrary: fc.tuple(one, one).map(([a, b]) => [a, b]) },
  );
}

/** The query string: the route's parameters, some missing, some wrong, and keys it does not name. */
function queryString(parameters: Parameter[], ids: Ids): fc.Arbitrary<string> {
  const named = parameters.filter((p) => p.in === 'query');
  // Either every value as the schema asks (to reach the service), or each from and around it.
  const asked = fc.record(
    Object.fromEntries(
      named.map((p) => [
        p.name,
        fc.option(
          validValue(p.schema, 0, p.name, ids).map((v) => [String(v)]),
          { freq: 2 },
        ),
      ]),
    ),
  );
  const around = fc.record(
    Object.fromEntries(named.map((p) => [p.name, fc.option(queryValue(p.schema, p.name, ids), { freq: 3 })])),
  );
  const values = fc.oneof(asked, around);
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              ...PROTOTYPE_KEYS,
              '__proto__[polluted]',
              'constructor[prototype][polluted]',
              'a[b][c]',
            ),
            fc.string({ maxLength: 10 }),
          ),
          fc.oneof(nastyString, fc.constant('1')),
        ),
        { maxLength: 3 },
      ),
    },
  );
  return fc.tuple(values, extra).map(([record, extras]) => {
    const search = new URLSearchParams();
    for (const [name, list] of Object.entries(record)) for (const v of list ?? []) search.append(name, v);
    for (const [k, v] of extras) search.append(k, v);
    const text = search.toString();
    return text ? `?${text}` : '';
  });
}

const JSON_TYPE = 'application/json';

/**
 * The body: mostly JSON from and around the schema; sometimes no body, an empty one, text that is
 * not JSON, JSON that is not an object, more than the server takes, or the wrong content type.
 */
interface Body {
  payload?: string | Buffer;
  contentType?: string;
}

const bytes = (text: string) => Buffer.from(text, 'latin1');
const randomBytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a));

/** What an uploaded file holds: accepted kinds by their first bytes, and what only looks like one. */
const fileContent: fc.Arbitrary<Buffer> = fc.oneof(
  randomBytes.map((b) => Buffer.concat([bytes('%PDF-1.4\n'), b])),
  randomBytes.map((b) => Buffer.concat([bytes('\x89PNG\r\n\x1a\n'), b])),
  randomBytes.map((b) => Buffer.concat([bytes('\xff\xd8\xff\xe0'), b])),
  // Zip archives (Office files) with a central directory pointing anywhere.
  fc
    .tuple(
      randomBytes,
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0, max: 0xffffffff }),
      randomBytes,
    )
    .map(([head, count, offset, tail]) => {
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(count, 10);
      end.writeUInt32LE(offset, 16);
      return Buffer.concat([bytes('PK\x03\x04'), head, bytes('PK\x01\x02'), tail, end]);
    }),
  fc.constant(bytes('PK\x03\x04\x14\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text')),
  randomBytes,
  fc.constant(Buffer.alloc(0)),
  fc.constant(bytes('MZ\x90\x00 this program cannot be run in DOS mode')),
  fc.constant(bytes('%PDF-')),
  // Just over the 10 MB limit.
  fc.constant(null).map(() => Buffer.concat([bytes('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)])),
);

const filename = fc.oneof(
  fc.constantFrom(
    'report.pdf',
    'accounts 2025.pdf',
    '',
    '../../../etc/passwd',
    'a\\b\\c.pdf',
    '.pdf',
    'CON',
    'x"; y=".pdf',
  ),
  nastyString.map((s) => s.replace(/["\r\n]/g, '').slice(0, 300)),
);

/**
 * A multipart form as a browser sends it, or broken: fields from and around the route's, "file" as
 * a file or a field, files under other names, parts repeated, the boundary wrong or never closed.
 */
function multipart(fields: Record<string, string[]>): fc.Arbitrary<Body> {
  const fieldPart = fc.tuple(
    fc.oneof(fc.constantFrom(...Object.keys(fields), 'file', 'extra'), fc.string({ maxLength: 10 })),
    fc.oneof(
      ...Object.values(fields).map((values) => fc.constantFrom(...values)),
      nastyString.map((s) => s.slice(0, 2000)),
    ),
  );
  const filePart = fc.tuple(
    fc.constantFrom('file', 'file', 'other', 'kind'),
    filename,
    fc.constantFrom('application/pdf', 'image/png', 'application/octet-stream', ''),
    fileContent,
  );
  const part = fc.oneof(
    fieldPart.map(
      ([name, value]) =>
        bytes(`Content-Disposition: form-data; name="${name}"\r\n\r\n`).toString('latin1') +
        Buffer.from(value).toString('latin1'),
    ),
    filePart.map(
      ([name, file, type, content]) =>
        `Content-Disposition: form-data; name="${name}"; filename="${Buffer.from(file).toString('latin1')}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content.toString('latin1')}`,
    ),
  );
  const formFields = Object.entries(fields).map(([name, values]) =>
    fc
      .constantFrom(...values)
      .map((value) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`),
  );
  const theFile = filePart.map(
    ([, file, type, content]) =>
      `Content-Disposition: form-data; name="file"; filename="${Buffer.from(file).toString('latin1')}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content.toString('latin1')}`,
  );
  const parts = fc.oneof(
    // What the form sends, with the file's name and bytes from and around what is accepted.
    fc.tuple(fc.tuple(...formFields), theFile).map(([form, file]) => [...form, file]),
    fc.array(part, { maxLength: 12 }),
  );
  return fc
    .tuple(
      parts,
      fc.constantFrom(
        'well-formed',
        'well-formed',
        'well-formed',
        'unclosed',
        'other-boundary',
        'no-boundary',
      ),
    )
    .map(([list, shape]) => {
      const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
      const body = `${list.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}${shape === 'unclosed' ? '' : `--${boundary}--\r\n`}`;
      const contentType =
        shape === 'other-boundary'
          ? 'multipart/form-data; boundary=somethingElse'
          : shape === 'no-boundary'
            ? 'multipart/form-data'
            : `multipart/form-data; boundary=${boundary}`;
      return { payload: Buffer.from(body, 'latin1'), contentType };
    });
}

function body(schema: Schema | undefined, ids: Ids): fc.Arbitrary<Body> {
  const json = (schema ? fuzzValue(schema, 0, ids) : anyValue).map((v) => ({
    payload: toJson(v),
    contentType: JSON_TYPE,
  }));
  const notJson = fc
    .constantFrom(
      '{',
      '{"a":}',
      "{'a':1}",
      '{"a":1,}',
      'undefined',
      'NaN',
      '\uFEFF{}',
      '{"a":1}{"b":2}',
      '{"a":"\\ud800"}',
      '{"__proto__":{"polluted":"fuzz"}}',
      '{"constructor":{"prototype":{"polluted":"fuzz"}}}',
      '{"a":1,"a":2}',
      'null',
      '[]',
      '"text"',
      '0',
      'true',
    )
    .map((payload) => ({ payload, contentType: JSON_TYPE }));
  const otherTypes = fc
    .tuple(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/vnd.api+json',
        'APPLICATION/JSON',
        '*/*',
        '',
      ),
      schema ? validValue(schema, 0, '', ids) : fc.constant({}),
    )
    .map(([contentType, value]) => ({ payload: toJson(value), contentType }));
  return fc.oneof(
    { weight: 12, arbitrary: json },
    { weight: 2, arbitrary: notJson },
    { weight: 2, arbitrary: otherTypes },
    { weight: 1, arbitrary: fc.constant<Body>({}) },
    { weight: 1, arbitrary: fc.constant({ payload: '', contentType: JSON_TYPE }) },
    {
      weight: 1,
      arbitrary: fc.constant({ payload: `{"a":"${'z'.repeat(1_100_000)}"}`, contentType: JSON_TYPE }),
    },
  );
}

/** Every request this route may be sent, as one of these callers. */
export function requestsFor(
  operation: Operation,
  callers: Caller[],
  pools: IdPools,
): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const pathValues = fc.record(
    Object.fromEntries(pathParameters.map((p) => [p.name, pathSegment(p.name, p.schema, pools)])),
  );
  const sendsBody = operation.method !== 'GET';
  // A section's answers are checked against the schema of the section the path names: generate them
  // from that schema (and around it), not from the route's "any record".
  const sections = SECTION_DATA[operation.id];
  const upload = UPLOADS[operation.id];
  const pathAndBody = pathValues.chain((values) => {
    let schema = operation.body;
    const section = sections?.[values.section ?? ''];
    if (schema && section) schema = { ...schema, properties: { ...schema.properties, data: section } };
    return fc.record({
      path: fc.constant(operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')),
      body: upload
        ? fc.oneof({ weight: 3, arbitrary: multipart(upload) }, { weight: 1, arbitrary: body(schema, pools) })
        : sendsBody
          ? body(schema, pools)
          : fc.constant<Body>({}),
    });
  });
  const headerParameters = operation.parameters.filter((p) => p.in === 'header');
  const headers = fc.record(
    Object.fromEntries(
      headerParameters.map((p) => [
        p.name,
        fc.option(
          fuzzValue(p.schema).map((v) => String(v).replace(/[^\x20-\x7e]/g, '')),
          { freq: 4 },
        ),
      ]),
    ),
  );
  return fc
    .record({
      caller: fc.constantFrom(...callers),
      pathAndBody,
      query: queryString(operation.parameters, pools),
      headers,
    })
    .map(({ caller, pathAndBody: { path, body }, query, headers }) => {
      const sent: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) if (value !== null) sent[name] = value;
      if (body.contentType !== undefined) sent['content-type'] = body.contentType;
      return {
        caller,
        method: operation.method,
        url: `${path}${query}`,
        headers: sent,
        payload: body.payload,
      };
    });
}
