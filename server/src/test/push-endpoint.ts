import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A push service stand-in for tests: a real HTTP server on 127.0.0.1 that receives what the app
 * sends to a browser's endpoint, and a browser's side of the keys to read it. Each subscriber
 * holds its own P-256 key pair and 16-byte auth secret, as a browser does; `decrypt` undoes
 * RFC 8291 (Web Push, aes128gcm of RFC 8188) with node:crypto alone, and `verifyVapid` checks
 * the RFC 8292 `Authorization: vapid t=…, k=…` header: an ES256 JWT for the endpoint's origin,
 * signed by the key it names.
 */

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Subscriber {
  /** What the browser would post to `/api/me/push-subscriptions`. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The plain text the app encrypted for this subscriber. */
  decrypt(body: Buffer): string;
}

export interface PushEndpoint {
  url: string;
  /** A browser's subscription on this service, at `/push/<name>`. */
  subscriber(name: string): Subscriber;
  /** What this service answers on a path (201 by default): 410 says the subscription is gone. */
  answer(path: string, status: number): void;
  /** Every push received so far, in order. */
  received(): ReceivedPush[];
  close(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      if (request.method === 'POST') received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      response.statusCode = answers.get(path) ?? 201;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    subscriber(name) {
      const browser = createECDH('prime256v1');
      const publicKey = browser.generateKeys();
      const auth = randomBytes(16);
      return {
        subscription: {
          endpoint: `${url}/push/${name}`,
          keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') },
        },
        decrypt: (body) => decryptAes128gcm(body, browser, auth),
      };
    },
    answer: (path, status) => void answers.set(path, status),
    received: () => [...received],
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** RFC 8291 §3.4 and RFC 8188 §2: one record, as every push payload under 4 kB is. */
export function decryptAes128gcm(body: Buffer, browser: ReturnType<typeof createECDH>, authSecret: Buffer): string {
  // Header: salt (16) | record size (4) | key id length (1) | key id = the sender's public key.
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);

  const ecdhSecret = browser.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.getPublicKey(), senderPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('not the last record of an aes128gcm body');
  return padded.subarray(0, end).toString('utf8');
}

/**
 * RFC 8292: `vapid t=<JWT>, k=<public key>`. Returns the JWT's claims once its ES256 signature
 * checks out against `k`; throws otherwise.
 */
export function verifyVapid(authorization: string | undefined): {
  publicKey: string;
  claims: { aud: string; exp: number; sub: string };
} {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [header, payload, signature] = match[1].split('.') as [string, string, string];
  const point = Buffer.from(match[2], 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw new Error('the VAPID JWT signature does not match its key');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256')
    throw new Error('VAPID JWT is not ES256');
  return { publicKey: match[2], claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}
