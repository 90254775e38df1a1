import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../support/browser';
import { envNumber, log, machine, printResult, round, startBenchServer, watchdog } from './common';

/**
 * `pnpm -s bench:lighthouse`: Lighthouse's mobile profile (simulated slow 4G and a 4× slower
 * CPU) on the main pages of the real server, in Debian's Chromium. Each page is measured
 * `BENCH_RUNS` (3) times; the JSON line gives the median score and figures of each, and the
 * spread. Goal: performance ≥ 90 and accessibility 100 on every page.
 *
 * `BENCH_PAGES` (comma-separated paths) picks the pages; `BENCH_REPORT_DIR`, when set, keeps each
 * run's full Lighthouse report there (`<page>-<run>.json`) to read the audits behind a score.
 */

const PAGES = (process.env.BENCH_PAGES ?? '/,/espaces,/agenda').split(',');
const RUNS = envNumber('BENCH_RUNS', 3);
const REPORT_DIR = process.env.BENCH_REPORT_DIR;
const GOAL = { performance: 90, accessibility: 100 };

const reportName = (path: string, run: number) =>
  `${path.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'home'}-${run + 1}.json`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

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
    let met = true;
    for (const path of PAGES) {
      const runs: { performance: number; accessibility: number; lcpMs: number; cls: number; tbtMs: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
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
        runs.push({
          performance: Math.round((categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
          lcpMs: round(audits['largest-contentful-paint']?.numericValue ?? 0, 0),
          cls: round(audits['cumulative-layout-shift']?.numericValue ?? 0, 3),
          tbtMs: round(audits['total-blocking-time']?.numericValue ?? 0, 0),
        });
        log(path, runs.at(-1));
      }
      const performance = median(runs.map((r) => r.performance));
      const accessibility = median(runs.map((r) => r.accessibility));
      met &&= performance >= GOAL.performance && accessibility >= GOAL.accessibility;
      pages[path] = {
        performance,
        accessibility,
        lcpMs: median(runs.map((r) => r.lcpMs)),
        cls: median(runs.map((r) => r.cls)),
        tbtMs: median(runs.map((r) => r.tbtMs)),
        performanceSpread: [Math.min(...runs.map((r) => r.performance)), Math.max(...runs.map((r) => r.performance))],
      };
    }
    printResult(
      {
        bench: 'lighthouse',
        profile: 'mobile (simulated slow 4G, 4x CPU slowdown)',
        runs: RUNS,
        pages,
        goal: {
          target: `performance >= ${GOAL.performance} and accessibility ${GOAL.accessibility} on every page`,
          met,
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
