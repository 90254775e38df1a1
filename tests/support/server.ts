import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteTemplate } from './pglite-template';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const clientDist = join(repoRoot, 'client', 'dist');

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_TAIL_CHARS = 20_000;

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  dataDir: string;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  logs(): string;
  /** Sends SIGTERM and resolves once the process has exited with code 0; throws otherwise. */
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL, a crash) and resolves once it has exited. */
  kill(): Promise<void>;
}

/** A port that was free a moment ago: the kernel picks it, we release it for the server. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the probe port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

export interface StartOptions {
  /**
   * Run on this DATA_DIR (its embedded database) instead of a fresh one, and leave it in
   * place when the server stops: restart and crash tests start a second server on the data
   * of the first. The caller removes it.
   */
  dataDir?: string;
  /** Listen on this port instead of a free one: a restarted server where its clients reconnect. */
  port?: number;
}

/**
 * Starts the real server (`node --import tsx server/src/main.ts`) as a child process on an
 * embedded database in a fresh temporary directory, in development mode (so the development
 * mailbox exists) without rate limits, and waits until `GET /api/health` answers 200.
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // A fresh server starts on a copy of a migrated database: an initdb and the migrations cost
  // seconds per test file, a copy a moment.
  let dataDir = options.dataDir;
  if (dataDir === undefined) {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-e2e-'));
    await cp(await pgliteTemplate(), dataDir, { recursive: true });
  }
  const removeDataDir = () =>
    options.dataDir === undefined ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve();

  const env: Record<string, string | undefined> = { ...process.env };
  // Vitest sets NODE_ENV=test; the server must run as in development. A DATABASE_URL or
  // REDIS_URL meant for the server's own suite must not leak into this throwaway server.
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    // The alliance's spaces without the demo's people: each test makes the people it needs.
    SEED: 'alliance',
    ...extraEnv,
  });

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const logs = () => output;
  try {
    await waitForHealth(url, child, logs);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await removeDataDir();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      try {
        if (child.exitCode !== null || child.signalCode !== null) {
          const { code, signal } = await exited;
          throw new Error(`the server had already exited (code ${code}, signal ${signal}):\n${logs()}`);
        }
        child.kill('SIGTERM');
        const result = await Promise.race([exited, delay(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
        if (result === 'timeout') {
          child.kill('SIGKILL');
          await exited;
          throw new Error(`the server did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${logs()}`);
        }
        if (result.code !== 0) {
          throw new Error(
            `the server exited with code ${result.code} (signal ${result.signal}) on SIGTERM:\n${logs()}`,
          );
        }
      } finally {
        await removeDataDir();
      }
    })();
    return stopped;
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    stopped ??= removeDataDir();
    await stopped;
  };

  return { url, port, dataDir, logs, stop, kill };
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up (code ${child.exitCode}):\n${logs()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `status ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await delay(150);
  }
  throw new Error(`GET /api/health did not answer 200 within ${START_TIMEOUT_MS} ms (${last}):\n${logs()}`);
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether the client has been built (the server serves `client/dist`). */
export const clientIsBuilt = () => existsSync(join(clientDist, 'index.html'));
