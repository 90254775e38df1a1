import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a secret (a mailed link's token, a feed's signature). */
const SECRET_QUERY = /([?&](?:token|key|signature|sig|code)=)[^&#]*/gi;
/** Paths with a secret token after their prefix (a personal calendar feed is `/api/calendar/<token>.ics`). */
const SECRET_PATH = /^(\/api\/(?:unsubscribe|invitations)\/|\/api\/calendar\/(?!feed(?:[/?#]|$)))[^/?#]+/;

/** A request's URL as the logs keep it: secrets in links replaced by `…`. */
export const redactUrl = (url: string) => url.replace(SECRET_PATH, '$1…').replace(SECRET_QUERY, '$1…');

/** Fastify's request log line, with the URL redacted: a log reader gets no working link. */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
