import fc from 'fast-check';
import { type JsonSchema, type OpenApiDocument, type Operation, resolve } from './openapi';

/** Strings that have broken web applications before: injections, encodings, sizes. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(0) --',
  '" OR ""="',
  '\\',
  '\\x00',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  'e\u0301\u0301\u0301',
  '𝕳𝖊𝖑𝖑𝖔 👩🏽‍🌾🇫🇷',
  'Œuvre «à» l’été — Saint-Étienne',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template-injection probe
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9999999999999999999999',
  '2026-02-30T25:61:00Z',
  'true',
  '[]',
  '{}',
  'a'.repeat(300),
  'é'.repeat(5_000),
  'x'.repeat(70_000),
] as const;

/** A megabyte and a bit: over the server's body limit once serialised. */
const HUGE_STRING = 'z'.repeat(1_100_000);

export const nastyString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(HUGE_STRING) },
);

/** Any JSON value at all, nasty strings included: wrong types for whatever the route expects. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      1e308,
      [],
      {},
      [null],
      { __proto__: null, constructor: { prototype: { polluted: true } } },
    ),
  },
);

const DEPTH_LIMIT = 4;

/**
 * Values the running server knows: slugs and ids read from its lists, and (signed in) the
 * account's own email and password. Keyed by parameter or property name.
 */
export type KnownValues = Map<string, string[]>;

const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('example.org', 'exemple.fr', 'EXAMPLE.ORG'))
  .map(([local, domain]) => `${local}@${domain}`);

/** JSON-schema-driven value generators for one OpenAPI document. */
export function schemaArbitraries(document: OpenApiDocument, known: KnownValues) {
  /**
   * Values shaped like the schema, so that requests get past validation into the services where
   * database errors hide. With `chaos`, any node may turn into junk and objects may grow
   * unexpected keys; without it the value is meant to be valid (strings may still be odd).
   */
  function fromSchema(raw: JsonSchema | undefined, chaos: boolean, depth = 0, name = ''): fc.Arbitrary<unknown> {
    const value = shaped(raw ?? {}, chaos, depth, name);
    return chaos ? fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: junkValue }) : value;
  }

  function shaped(raw: JsonSchema, chaos: boolean, depth: number, name: string): fc.Arbitrary<unknown> {
    const schema = resolve<JsonSchema>(document, raw);
    // A boolean schema (`items: false` after a tuple's `prefixItems`) describes no shape.
    if (typeof schema !== 'object' || schema === null || depth > DEPTH_LIMIT) return junkValue;
    if (Array.isArray(schema.prefixItems)) {
      return fc.tuple(...schema.prefixItems.map((item) => fromSchema(item, chaos, depth + 1, name)));
    }
    if ('const' in schema) return fc.constant(schema.const);
    if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives && alternatives.length > 0) {
      return fc.oneof(...alternatives.map((alternative) => shaped(alternative, chaos, depth + 1, name)));
    }
    if (schema.allOf && schema.allOf.length > 0) return shaped(mergeAll(schema.allOf), chaos, depth + 1, name);
    const types = Array.isArray(schema.type) ? [...schema.type] : schema.type ? [schema.type] : [];
    if (schema.nullable) types.push('null');
    if (types.length > 1) {
      return fc.oneof(...types.map((type) => shaped({ ...schema, type, nullable: false }, chaos, depth, name)));
    }
    switch (types[0] ?? (schema.properties ? 'object' : undefined)) {
      case 'string':
        return stringFor(schema, chaos, name);
      case 'integer':
        return fc.integer({
          min: Math.max(Math.ceil(schema.minimum ?? -1_000_000), -(2 ** 40)),
          max: Math.min(Math.floor(schema.maximum ?? 1_000_000), 2 ** 40),
        });
      case 'number':
        return fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          min: schema.minimum ?? -1e9,
          max: schema.maximum ?? 1e9,
        });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(fromSchema(schema.items, chaos, depth + 1, name), {
          minLength: Math.min(schema.minItems ?? 0, 5),
          maxLength: Math.min(Math.max(schema.maxItems ?? 5, schema.minItems ?? 0), 5),
        });
      case 'object':
        return objectFor(schema, chaos, depth);
      default:
        return junkValue;
    }
  }

  function stringFor(schema: JsonSchema, chaos: boolean, name: string): fc.Arbitrary<string> {
    const existing = known.get(name) ?? [];
    let typical: fc.Arbitrary<string> = fc.string({
      unit: 'grapheme',
      minLength: schema.minLength ?? 0,
      maxLength: Math.min(schema.maxLength ?? 60, Math.max(schema.minLength ?? 0, 60)),
    });
    // Formats that zod pipes and transforms hide from the document are guessed from the name.
    if (schema.format === 'email' || /email/i.test(name)) typical = fc.oneof(simpleEmail, fc.emailAddress());
    else if (schema.format === 'date-time') typical = isoDate;
    else if (schema.format === 'uuid') typical = fc.uuid();
    else if (schema.format === 'uri' || schema.format === 'url') typical = fc.webUrl();
    else if (schema.pattern) typical = fc.stringMatching(safeRegExp(schema.pattern));
    return fc.oneof(
      ...(existing.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...existing) }] : []),
      { weight: 4, arbitrary: typical },
      ...(chaos ? [{ weight: 2, arbitrary: nastyString }] : []),
    );
  }

  function objectFor(schema: JsonSchema, chaos: boolean, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, value] of Object.entries(properties)) model[key] = fromSchema(value, chaos, depth + 1, key);
    const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    if (!chaos) return record;
    // An unexpected extra key now and then: strict schemas must refuse it with a 400.
    const extra = fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'id', 'role', 'isAdmin'), junkValue), {
      freq: 6,
    });
    return fc.tuple(record, extra).map(([value, more]) => (more ? { ...value, [more[0]]: more[1] } : value));
  }

  function mergeAll(schemas: JsonSchema[]): JsonSchema {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schemas.map((schema) => resolve<JsonSchema>(document, schema))) {
      if (!part.properties) return part;
      Object.assign(merged.properties ?? {}, part.properties);
      merged.required?.push(...(part.required ?? []));
    }
    return merged;
  }

  /** A path segment: an existing slug or id, a schema-shaped value, or junk; encoded or not quite. */
  function pathSegment(name: string, schema: JsonSchema) {
    const existing = known.get(name) ?? known.get('id') ?? [];
    const value = fc.oneof(
      ...(existing.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...existing) }] : []),
      { weight: 3, arbitrary: shaped(schema, false, 0, name).map(String) },
      { weight: 2, arbitrary: nastyString.filter(fitsInUrl) },
      { weight: 1, arbitrary: fc.uuid() },
    );
    const badEncoding = fc.constantFrom(
      '%',
      '%zz',
      '%00',
      '..',
      '%2e%2e',
      '%c0%ae',
      '%ff%fe',
      '%E0%A4%A',
      ';x=1',
      '%2F',
    );
    return fc.oneof(
      { weight: 8, arbitrary: value.map((text) => encodeURIComponent(stripSurrogates(text))) },
      { weight: 1, arbitrary: badEncoding },
    );
  }

  const queryValue = (schema: JsonSchema, name: string) =>
    fc.oneof(
      shaped(schema, false, 0, name).map((value) => String(value)),
      nastyString.filter(fitsInUrl),
    );

  return { fromSchema, pathSegment, queryValue };
}

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function safeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /^.*$/;
  }
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** How the request was made, for a readable counterexample. */
  describe: string;
}

interface Options {
  document: OpenApiDocument;
  operation: Operation;
  known: KnownValues;
  /** A signed-in user's cookie, CSRF token and credentials, or undefined for an anonymous visitor. */
  session: { cookie: string; csrfToken: string; email: string; password: string; user: { id: string } } | undefined;
}

type Session = NonNullable<Options['session']>;

/** Known values plus, signed in, the account's own email, password and id. */
function withSession(known: KnownValues, session: Session | undefined): KnownValues {
  if (!session) return known;
  return new Map([
    ...known,
    ['email', [session.email]],
    ['password', [session.password]],
    ['currentPassword', [session.password]],
    ['userId', [session.user.id]],
  ]);
}

interface Parts {
  /** Already encoded path segments, in template order. */
  segments: readonly string[];
  query: readonly (readonly [string, string])[];
  /** A query string sent as is instead of `query`. */
  rawQuery: string | null;
  body: BodyChoice;
  csrf: string | undefined;
  idempotencyKey: string | null;
}

function assemble(operation: Operation, session: Session | undefined, parts: Parts): FuzzRequest {
  let index = 0;
  const path = operation.template.replace(/\{[^}]+\}/g, () => parts.segments[index++] ?? '');
  const search = new URLSearchParams();
  for (const [name, value] of parts.query) search.append(name, stripSurrogates(value));
  const queryString = parts.rawQuery ?? (search.size > 0 ? `?${search.toString()}` : '');
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && operation.method !== 'GET' && parts.csrf !== undefined) headers['x-csrf-token'] = parts.csrf;
  if (parts.idempotencyKey !== null) headers['idempotency-key'] = parts.idempotencyKey;
  if (parts.body.contentType) headers['content-type'] = parts.body.contentType;
  return {
    method: operation.method,
    path: `${path}${queryString}`,
    headers,
    body: parts.body.text,
    describe: parts.body.describe,
  };
}

/** A whole request against one operation: path, query string, headers and body. */
export function requestFor({ document, operation, known, session }: Options): fc.Arbitrary<FuzzRequest> {
  const { fromSchema, pathSegment, queryValue } = schemaArbitraries(document, withSession(known, session));
  const declaredQuery = fc
    .record(
      Object.fromEntries(operation.queryParams.map((param) => [param.name, queryValue(param.schema, param.name)])),
      { requiredKeys: [] },
    )
    .map((record) => Object.entries(record).map(([name, value]) => [name, String(value)] as const));
  const extraQuery = fc.array(
    fc.tuple(
      fc.constantFrom('cursor', 'limit', 'q', 'a[b]', 'from', 'to', '__proto__', 'x'),
      nastyString.filter(fitsInUrl),
    ),
    { maxLength: 3 },
  );
  const csrf = session
    ? fc.oneof(
        { weight: 8, arbitrary: fc.constant(session.csrfToken) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 80 }).map(headerSafe) },
      )
    : fc.constant(undefined);

  return fc
    .record({
      segments: fc.tuple(...operation.pathParams.map((param) => pathSegment(param.name, param.schema))),
      declaredQuery,
      extraQuery,
      rawQuery: fc.option(fc.constantFrom('?%zz', '?a=%', '?&&&', '?a=1&a=2&a=3', '?=', '?limit=-1&cursor='), {
        freq: 10,
      }),
      body: bodyFor(operation, fromSchema),
      csrf,
      idempotencyKey: fc.option(fc.string({ unit: 'binary-ascii', maxLength: 300 }).map(headerSafe), { freq: 4 }),
    })
    .map((parts) => assemble(operation, session, { ...parts, query: [...parts.declaredQuery, ...parts.extraQuery] }));
}

/** Strings that have broken database-backed routes before; each is tried in every slot. */
const KILLERS = ['\u0000', 'a\u0000b', '\ud800', "' OR '1'='1' --", '%', 'x'.repeat(300), '<script>alert(1)</script>'];

/**
 * A deterministic sweep run before the random requests: one request per killer string per
 * slot (each path parameter, each declared query parameter, each top-level body field), the
 * other slots holding a fixed valid-looking value. Random runs may miss a NUL in one query
 * parameter; the sweep never does.
 */
export function sweepFor({ document, operation, known, session }: Options): FuzzRequest[] {
  const values = withSession(known, session);
  const { fromSchema } = schemaArbitraries(document, values);
  const segments = operation.pathParams.map((param) =>
    encodeURIComponent(values.get(param.name)?.[0] ?? values.get('id')?.[0] ?? 'x'),
  );
  const baseBody = operation.body
    ? fc.sample(fromSchema(operation.body, false), { seed: 7, numRuns: 1 })[0]
    : undefined;
  const bodyFields =
    baseBody !== null && typeof baseBody === 'object' && !Array.isArray(baseBody)
      ? [
          ...new Set([
            ...Object.keys(resolve<JsonSchema>(document, operation.body ?? {}).properties ?? {}),
            ...Object.keys(baseBody),
          ]),
        ]
      : [];
  const json = (value: unknown): BodyChoice =>
    value === undefined ? NO_BODY : { contentType: 'application/json', text: JSON.stringify(value), describe: 'sweep' };
  const base: Parts = {
    segments,
    query: [],
    rawQuery: null,
    body: json(baseBody),
    csrf: session?.csrfToken,
    idempotencyKey: null,
  };

  const requests: FuzzRequest[] = [];
  for (const killer of KILLERS) {
    operation.pathParams.forEach((_, index) => {
      const changed = segments.with(index, encodeURIComponent(stripSurrogates(killer)));
      requests.push(assemble(operation, session, { ...base, segments: changed }));
    });
    for (const param of operation.queryParams) {
      requests.push(assemble(operation, session, { ...base, query: [[param.name, killer]] }));
    }
    for (const field of bodyFields) {
      const body = json({ ...(baseBody as Record<string, unknown>), [field]: killer });
      requests.push(assemble(operation, session, { ...base, body }));
    }
  }
  return requests;
}

const NO_BODY: BodyChoice = { contentType: undefined, text: undefined, describe: 'no body' };

interface BodyChoice {
  contentType: string | undefined;
  text: string | undefined;
  describe: string;
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  'nul',
  "{'single': 'quotes'}",
  '{"a":1,}',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '"just a string"',
  '1e999999',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
];

function bodyFor(
  operation: Operation,
  fromSchema: (schema: JsonSchema | undefined, chaos: boolean) => fc.Arbitrary<unknown>,
): fc.Arbitrary<BodyChoice> {
  const json = (value: unknown): BodyChoice => ({
    contentType: 'application/json',
    text: JSON.stringify(value) ?? 'null',
    describe: 'json',
  });
  const validBody = fromSchema(operation.body, false).map(json);
  const mutatedBody = fromSchema(operation.body, true).map(json);
  const anyJson = junkValue.map(json);
  const malformed = fc
    .oneof(fc.constantFrom(...MALFORMED_JSON), fc.string({ unit: 'binary', maxLength: 50 }))
    .map((text): BodyChoice => ({ contentType: 'application/json', text, describe: 'malformed json' }));
  const empty = fc.constant<BodyChoice>({ contentType: 'application/json', text: '', describe: 'empty json body' });
  const none = fc.constant(NO_BODY);
  const otherType = fc
    .tuple(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml'),
      nastyString,
    )
    .map(([contentType, text]): BodyChoice => ({ contentType, text, describe: `${contentType} body` }));
  if (operation.method === 'GET') {
    return fc.oneof({ weight: 9, arbitrary: none }, { weight: 1, arbitrary: anyJson });
  }
  return fc.oneof(
    { weight: operation.body ? 6 : 1, arbitrary: validBody },
    { weight: operation.body ? 5 : 1, arbitrary: mutatedBody },
    { weight: 2, arbitrary: anyJson },
    { weight: 2, arbitrary: malformed },
    { weight: 1, arbitrary: empty },
    { weight: operation.body ? 1 : 4, arbitrary: none },
    { weight: 1, arbitrary: otherType },
  );
}

/**
 * Node refuses request lines over 16 KiB with a bare 431 before the app sees them; that limit
 * is not the app's to shape, so URLs stay well under it.
 */
const fitsInUrl = (text: string) => text.length < 1_000;
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '');
const stripSurrogates = (text: string) => text.replace(/[\ud800-\udfff]/g, '\ufffd');
