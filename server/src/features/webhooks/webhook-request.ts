import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@atelier/contract';
import ipaddr from 'ipaddr.js';

/** The addresses a host name has, as `dns.lookup` (the system resolver) gives them. */
export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;
export const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/**
 * `sha256=HEX`: HMAC-SHA256 with the webhook's secret over `${timestamp}.${body}` — the Unix
 * time in seconds sent in `x-atelier-timestamp`, a dot, and the raw body. Signing the time too
 * lets a receiver refuse an old delivery replayed.
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * May a delivery go to this address? Only to public unicast addresses: never loopback,
 * private (10/8, 172.16/12, 192.168/16), carrier-grade NAT, link-local (169.254/16, fe80::/10,
 * where cloud metadata services live), unique-local (fc00::/7), multicast, reserved or
 * unspecified ranges, nor IPv6 forms that embed an IPv4 address (mapped, 6to4, Teredo, NAT64)
 * unless the embedded address is itself public. Loopback only when the setting allows it.
 */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'loopback') return allowLoopback;
  return range === 'unicast';
}

/** The outcome of one attempt, as the delivery job acts on it. */
export type AttemptOutcome =
  /** 2xx. */
  | { kind: 'delivered'; statusCode: number; durationMs: number }
  /** Not sent: the address is not one we deliver to. Retrying would not help. */
  | { kind: 'refused'; error: string }
  /** No answer, a timeout, 408, 429 or 5xx: worth trying again later. */
  | { kind: 'retry'; statusCode: number | null; durationMs: number; error: string }
  /** Another answer (a redirect, 4xx): the receiver said no. */
  | { kind: 'failed'; statusCode: number; durationMs: number; error: string };

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowLoopback: boolean;
  resolve?: Resolve;
  timeoutMs?: number;
}

/**
 * One delivery attempt. The host is resolved here and every address checked; the connection
 * then goes to the checked address itself (the `Host` header and TLS name stay the URL's), so
 * a DNS answer that changes between the check and the connection (DNS rebinding) cannot send
 * it elsewhere. No redirect is followed, no answer body is read.
 */
export async function sendWebhook(request: WebhookRequest): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  const loopbackHttp = url.protocol === 'http:' && request.allowLoopback;
  if (url.protocol !== 'https:' && !loopbackHttp) return { kind: 'refused', error: 'only https URLs are delivered to' };
  if (url.username || url.password) return { kind: 'refused', error: 'credentials in the URL are not sent' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (request.resolve ?? systemResolve)(host);
  } catch (error) {
    return { kind: 'retry', statusCode: null, durationMs: 0, error: `cannot resolve ${host}: ${messageOf(error)}` };
  }
  if (addresses.length === 0)
    return { kind: 'retry', statusCode: null, durationMs: 0, error: `${host} has no address` };
  // Every address must pass: a name with one public and one private address is refused.
  const barred = addresses.find(({ address }) => !addressAllowed(address, request.allowLoopback));
  if (barred) return { kind: 'refused', error: `${host} resolves to a non-public address (${barred.address})` };
  const target = addresses[0]!;
  if (url.protocol === 'http:' && ipaddr.parse(target.address).range() !== 'loopback') {
    return { kind: 'refused', error: 'plain http is only allowed to this machine' };
  }
  return post(url, target.address, request);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

function post(url: URL, address: string, request: WebhookRequest): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const client = url.protocol === 'https:' ? https : http;
  const hostName = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const outgoing = client.request(
      {
        method: 'POST',
        host: address,
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        headers: { ...request.headers, host: url.host, 'content-length': Buffer.byteLength(request.body) },
        // The certificate is checked against the URL's name, not the address connected to.
        ...(url.protocol === 'https:' && !isIP(hostName) ? { servername: hostName } : {}),
        agent: false,
      },
      (response) => {
        response.resume(); // the answer's body is not read, only drained
        clearTimeout(timer);
        const statusCode = response.statusCode ?? 0;
        const durationMs = elapsed();
        if (statusCode >= 200 && statusCode < 300) resolve({ kind: 'delivered', statusCode, durationMs });
        else if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
          resolve({ kind: 'retry', statusCode, durationMs, error: `the receiver answered ${statusCode}` });
        } else resolve({ kind: 'failed', statusCode, durationMs, error: `the receiver answered ${statusCode}` });
      },
    );
    const timer = setTimeout(() => outgoing.destroy(new Error('no answer in time')), request.timeoutMs ?? 10_000);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'retry', statusCode: null, durationMs: elapsed(), error: messageOf(error) });
    });
    outgoing.end(request.body);
  });
}

/** The headers of a delivery: what it is, which one, when, and the signature over both. */
export function deliveryHeaders(input: { secret: string; event: string; deliveryId: string; body: string; now: Date }) {
  const timestamp = Math.floor(input.now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'AtelierDesTransitions-Webhooks/1',
    'x-atelier-event': input.event,
    'x-atelier-delivery': input.deliveryId,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signDelivery(input.secret, timestamp, input.body),
  };
}
