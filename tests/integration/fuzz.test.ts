import { ERROR_CODES, ErrorBodySchema } from '@atelier/contract';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type FuzzRequest, type KnownValues, requestFor, sweepFor } from '../support/fuzz';
import { loginUser, rawRequest, registerUser } from '../support/http';
import { listOperations, type OpenApiDocument } from '../support/openapi';
import { startServer } from '../support/server';

/**
 * Every route the server documents gets generated junk: anonymously, signed in as a fresh
 * member, and signed in as the administrator (who gets past admin-only policies). The API's
 * promise under test: bad input never yields a 5xx, and every 4xx carries the error body.
 * Runs are fixed per route (FUZZ_RUNS, default 50) so the file stays within a couple of minutes;
 * a failure prints the seed, which reproduces it with FUZZ_SEED.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** FUZZ_STATS=1 prints, per route, how many answers of each status the junk produced. */
const STATS = process.env.FUZZ_STATS === '1';

/** Routes the fuzzer leaves alone: the documentation itself (HTML and static files). */
const SKIPPED = [/^\/api\/docs/, /\*/];

/** Routes of the public API (the paths clients and integrators rely on); the fuzzer must be reaching them. */
const EXPECTED = [
  'GET /api/health',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'GET /api/session',
  'GET /api/spaces',
  'GET /api/spaces/{slug}',
  'POST /api/spaces/{slug}/join',
  'DELETE /api/spaces/{slug}/membership',
];

/**
 * The administrator that the server creates at start (ADMIN_EMAIL): admin-only routes get past
 * the policy only with it. Its own account routes are left to the member runs, so that a
 * fuzzed password change cannot lock the next route's sign-in out.
 */
const ADMIN = { email: 'admin-fuzz@example.org', password: 'mot-de-passe-admin-fuzz' };
const ADMIN_SKIPPED = /^\/api\/(auth|me)(\/|$)/;

const server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
afterAll(() => server.stop());

const docsResponse = await rawRequest(server.url, { method: 'GET', path: '/api/docs/json' });
const document: OpenApiDocument = docsResponse.status === 200 ? JSON.parse(docsResponse.text) : {};
const operations = listOperations(document).filter(
  (operation) => !SKIPPED.some((skip) => skip.test(operation.template)),
);
const known = await collectKnownValues();

describe('fuzzing every documented route', () => {
  it('reads the OpenAPI document at GET /api/docs/json', () => {
    expect(docsResponse.status, docsResponse.text.slice(0, 300)).toBe(200);
    const names = operations.map((operation) => `${operation.method} ${operation.template}`);
    expect(names).toEqual(expect.arrayContaining(EXPECTED));
  });

  for (const operation of operations) {
    const name = `${operation.method} ${operation.template}`;

    it(`${name} — anonymous`, async () => {
      const options = { document, operation, known, session: undefined };
      await fuzz(requestFor(options), sweepFor(options));
    });

    it(`${name} — signed in`, async () => {
      // A fresh account per route: a route that signs out or deletes the account spoils only itself.
      const options = { document, operation, known, session: await registerUser(server.url) };
      await fuzz(requestFor(options), sweepFor(options));
    });

    if (!ADMIN_SKIPPED.test(operation.template)) {
      it(`${name} — administrator`, async () => {
        const options = {
          document,
          operation,
          known,
          session: await loginUser(server.url, ADMIN.email, ADMIN.password),
        };
        await fuzz(requestFor(options), sweepFor(options));
      });
    }
  }

  it('unknown paths under /api answer 404 with the error body', async () => {
    const path = fc
      .array(fc.stringMatching(/^[a-z0-9._~-]{1,12}$/), { minLength: 1, maxLength: 4 })
      .map((segments) => `/api/zz-${segments.join('/')}`);
    await fuzz(
      fc.record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        path,
        headers: fc.constant({}),
        body: fc.constant(undefined),
        describe: fc.constant('unknown route'),
      }),
      [],
      (response) => expect(response.status).toBe(404),
    );
  });

  it('still answers its health check after all of that', async () => {
    const response = await rawRequest(server.url, { method: 'GET', path: '/api/health' });
    expect(response.status).toBe(200);
  });
});

/** Sends the sweep, then RUNS random requests; the first bad answer fails the route. */
async function fuzz(
  requests: fc.Arbitrary<FuzzRequest>,
  sweep: FuzzRequest[],
  extra?: (response: { status: number; text: string }) => void,
): Promise<void> {
  const statuses = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(requests.map(printable), async (request) => {
      const response = await rawRequest(server.url, request);
      if (STATS) {
        const key =
          response.status >= 400
            ? `${response.status} ${/"code":"(\w+)"/.exec(response.text)?.[1]}`
            : `${response.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
      const context = `${request.method} ${request.path.slice(0, 200)} (${request.describe}) → ${response.status}: ${response.text.slice(0, 500)}`;
      if (response.status >= 500) {
        throw new Error(`server error for ${context}\n--- server log, last lines ---\n${logTail()}`);
      }
      if (response.status >= 400) checkErrorBody(response, context);
      extra?.(response);
    }),
    {
      numRuns: RUNS,
      seed: SEED,
      examples: sweep.map((request) => [printable(request)] as [FuzzRequest]),
      plugins: [fc.interruptAfterTimeLimit(45_000)],
    },
  );
  if (STATS) console.log(expect.getState().currentTestName, Object.fromEntries(statuses));
}

/**
 * The contract's error body, with a code from its closed list whose status is the one served:
 * clients switch on the code, so `{ code: 'not_found' }` under a 400 would mislead them.
 */
function checkErrorBody(response: { status: number; text: string }, context: string) {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Error(`a ${response.status} without a JSON body for ${context}`);
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `a ${response.status} without { error: { code, message } } (${parsed.error.message}) for ${context}`,
    );
  }
  const expected = ERROR_CODES[parsed.data.error.code];
  if (expected !== response.status) {
    throw new Error(`code ${parsed.data.error.code} belongs with ${expected}, not ${response.status}, for ${context}`);
  }
}

/** The server's last log lines, pino's JSON boiled down to message, error and query. */
function logTail() {
  return server
    .logs()
    .trim()
    .split('\n')
    .slice(-3)
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; code?: string; query?: string } };
        const err = entry.err;
        return `${entry.msg ?? ''}: ${err?.message ?? ''}${err?.code ? ` [${err.code}]` : ''}${err?.query ? ` in ${err.query}` : ''}`;
      } catch {
        return line.slice(0, 300);
      }
    })
    .join('\n');
}

/** Shows a request as a short line in fast-check's counterexample instead of megabytes of junk. */
function printable(request: FuzzRequest): FuzzRequest {
  const summary = `${request.method} ${request.path.slice(0, 160)} [${request.describe}] headers=${JSON.stringify(
    Object.keys(request.headers),
  )} body=${JSON.stringify(request.body?.slice(0, 160) ?? null)}${(request.body?.length ?? 0) > 160 ? `…(${request.body?.length} chars)` : ''}`;
  return Object.assign(Object.create({ [fc.toStringMethod]: () => summary }), request);
}

/** Slugs and ids that exist on the server, read from its public lists. */
async function collectKnownValues(): Promise<KnownValues> {
  const values: KnownValues = new Map();
  const add = (name: string, value: unknown) => {
    if (typeof value !== 'string') return;
    values.set(name, [...(values.get(name) ?? []), value]);
  };
  for (const path of ['/api/spaces', '/api/events']) {
    const response = await rawRequest(server.url, { method: 'GET', path });
    if (response.status !== 200) continue;
    const items = (JSON.parse(response.text) as { items?: { id?: unknown; slug?: unknown }[] }).items ?? [];
    for (const item of items.slice(0, 10)) {
      add('id', item.id);
      add('slug', item.slug);
    }
  }
  return values;
}
