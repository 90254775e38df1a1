import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

/**
 * A first, anonymous visit to the main pages on a phone, as Lighthouse's mobile run makes it:
 * nothing logged in the console, no failed request, nothing on screen moving once shown, the
 * language switch as plain toggle buttons, and the page's own chunks named in the page the
 * server sends for its address.
 */
const PAGES = [
  { path: '/', heading: "Bienvenue dans l'Atelier des transitions" },
  { path: '/espaces', heading: 'Les espaces' },
  { path: '/agenda', heading: 'Agenda' },
] as const;

const suite = useBrowserSuite();

interface Shift {
  value: number;
  sources: string[];
}

describe('a first visit on a phone', () => {
  it.each(PAGES)('$path logs nothing, fails no request and moves nothing', async ({ path, heading }) => {
    const { page, problems } = await suite.visitor('phone');
    const logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        logged.push(`${message.type()}: ${message.text()}`);
    });
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
    // Layout shifts as the browser scores them (CLS), with the elements that moved.
    await page.addInitScript(() => {
      const shifts: { value: number; sources: string[] }[] = [];
      (window as unknown as { shifts: typeof shifts }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          value: number;
          hadRecentInput: boolean;
          sources: { node?: Node | null }[];
        }[]) {
          if (entry.hadRecentInput) continue;
          const sources = entry.sources.map((source) =>
            source.node instanceof Element ? `${source.node.tagName.toLowerCase()}.${source.node.className}` : '?',
          );
          shifts.push({ value: entry.value, sources });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });

    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    const shifts = await page.evaluate(() => (window as unknown as { shifts: Shift[] }).shifts);

    expect(failed).toEqual([]);
    expect(logged).toEqual([]);
    expect(shifts).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps the header still while the session is asked for, then offers to sign in', async () => {
    const { page } = await suite.visitor('phone');
    // Hold the probe back: the header must already have its final height without it.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/session', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const header = page.locator('header.site-header');
    // Folded behind « Menu » on a phone: there, not shown.
    const signIn = header.getByRole('link', { name: 'Se connecter', includeHidden: true });
    const before = await header.boundingBox();
    expect(await signIn.count()).toBe(0);

    release();
    await signIn.waitFor({ state: 'attached' });
    expect(await header.boundingBox()).toEqual(before);
  });

  it('folds the navigation behind « Menu » on a phone: one row, opened and closed by keyboard', async () => {
    const { page } = await suite.visitor('phone');
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const header = page.locator('header.site-header');
    const menu = header.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect((await header.boundingBox())?.height).toBeLessThan(80);
    const spaces = header.getByRole('link', { name: 'Espaces' });
    expect(await spaces.isVisible()).toBe(false);

    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await spaces.waitFor();
    await header.getByRole('link', { name: 'Se connecter' }).waitFor();
    await screenshot(page, 'menu-telephone-ouvert');
    await expectNoAxeViolations(page, 'the phone menu, open');
    await page.keyboard.press('Escape');
    await expect.poll(() => spaces.isVisible()).toBe(false);
    expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);

    // A link followed folds it again.
    await menu.click();
    await spaces.click();
    await page.getByRole('heading', { level: 1, name: 'Les espaces' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  });

  it('switches the language with two toggle buttons named in their own language', async () => {
    const { page } = await suite.visitor('phone');
    await page.goto('/');
    const group = page.getByRole('group', { name: 'Langue' });
    const french = group.getByRole('button', { name: 'Français' });
    const english = group.getByRole('button', { name: 'English' });
    expect(await french.getAttribute('aria-pressed')).toBe('true');
    expect(await english.getAttribute('aria-pressed')).toBe('false');

    await english.click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to the Atelier des transitions' }).waitFor();
    // The group is now named in English; each button keeps its own language's name.
    const switched = page.getByRole('group', { name: 'Language' });
    expect(await switched.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await switched.getByRole('button', { name: 'Français' }).getAttribute('aria-pressed')).toBe('false');

    // The interface speaks English; what the alliance wrote stays marked as French for screen readers.
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto('/espaces/mise-en-recits');
    const title = page.getByRole('heading', { level: 1, name: 'Mise en récits' });
    await title.waitFor();
    expect(await title.locator('[lang="fr"]').count()).toBe(1);
  });

  it('/espaces has no WCAG 2.1 A/AA violations on a phone', async () => {
    const { page, problems } = await suite.visitor('phone');
    await page.goto('/espaces');
    await page.getByRole('heading', { level: 1, name: 'Les espaces' }).waitFor();
    await expectNoAxeViolations(page, '/espaces on a phone');
    expect(problems).toEqual([]);
  });

  it("sends /agenda with the agenda's own chunks already named, and uses them", async () => {
    const html = await (await fetch(`${suite.server().url}/agenda`)).text();
    const named = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((match) => match[1]);
    const agendaChunk = named.find((href) => href?.includes('/agenda.page-'));
    expect(agendaChunk).toBeDefined();

    const { page } = await suite.visitor('phone');
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto('/agenda');
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    // Fetched once: named by the page, then found there by the router's lazy import.
    expect(fetched.filter((path) => path === agendaChunk)).toHaveLength(1);
  });
});
