import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TrustProxy } from '../config';

/**
 * The scheme a raw Node request arrived on, by the rule Fastify applies to `request.protocol`:
 * the last `X-Forwarded-Proto` when the socket's peer is a trusted proxy (TRUST_PROXY), else
 * whether the socket itself is encrypted. For the socket.io handshake, which sees Node's
 * request rather than Fastify's.
 */
export function arrivalScheme(request: IncomingMessage, trustProxy: TrustProxy | undefined): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const peer = request.socket.remoteAddress;
  if (trustProxy && typeof forwarded === 'string' && peer !== undefined && trustProxy(peer, 0)) {
    return forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
  }
  return (request.socket as TLSSocket).encrypted ? 'https' : 'http';
}
