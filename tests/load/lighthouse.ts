import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../support/browser';
import {
  envNumber,
  figureOf,
  goal,
  log,
  machine,
  printResult,
  RUNS,
  repeat,
  round,
  startBenchServer,
  watchdog,
} from './common';

/**
 * `pnpm -s bench:lighthouse`: Lighthouse's mobile profile (simulated slow 4G and a 4× slower
 * CPU) on the main pages of the real server, in Debian's Chromium. Each page is measured
 * `BENCH_RUNS` (3) times; the JSON line gives the median score and figures of each, with their
 * spread and load. Goal: performance ≥ 90 and accessibility 100 on every page.
 *
 * `BENCH_PAGES` (comma-separated paths) picks the pages; `BENCH_REPORT_DIR`, when set, keeps each
 * run's full Lighthouse report there (`<page>-<run>.json`) to read the audits behind a score.
 */

const PAGES = (process.env.BENCH_PAGES ?? '/,/espaces,/agenda').split(',');
const REPORT_DIR = process.env.BENCH_REPORT_DIR;
const GOAL = { performance: 90, accessibility: 100 };

const reportName = (path: string, run: number) =>
  `${path.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'home'}-${run + 1}.json`;

async function main() {
  const before = machine();
  const bench = await startBenchServer();
  const chrome = await launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const cancel = watchdog(envNumber('BENCH_TIMEOUT_SECONDS', 600), async () => {
    chrome.kill();
    await bench.cleanup();
  });
  try {
    const pages: Record<string, unknown> = {};
    let worstPerformance = 100;
    let worstAccessibility = 100;
    for (const path of PAGES) {
      const runs = await repeat(async (run) => {
        const result = await lighthouse(`${bench.server.url}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!result) throw new Error(`no Lighthouse result for ${path}`);
        if (REPORT_DIR) {
          mkdirSync(REPORT_DIR, { recursive: true });
          writeFileSync(join(REPORT_DIR, reportName(path, run)), JSON.stringify(result.lhr));
        }
        const { categories, audits } = result.lhr;
        const scores = {
          performance: Math.round((categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
          lcpMs: round(audits['largest-contentful-paint']?.numericValue ?? 0, 0),
          cls: round(audits['cumulative-layout-shift']?.numericValue ?? 0, 3),
          tbtMs: round(audits['total-blocking-time']?.numericValue ?? 0, 0),
        };
        log(path, scores);
        return scores;
      });
      const page = {
        performance: figureOf(runs, (r) => r.performance, 0),
        accessibility: figureOf(runs, (r) => r.accessibility, 0),
        lcpMs: figureOf(runs, (r) => r.lcpMs, 0),
        cls: figureOf(runs, (r) => r.cls, 3),
        tbtMs: figureOf(runs, (r) => r.tbtMs, 0),
      };
      worstPerformance = Math.min(worstPerformance, page.performance.median);
      worstAccessibility = Math.min(worstAccessibility, page.accessibility.median);
      pages[path] = page;
    }
    printResult(
      {
        bench: 'lighthouse',
        profile: 'mobile (simulated slow 4G, 4x CPU slowdown)',
        runs: RUNS,
        pages,
        goals: {
          performance: goal(
            `performance >= ${GOAL.performance} on every page`,
            worstPerformance,
            worstPerformance >= GOAL.performance,
          ),
          accessibility: goal(
            `accessibility ${GOAL.accessibility} on every page`,
            worstAccessibility,
            worstAccessibility >= GOAL.accessibility,
          ),
        },
      },
      before,
    );
  } finally {
    cancel();
    chrome.kill();
    await bench.cleanup();
  }
}

main().catch((error) => {
  log(error);
  process.exit(1);
});
