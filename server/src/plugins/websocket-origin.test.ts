import { COLLAB_PATH } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestContext } from '../test/app';
import { connect, listen } from '../test/sockets';

/** Opens a websocket on /collab with these headers: 'open', or the HTTP status of the refusal. */
function collabUpgrade(url: string, headers: Record<string, string>) {
  return new Promise<number | 'open'>((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${COLLAB_PATH}`, { headers });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('error', () => undefined);
  });
}

/**
 * Opens a socket.io websocket with these headers: 'open', or the refusal's status as the
 * polling transport (same check, readable answer) gives it, 403 only when it says why.
 */
async function socketHandshake(url: string, headers: Record<string, string>) {
  try {
    (await connect(url, headers)).close();
    return 'open';
  } catch {
    const polling = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers });
    const body = await polling.text();
    return polling.status === 403 && body.includes('origin_forbidden') ? 403 : `${polling.status} ${body}`;
  }
}

const handshakes = [
  ['socket.io', socketHandshake],
  ['/collab', collabUpgrade],
] as const;

describe('websocket Origin over plain http, no trusted proxy', () => {
  let ctx: TestContext;
  let url: string;
  let host: string;
  beforeAll(async () => {
    ctx = await createTestApp({ PUBLIC_URL: 'https://atelier.exemple.fr' });
    url = await listen(ctx);
    host = new URL(url).host;
  });
  afterAll(() => ctx.close());

  it.each(handshakes)(
    '%s refuses an https:// Origin of the same host, even with a forged X-Forwarded-Proto',
    async (_name, open) => {
      expect(await open(url, { origin: `https://${host}` })).toBe(403);
      expect(await open(url, { origin: `https://${host}`, 'x-forwarded-proto': 'https' })).toBe(403);
    },
  );

  it.each(handshakes)('%s accepts the http:// Origin of the host and the PUBLIC_URL origin', async (_name, open) => {
    expect(await open(url, { origin: `http://${host}` })).toBe('open');
    expect(await open(url, { origin: 'https://atelier.exemple.fr' })).toBe('open');
  });
});

describe('websocket Origin behind a trusted proxy that terminates TLS', () => {
  let ctx: TestContext;
  let url: string;
  let host: string;
  beforeAll(async () => {
    ctx = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
    url = await listen(ctx);
    host = new URL(url).host;
  });
  afterAll(() => ctx.close());

  it.each(handshakes)('%s takes the scheme from the proxy’s X-Forwarded-Proto', async (_name, open) => {
    expect(await open(url, { origin: `https://${host}`, 'x-forwarded-proto': 'https' })).toBe('open');
    expect(await open(url, { origin: `http://${host}`, 'x-forwarded-proto': 'https' })).toBe(403);
    expect(await open(url, { origin: `https://${host}` })).toBe(403);
  });
});
