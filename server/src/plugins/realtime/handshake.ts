import type { IncomingMessage } from 'node:http';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { type Actor, actorFrom } from '../../policy/policy';
import { sessionCookieName } from '../auth';
import { findSession } from '../auth/sessions.queries';

/**
 * May a browser page on `origin` open a socket here. Only pages of the application itself:
 * the configured PUBLIC_URL, or the host the request was sent to over the scheme it arrived
 * on (`scheme`: 'https' when the connection is encrypted, or a trusted proxy says so). An
 * `https://` page of this host is another origin than the plain-http connection it claims to
 * open, so it is refused. A request without Origin comes from no browser page (browsers always
 * send it on websocket upgrades and cross-origin requests) and cannot ride a visitor's cookie
 * from another site, so it is let through.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string,
  scheme: string,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(publicUrl).origin) return true;
  return host !== undefined && parsed.host === host && parsed.protocol === `${scheme}:`;
}

/** The value of one cookie in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface SocketIdentity {
  actor: Actor;
  displayName: string | null;
  /** The session the socket rides on (null: anonymous): re-checked whenever access changes. */
  sessionId: string | null;
}

const ANONYMOUS: SocketIdentity = { actor: null, displayName: null, sessionId: null };

/**
 * Who opens the socket, from the session cookie of the handshake (the same cookie as the
 * HTTP API). No cookie, or an unknown or expired session, makes an anonymous socket: it may
 * still read what anonymous visitors may read.
 */
export async function identify(db: Db, config: Config, request: IncomingMessage): Promise<SocketIdentity> {
  const token = readCookie(request.headers.cookie, sessionCookieName(config.production));
  if (!token || token.length > 128) return ANONYMOUS;
  const found = await findSession(db, token, config.session);
  if (!found) return ANONYMOUS;
  return { actor: actorFrom(found), displayName: found.user.display_name, sessionId: found.session.id };
}
