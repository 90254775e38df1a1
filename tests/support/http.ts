import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given (already percent-encoded where needed), query string included. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * One HTTP request with nothing normalised on the way: `fetch` would resolve `..`, re-encode the
 * path and refuse some headers, which is exactly what a hostile client does not do.
 */
export function rawRequest(baseUrl: string, { method, path, headers = {}, body }: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  // Node frames a GET or DELETE body only when told its length; unframed bytes would reach the
  // server as a garbled next request on the same connection.
  const framed = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { agent, host: url.hostname, port: url.port, method, path, headers: framed, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export interface Session {
  email: string;
  password: string;
  cookie: string;
  csrfToken: string;
  user: { id: string; displayName: string };
}

export const uniqueEmail = (prefix = 'test') => `${prefix}-${randomBytes(5).toString('hex')}@example.org`;

/** Registers a fresh account over HTTP and returns its session cookie and CSRF token. */
export async function registerUser(baseUrl: string, overrides: { email?: string; displayName?: string } = {}) {
  const email = overrides.email ?? uniqueEmail();
  const password = `mot-de-passe-${randomBytes(6).toString('hex')}`;
  const body = { email, password, displayName: overrides.displayName ?? 'Camille Essai', acceptCharter: true };
  return startSession(baseUrl, '/api/auth/register', body, 201);
}

/** Signs an existing account in over HTTP. */
export function loginUser(baseUrl: string, email: string, password: string) {
  return startSession(baseUrl, '/api/auth/login', { email, password }, 200);
}

async function startSession(
  baseUrl: string,
  path: string,
  body: { email: string; password: string },
  expected: number,
): Promise<Session> {
  const response = await rawRequest(baseUrl, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}: ${response.text}`);
  const answer = JSON.parse(response.text) as { user: Session['user']; csrfToken: string };
  const setCookie = response.headers['set-cookie'] ?? [];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie])
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => pair.includes('=') && !pair.endsWith('='))
    .join('; ');
  if (!cookie) throw new Error(`POST ${path} set no session cookie`);
  return { email: body.email, password: body.password, cookie, csrfToken: answer.csrfToken, user: answer.user };
}

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: string;
  createdAt: string;
}

/** The development mailbox's messages to one address, newest first as the server lists them. */
export async function readMailbox(baseUrl: string, to: string): Promise<MailboxMessage[]> {
  const response = await rawRequest(baseUrl, {
    method: 'GET',
    path: `/api/dev/mailbox?to=${encodeURIComponent(to)}`,
  });
  if (response.status !== 200) {
    throw new Error(`GET /api/dev/mailbox answered ${response.status}: ${response.text}`);
  }
  return (JSON.parse(response.text) as { items: MailboxMessage[] }).items;
}

/**
 * Polls the mailbox until a message matching `accept` arrives (mail goes through a queue, so
 * it may land a moment after the request that caused it). Bounded: throws after `timeoutMs`.
 */
export async function waitForMail(
  baseUrl: string,
  to: string,
  accept: (message: MailboxMessage) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<MailboxMessage> {
  const deadline = Date.now() + timeoutMs;
  let seen: MailboxMessage[] = [];
  while (Date.now() < deadline) {
    seen = await readMailbox(baseUrl, to);
    const found = seen.find(accept);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `no matching mail to ${to} within ${timeoutMs} ms; the mailbox holds: ${JSON.stringify(seen.map((m) => m.subject))}`,
  );
}
