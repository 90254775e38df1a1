import { createHash } from 'node:crypto';
import { ErrorBodySchema } from '@atelier/contract';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config';
import { AppError } from '../errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whose requests one counter adds up. */
export type Scope =
  /** the signed-in person (skipped for anonymous requests, which the route refuses anyway) */
  | 'account'
  /** the client's address, as TRUST_PROXY lets Fastify read it; an IPv6 /64 is one client */
  | 'ip'
  /** the email address named in the body */
  | 'address'
  /** the email address named in the body, from this client address */
  | 'addressAndIp'
  /** the email address named in the body, by this signed-in person */
  | 'accountAndAddress'
  /** the signed-in person while their account is younger than NEW_ACCOUNT_MS (skipped after) */
  | 'newAccount'
  /** the personal API token the request rides on (skipped for cookie sessions) */
  | 'token';

export interface Counter {
  per: Scope;
  max: number;
  windowMs: number;
}

const counter =
  (per: Scope) =>
  (max: number, windowMs: number): Counter => ({ per, max, windowMs });
const account = counter('account');
const ip = counter('ip');
const address = counter('address');
const addressAndIp = counter('addressAndIp');
const accountAndAddress = counter('accountAndAddress');
const newAccount = counter('newAccount');
const token = counter('token');

/**
 * An account this young spends the tighter `newAccount` counters too: a spammer who signs up
 * to write to strangers hits them within the first messages; a real newcomer barely notices.
 */
export const NEW_ACCOUNT_MS = 7 * DAY;

/**
 * Every quota, by name. A route spends one by declaring `config: { quota: 'upload' }`; each
 * request then advances all the quota's counters, and any counter over its max answers 429
 * `rate_limited` with Retry-After, before the handler stores or mails anything.
 *
 * Two rules keep a limit from locking one person out because of another:
 * - what a stranger can name (an email address) is only ever counted together with the
 *   stranger's own IP or account, never alone — except the 6-digit code, whose mailed link
 *   still works when its counter is spent;
 * - a per-IP max is several times the per-account one, so one account cannot spend the budget
 *   of colleagues behind the same address.
 * Mail that anyone can send to someone else's inbox is also capped where it is sent, without
 * changing the answer (accounts.service.ts: live links per address; memberships.service.ts: one
 * join-request mail per requester and space an hour).
 */
export function quotaTable(settings: Config['rateLimits']) {
  const { authPerIp, authPerAccount } = settings;
  const auth = 15 * MINUTE;
  // Write quotas are sized for real use (an animateur invites a cohort of 60, marks them all
  // present) and scaled together by RATE_LIMIT_WRITE_SCALE; the IP max is 5 to 10 times the
  // account max.
  const write = (accountMax: number, ipMax: number, windowMs: number) => [
    account(Math.max(1, Math.round(accountMax * settings.writeScale)), windowMs),
    ip(Math.max(1, Math.round(ipMax * settings.writeScale)), windowMs),
  ];
  return {
    // Accounts: attempts count per address *from one IP*, so guesses made elsewhere never
    // slow the owner down, plus per IP overall (OWASP's login throttling).
    signIn: [ip(authPerIp, auth), addressAndIp(authPerAccount, auth)],
    signUp: [ip(authPerIp, auth)],
    mailLink: [ip(authPerIp, auth), addressAndIp(authPerAccount, auth)],
    /** The 6-digit code is guessable, so it is also counted per address; the link is not. */
    mailLinkVerify: [ip(authPerIp, auth), address(authPerAccount, auth)],
    passwordReset: [ip(authPerIp, auth), addressAndIp(authPerAccount, auth)],
    passwordResetConfirm: [ip(authPerIp, auth)],
    passwordChange: [account(authPerAccount, auth), ip(authPerIp, auth)],
    /** Holds a 256-bit token and may create an account; a whole cohort may accept from one venue. */
    invitationAccept: [ip(3 * authPerIp, auth)],
    /** Registering without an account mails a link to the address named: counted like the sign-in link. */
    guestRegistration: [ip(authPerIp, auth), addressAndIp(authPerAccount, auth)],
    /** The link of that mail (a token, no session). */
    guestConfirm: [ip(2 * authPerIp, auth)],
    /** The one-click "je ne peux plus venir" link of the mails (a token, no session). */
    registrationCancel: [ip(2 * authPerIp, auth)],
    /** The one-click unsubscribe of every mail and its undo (a signed token, no session). */
    unsubscribe: [ip(2 * authPerIp, auth)],
    /**
     * Signing in through the OpenID Connect provider: its start and its callback (GETs that
     * write a sign-in, an account, a session). A whole administration may sit behind one address.
     */
    oidcSignIn: [ip(3 * authPerIp, auth)],

    /** Searching: each one reads much; generous for people, capped per address for robots. */
    search: [account(120, MINUTE), ip(600, MINUTE)],

    // Writes by signed-in people.
    /** New threads and posts share one budget: 30 a minute per person. */
    post: write(30, 300, MINUTE),
    reaction: write(60, 600, MINUTE),
    /** Following or leaving a thread or a series. */
    follow: write(60, 600, MINUTE),
    /** Changing or deleting what exists: profile, spaces, threads, posts, events, documents, files, links, questions. */
    edit: write(200, 2000, HOUR),
    space: write(10, 50, HOUR),
    /** Creating and editing organisations, setting or removing their logos (admins and referents). */
    organisation: write(30, 150, HOUR),
    /** Publishing to the commons, or withdrawing. */
    publication: write(30, 150, HOUR),
    /** Adding and changing accompanied territories, naming their « 4 Fantastiques ». */
    territory: write(60, 300, HOUR),
    /** Asking to be linked to an organisation, or withdrawing: each ask reaches its referents. */
    affiliation: write(20, 100, HOUR),
    /** Joining or asking to join, leaving or withdrawing. */
    membership: write(30, 300, HOUR),
    /** Deciding join requests (the requester is mailed), changing roles and referents, removing members. */
    members: write(200, 1000, HOUR),
    /** Per inviter, and at most 3 mails a day from one inviter to one address. */
    invitation: [...write(100, 500, HOUR), accountAndAddress(3, DAY)],
    /** A whole cohort at once (up to 2,000 people; checking a file is a dry run of the same). */
    bulkInvitation: write(30, 150, HOUR),
    document: write(30, 300, HOUR),
    /** Comment threads on documents and their replies (resolving and deleting spend `edit`). */
    comment: write(120, 1200, HOUR),
    /** Named versions and restores. */
    version: write(60, 600, HOUR),
    upload: write(60, 300, HOUR),
    link: write(60, 600, HOUR),
    event: write(30, 150, HOUR),
    /** Cancelling an event (everyone registered is mailed), its report and follow-up thread. */
    eventManage: write(30, 300, HOUR),
    attendance: write(300, 1500, HOUR),
    /** Taking or giving up a seat; each mails a confirmation or a promotion. */
    registration: write(30, 300, HOUR),
    question: write(30, 300, HOUR),
    vote: write(120, 1200, HOUR),
    calendarFeed: write(10, 100, HOUR),
    /** Turning notifications on or off on a device, or removing one (at most 10 devices are kept). */
    pushDevice: write(30, 150, HOUR),
    /** Writing a draft infolettre. */
    newsletter: write(30, 150, HOUR),
    /** Sending one: it mails every member of a space, so a few an hour per animateur·ice. */
    newsletterSend: write(5, 25, HOUR),
    /** Flagging posts, documents and files: counted per flagger, so nobody's flags spend another's. */
    flag: write(30, 150, HOUR),
    /** Moderators' decisions on flags (each may mail the author). */
    moderation: write(200, 1000, HOUR),
    /**
     * Starting direct conversations (or writing again to someone new to one's list): what a
     * spammer does most. New accounts start a few a day.
     */
    conversation: [...write(30, 150, HOUR), newAccount(Math.max(1, Math.round(5 * settings.writeScale)), DAY)],
    /** Direct messages in conversations one is in; new accounts write less in a burst. */
    message: [...write(30, 300, MINUTE), newAccount(Math.max(1, Math.round(10 * settings.writeScale)), MINUTE)],
    /** Blocking or unblocking a person. */
    block: write(60, 300, HOUR),
    /** Asking for one's data: each builds a ZIP of everything and mails a link. */
    dataExport: write(5, 25, HOUR),
    /** Erasing one's account: once succeeds; the rest is retries of a refused confirmation. */
    erasure: write(5, 25, HOUR),
    /** Creating and revoking one's personal API tokens. */
    apiTokens: write(20, 100, HOUR),
    /** Every request made with one API token, reads included (spent by all of them, see below). */
    apiTokenRequest: [token(Math.max(1, Math.round(600 * settings.writeScale)), MINUTE)],
    /** Adding, changing and removing a space's webhooks. */
    webhook: write(30, 150, HOUR),
  } satisfies Record<string, Counter[]>;
}

export type Quotas = ReturnType<typeof quotaTable>;
export type QuotaName = keyof Quotas;

export interface LimitedRoute {
  method: string;
  url: string;
  /** The quota the route declared, or null. */
  quota: QuotaName | null;
}

export interface Limits {
  enabled: boolean;
  quotas: Quotas;
  /** Every route registered after this plugin and its quota: what the coverage test reads. */
  routes: LimitedRoute[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The quota this route spends (see quotaTable in plugins/rate-limit.ts). */
    quota?: QuotaName;
    /** Spend the quota on this GET too: a navigation that writes (the OpenID Connect sign-in). */
    quotaOnGet?: boolean;
  }
  interface FastifyInstance {
    limits: Limits;
  }
}

// Addresses are hashed so that counters keyed by them (in Redis, possibly) hold no email.
const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

function bodyAddress(request: FastifyRequest) {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? hashed(body.email.trim().toLowerCase()) : undefined;
}

/** What each scope counts; undefined skips the counter for this request. */
const SCOPE_KEYS: Record<Scope, (request: FastifyRequest) => string | undefined> = {
  account: (request) => request.auth?.user.id,
  ip: (request) => normalizeIP(request.ip),
  address: bodyAddress,
  addressAndIp: (request) => {
    const named = bodyAddress(request);
    return named && `${named}|${normalizeIP(request.ip)}`;
  },
  accountAndAddress: (request) => {
    const named = bodyAddress(request);
    return named && request.auth ? `${named}|${request.auth.user.id}` : undefined;
  },
  newAccount: (request) => {
    const user = request.auth?.user;
    if (!user) return undefined;
    return Date.now() - new Date(user.created_at).getTime() < NEW_ACCOUNT_MS ? user.id : undefined;
  },
  token: (request) => request.auth?.token?.id,
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Adds the 429 answer to a route's documented responses (a copy: routes may share one object). */
function document429(route: RouteOptions) {
  const response = route.schema?.response as Record<string, unknown> | undefined;
  if (!response || 429 in response || '4xx' in response) return;
  route.schema = { ...route.schema, response: { ...response, 429: ErrorBodySchema } };
}

/**
 * Named quotas, counted by @fastify/rate-limit: in Redis when REDIS_URL is set (so a limit
 * holds across processes), in memory otherwise. RATE_LIMITS=off counts nothing (load tests).
 * Routes declare what they spend with `config: { quota }`; this plugin must be registered
 * before any route so that it sees them all.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { rateLimits, redisUrl } = options.config;
    const quotas = quotaTable(rateLimits);
    const limits: Limits = { enabled: rateLimits.enabled, quotas, routes: [] };
    app.decorate('limits', limits);

    const checks = new Map<QuotaName, (request: FastifyRequest, reply: FastifyReply) => Promise<void>>();
    if (rateLimits.enabled) {
      const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 }) : undefined;
      if (redis) app.addHook('onClose', async () => void redis.quit());
      await app.register(rateLimit, { global: false, redis, nameSpace: 'atelier-rate-' });
      for (const [name, counters] of Object.entries(quotas) as [QuotaName, Counter[]][]) {
        checks.set(name, quotaCheck(app, name, counters));
      }
    }

    app.addHook('onRoute', (route) => {
      const quota = route.config?.quota ?? null;
      for (const method of [route.method].flat()) limits.routes.push({ method, url: route.url, quota });
      if (quota === null) return;
      if (!(quota in quotas)) throw new Error(`rate-limit: ${route.url} names an unknown quota '${quota}'`);
      const writes = [route.method].flat().some((method) => STATE_CHANGING.has(method));
      if (!writes && !route.config?.quotaOnGet) return;
      document429(route);
      const check = checks.get(quota);
      // First, so that no other pre-handler works for a request that is over its quota.
      if (check) route.preHandler = [check, ...[route.preHandler ?? []].flat()];
    });

    // A script with a token may loop: every request it makes, reads too, spends the token's
    // own budget, on top of the quota its route spends for the owner's account.
    const perToken = checks.get('apiTokenRequest');
    if (perToken) {
      app.addHook('preHandler', async (request, reply) => {
        if (request.auth?.token) await perToken(request, reply);
      });
    }
  },
  { name: 'rate-limit' },
);

/** The pre-handler of one quota: advances every counter, then refuses if any is over. */
function quotaCheck(app: FastifyInstance, name: QuotaName, counters: Counter[]) {
  const limiters = counters.map((c) => {
    const key = SCOPE_KEYS[c.per];
    return {
      key,
      limit: app.createRateLimit({
        max: c.max,
        timeWindow: c.windowMs,
        keyGenerator: (request) => `${name}:${c.per}:${key(request)}`,
      }),
    };
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const applicable = limiters.filter(({ key }) => key(request) !== undefined);
    const results = await Promise.all(applicable.map(({ limit }) => limit(request)));
    const exceeded = results.flatMap((result) => (!result.isAllowed && result.isExceeded ? [result] : []));
    if (exceeded.length === 0) return;
    const retryAfter = Math.max(1, ...exceeded.map((result) => result.ttlInSeconds));
    reply.header('retry-after', retryAfter);
    throw new AppError('rate_limited', `too many requests, try again in ${retryAfter} seconds`);
  };
}
