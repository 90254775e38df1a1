import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (panva's oidc-provider) on a random port, for tests: one client
 * registered for the app's callback, accounts whose claims the test chooses (the account id is
 * the `login` typed at its development sign-in form), consent given without asking.
 */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets the claims of the account signed in as `login` (its `sub` is `login`). */
  setAccount(login: string, claims: Record<string, unknown>): void;
  /**
   * Registers the app's callback, once its address is known: the provider answers only when
   * this is set.
   */
  setRedirectUri(uri: string): void;
  close(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUri?: string } = {}): Promise<TestOidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end('not ready');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'atelier-test';
  const clientSecret = 'atelier-test-secret-0123456789abcdef';
  const accounts = new Map<string, Record<string, unknown>>();

  const build = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name'],
        siret: ['siret'],
      },
      pkce: { required: () => true },
      cookies: { keys: ['oidc-provider-test-cookie-key'] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx: KoaContextWithOIDC, id: string) {
        return { accountId: id, claims: async () => ({ sub: id, ...(accounts.get(id) ?? {}) }) };
      },
      // A first-party client: the grant is given at once, no consent screen.
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const client = ctx.oidc.client!;
        const session = ctx.oidc.session!;
        const existing = session.grantIdFor(client.clientId);
        if (existing) return ctx.oidc.provider.Grant.find(existing);
        const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
        grant.addOIDCScope('openid email profile siret');
        await grant.save();
        session.grantIdFor(client.clientId, grant.jti);
        return grant;
      },
    });
    handler = provider.callback();
  };
  if (options.redirectUri) build(options.redirectUri);

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (login, claims) => void accounts.set(login, claims),
    setRedirectUri: build,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The `name=value` pairs a response sets, merged into a jar. */
function remember(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
  }
}

/**
 * What a browser does at the provider: follows the authorization URL, types `login` at the
 * development sign-in form, and follows the redirects until the provider sends it back to the
 * app. Returns the app's callback URL (with `code`, `state` and `iss`).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, appCallback: string) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  let url = authorizationUrl;
  let submitted = false;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(appCallback)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    remember(jar, response);
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    if (submitted || !/\/interaction\//.test(url)) {
      throw new Error(`unexpected answer from the provider at ${url}: ${response.status} ${await response.text()}`);
    }
    submitted = true;
    const posted = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'x' }).toString(),
    });
    remember(jar, posted);
    const next = posted.headers.get('location');
    if (!next) throw new Error(`the provider did not take the sign-in: ${posted.status} ${await posted.text()}`);
    url = new URL(next, url).href;
  }
  throw new Error('too many redirects at the provider');
}
