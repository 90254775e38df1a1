import { startOidcProvider } from '@atelier/server/src/test/oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

/**
 * « Se connecter avec ProConnect »: a local OpenID provider stands in for ProConnect. It starts
 * first, so that its address is in the app's OIDC_* variables (for this suite only); it answers
 * once the app's callback address is known.
 */
const provider = await startOidcProvider();
const suite = useBrowserSuite({
  env: {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: 'ProConnect',
    OIDC_SCOPES: 'openid email profile siret',
  },
});

beforeAll(() => provider.setRedirectUri(`${suite.server().url}/api/auth/oidc/callback`));
afterAll(() => provider.close());

describe('signing in with the OpenID provider', () => {
  it('creates the account at a first sign-in, asks for the charter, then lets the person in', async () => {
    const { page, problems } = await suite.visitor();
    const login = `agent-${Date.now().toString(36)}`;
    provider.setAccount(login, {
      email: `${login}@agents.gouv.test`,
      email_verified: true,
      given_name: 'Camille',
      family_name: 'Agente',
    });

    await page.goto('/connexion');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();

    // At the provider: its development sign-in form.
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('peu-importe');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    // Back on the site, signed in, on the charter step.
    await page.getByRole('heading', { level: 1, name: 'Adhérer à la charte' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/charte');
    await page.getByText('Bienvenue, Camille Agente !', { exact: false }).waitFor();
    const before = await page.request.get('/api/me');
    expect(before.status()).toBe(200);
    expect((await before.json()).user.charter).toBeNull();

    // Not ticked: asked as at sign-up.
    await page.getByRole('button', { name: 'Adhérer et continuer' }).click();
    await page.getByText("Pour rejoindre l'alliance, cochez la case d'adhésion à la charte.").first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/charte');
    await page.getByText("J'adhère à la charte de l'alliance", { exact: true }).click();
    await page.getByRole('button', { name: 'Adhérer et continuer' }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await expect
      .poll(
        async () => ((await (await page.request.get('/api/me')).json()) as { user: { charter: unknown } }).user.charter,
      )
      .not.toBeNull();
    expect(problems).toEqual([]);
  });

  it('shows a refused sign-in in French on the sign-in page', async () => {
    const { page, problems } = await suite.visitor();
    await page.goto('/api/auth/oidc/callback?code=x&state=y');
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByText('La connexion a expiré ou a déjà servi.', { exact: false }).waitFor();
    expect(problems).toEqual([]);
  });

  it.each(['desktop', 'phone'] as const)(
    'offers the button on /connexion with no WCAG 2.1 A/AA violation (%s)',
    async (viewport) => {
      const { page, problems } = await suite.visitor(viewport);
      await page.goto('/connexion');
      await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `connexion-oidc-${viewport}`);
      await expectNoAxeViolations(page, `/connexion with the OpenID provider at ${viewport}`);
      expect(problems).toEqual([]);
    },
  );
});
