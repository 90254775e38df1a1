import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from './server';

/** Debian's Chromium: the suite never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How long a browser action or a wait for an element may take: generous, because two test
 * files run at once on two cores, each with its server and its browser, and a live update
 * then takes seconds, not milliseconds.
 */
export const ACTION_TIMEOUT_MS = 20_000;

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const outputDir = join(repoRoot, 'tests', 'output');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A French-speaking visitor with a fresh cookie jar, on the given screen size. */
export async function newVisitor(browser: Browser, baseURL: string, viewport: ViewportName = 'desktop') {
  const phone = viewport === 'phone';
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const problems = watchPage(page);
  return { context, page, problems };
}

/**
 * Records what a visitor would never see but that breaks the page: uncaught exceptions and
 * Content-Security-Policy refusals (the server forbids inline scripts and styles).
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return problems;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core in the page against WCAG 2.1 A and AA. The script is evaluated through the
 * DevTools protocol rather than added as a `<script>` tag, which the app's CSP would refuse.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const result = await runner.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target as unknown[],
        html: node.html,
        failureSummary: node.failureSummary,
      })),
    }));
  }, WCAG_TAGS);
}

/** A report a person can act on: rule, impact, help link, then each offending element. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} WCAG 2.1 A/AA violation(s)`];
  for (const violation of violations) {
    lines.push(`\n  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}`, `    ${violation.helpUrl}`);
    for (const node of violation.nodes.slice(0, 8)) {
      lines.push(`    - ${JSON.stringify(node.target)}  ${node.html.slice(0, 240)}`);
      if (node.failureSummary) lines.push(`      ${node.failureSummary.replaceAll('\n', '\n      ')}`);
    }
    if (violation.nodes.length > 8) lines.push(`    … and ${violation.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
}

/**
 * Keeps a screenshot of a failed test's page in tests/output/ and prints where the page was and
 * what it said: enough to tell a changed label from a page that never loaded. Call it from
 * afterEach, before the context closes (onTestFailed runs too late for that).
 */
export async function captureEvidence(page: Page, testName: string) {
  if (page.isClosed()) return;
  const name = testName
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 80);
  await screenshot(page, `failure-${name}`).catch(() => undefined);
  const text = await page
    .locator('body')
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator, and the visible text is the point
    .innerText({ timeout: 1_000 })
    .catch(() => '(no text)');
  console.error(`Page at failure: ${page.url()} (tests/output/failure-${name}.png)\n${text.slice(0, 800)}`);
}
