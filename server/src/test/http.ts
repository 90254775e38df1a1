import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../app';
import type { TestContext } from './app';
import type { TestPerson } from './factories/people';

let counter = 0;
/** A unique, valid email for one test. */
export const uniqueEmail = (prefix = 'membre') => `${prefix}.${Date.now().toString(36)}.${counter++}@exemple.fr`;

export const PASSWORD = 'transition-2030!';

export interface Client {
  cookie: string;
  csrfToken: string;
  userId: string;
  email: string;
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((c) => c.name.endsWith('atelier_session') && c.value);
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/** Signs a new person up through the API and returns what a browser would hold. */
export async function signUp(app: App, overrides: { email?: string; displayName?: string; password?: string } = {}) {
  const email = overrides.email ?? uniqueEmail();
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: {
      email,
      password: overrides.password ?? PASSWORD,
      displayName: overrides.displayName ?? 'Camille Essai',
      acceptCharter: true,
    },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return { cookie: sessionCookie(response), csrfToken: body.csrfToken, userId: body.user.id, email } satisfies Client;
}

/** Request options carrying a client's session cookie and CSRF token. */
export const as = (client: Client) => ({ cookie: client.cookie, 'x-csrf-token': client.csrfToken });

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request to the test app as `person` (anonymous when null), with a JSON body when given. */
export function request(
  ctx: TestContext,
  person: TestPerson | null,
  method: Method,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return ctx.app.inject({
    method,
    url,
    headers: { ...(person?.headers ?? {}), ...headers },
    ...(payload ? { payload } : {}),
  });
}
