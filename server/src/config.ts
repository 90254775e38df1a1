import { isIP } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';
import { z } from 'zod';

const DAY = 24 * 60 * 60 * 1000;
const flag = z.enum(['on', 'off']);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Atelier des transitions <atelier@localhost>'),
  /** Posts a person is to hear of by mail wait this long, so that several make one mail. */
  MAIL_GROUP_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** A post flagged by this many distinct people is hidden pending review. */
  FLAG_HIDE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(3),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).max(256).optional(),
  RATE_LIMITS: flag.default('on'),
  /** Attempts at each account route (sign-in, sign-up, mail link, reset …) per IP in 15 minutes. */
  RATE_LIMIT_AUTH_PER_IP: z.coerce.number().int().positive().default(30),
  /** The same attempts per account: per email address from one IP, or per signed-in person. */
  RATE_LIMIT_AUTH_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  /** Multiplies every write quota (posts, uploads, invitations …): 2 doubles them all. */
  RATE_LIMIT_WRITE_SCALE: z.coerce.number().positive().max(1000).default(1),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The proxies whose X-Forwarded-For/-Proto are believed: addresses, CIDR ranges, or a hop count. */
  TRUST_PROXY: z.string().trim().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `demo`: the alliance's spaces and a living demo; `alliance`: the spaces only; `off`: nothing. */
  SEED: z.enum(['demo', 'alliance', 'off']).optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Uploaded files go to this S3-compatible bucket when set; to DATA_DIR/files otherwise. */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** `on` for MinIO, Garage and other stores that address buckets by path, not by host. */
  S3_FORCE_PATH_STYLE: flag.default('off'),
  /** Largest upload in bytes; the contract's FILE_MAX_BYTES (20 MiB) by default. */
  FILE_MAX_BYTES: z.coerce.number().int().positive().optional(),
  /** The port this process receives answers by mail on (SMTP); unset: it receives none. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The address that port listens on; HOST by default. */
  INBOUND_SMTP_HOST: z.string().min(1).optional(),
  /** The domain of reply addresses (reply+TOKEN@…); the host of PUBLIC_URL by default. */
  INBOUND_DOMAIN: z.hostname().optional(),
  /**
   * `on`: webhooks may also target plain http on this machine (127.0.0.0/8, ::1, localhost),
   * for tests standing in for a receiver. Never in production; off by default.
   */
  WEBHOOKS_ALLOW_HTTP_LOOPBACK: z.enum(['on', 'off']).default('off'),
  /** Web Push's VAPID key pair (base64url, as `web-push generate-vapid-keys` prints); unset: made once, kept in the database. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'an uncompressed P-256 public key in base64url (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 private key in base64url (43 characters)')
    .optional(),
  /** Whom push services may contact about our pushes: `mailto:` or `https:`; MAIL_FROM's address by default. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'a mailto: address or an https: URL')
    .optional(),
  /** OpenID Connect sign-in (ProConnect …): the provider's issuer URL, discovered at first use. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(255).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  /** The provider's name on the sign-in button: « Se connecter avec … ». */
  OIDC_NAME: z.string().trim().min(1).max(60).default('ProConnect'),
  /** Scopes asked for, space-separated; `openid` among them. ProConnect: `openid email given_name usual_name siret`. */
  OIDC_SCOPES: z
    .string()
    .trim()
    .regex(/^([\w:.-]+ )*[\w:.-]+$/, 'space-separated scopes')
    .refine((value) => value.split(' ').includes('openid'), 'must include openid')
    .default('openid email profile'),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Seconds that mails about posts wait, so that several posts make one mail. */
  mailGroupSeconds: number;
  /** Distinct people whose flags hide a post pending review (moderation). */
  flagHideThreshold: number;
  admin: { email: string; password: string } | undefined;
  /** The quotas themselves are in plugins/rate-limit.ts; these settings size them. */
  rateLimits: { enabled: boolean; authPerIp: number; authPerAccount: number; writeScale: number };
  publicUrl: string;
  /**
   * Whether a peer is a trusted proxy (`hop` 0 is the socket's peer, 1 the address it forwarded
   * for …), as Fastify's `trustProxy` and proxy-addr take it; undefined trusts no proxy.
   */
  trustProxy: TrustProxy | undefined;
  logLevel: string;
  /** What start-up seeds: `demo` by default outside production, `alliance` in production. */
  seed: 'demo' | 'alliance' | 'off';
  /** Bearer token that opens `/metrics` in production; without it metrics stay private. */
  metricsToken: string | undefined;
  session: { idleMs: number; absoluteMs: number; touchEveryMs: number };
  /** Where uploaded files go: S3 when a bucket is named, else a folder under `dataDir`. */
  storage: { s3: S3Settings | undefined };
  /** Largest upload in bytes, or undefined for the contract's FILE_MAX_BYTES. */
  fileMaxBytes: number | undefined;
  /**
   * Reply by mail, on when this process listens (`INBOUND_SMTP_PORT`) or `INBOUND_DOMAIN` is
   * set: mails about posts then carry a Reply-To at `domain`. `smtp`: where this process
   * receives those answers, if it does.
   */
  replyByMail: { domain: string; smtp: { port: number; host: string } | undefined } | undefined;
  /** Webhooks may target plain http on this machine (WEBHOOKS_ALLOW_HTTP_LOOPBACK, tests only). */
  webhooksAllowHttpLoopback: boolean;
  /** Web Push: the configured VAPID keys (else the database's, made once) and the contact given to push services. */
  push: { vapidKeys: { publicKey: string; privateKey: string } | undefined; subject: string };
  /** OpenID Connect sign-in, when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
  oidc: OidcSettings | undefined;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button. */
  name: string;
  scopes: string;
  /** Where the provider sends the browser back: PUBLIC_URL's `/api/auth/oidc/callback`. */
  redirectUri: string;
}

export interface S3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  /** Both or neither: without them the AWS SDK's default chain (env, instance role) applies. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
}

export type TrustProxy = (address: string, hop: number) => boolean;

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export class ConfigError extends Error {}

/**
 * TRUST_PROXY → the trust function. A number trusts that many hops in front of the app (only
 * safe when nothing reaches the app but through them); otherwise a comma-separated list of
 * addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`).
 * Nothing is trusted when it is unset, in production too: `X-Forwarded-For` is a header any
 * client may send.
 */
function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops === 0) return undefined;
    return (_address, hop) => hop < hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  try {
    // proxy-addr reads lenient forms such as `10.1` as addresses; only the usual notations pass.
    const odd = entries.find((entry) => !NAMED_RANGES.has(entry) && isIP(entry.split('/')[0]!) === 0);
    if (odd !== undefined) throw new Error(`invalid IP address: ${odd || '(empty)'}`);
    return proxyAddr.compile(entries);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `Invalid configuration:\n  TRUST_PROXY: expected addresses, CIDR ranges or a hop count (${reason})`,
    );
  }
}

/**
 * A process that sends mail but does not listen still writes reply addresses when
 * INBOUND_DOMAIN says where answers go; with neither variable, mails carry no Reply-To.
 */
function replyByMailConfig(
  e: z.output<typeof EnvSchema>,
  defaults: { publicUrl: string; host: string },
): Config['replyByMail'] {
  if (e.INBOUND_SMTP_PORT === undefined && e.INBOUND_DOMAIN === undefined) return undefined;
  return {
    domain: (e.INBOUND_DOMAIN ?? new URL(defaults.publicUrl).hostname).toLowerCase(),
    smtp:
      e.INBOUND_SMTP_PORT === undefined
        ? undefined
        : { port: e.INBOUND_SMTP_PORT, host: e.INBOUND_SMTP_HOST ?? defaults.host },
  };
}

/**
 * Environment → typed configuration, the only place that reads `process.env`.
 * A bad value stops start-up with a message naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) {
    throw new ConfigError('Invalid configuration:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  }
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together',
    );
  }
  const production = e.NODE_ENV === 'production';
  if (production && e.OIDC_ISSUER?.startsWith('http:')) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: an https: URL in production');
  }
  if (production && e.SEED === 'demo') {
    throw new ConfigError(
      'Invalid configuration:\n  SEED: the demo (fictitious people) is for development, not production',
    );
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  const host = e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailGroupSeconds: e.MAIL_GROUP_SECONDS,
    flagHideThreshold: e.FLAG_HIDE_THRESHOLD,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    rateLimits: {
      enabled: e.RATE_LIMITS === 'on',
      authPerIp: e.RATE_LIMIT_AUTH_PER_IP,
      authPerAccount: e.RATE_LIMIT_AUTH_PER_ACCOUNT,
      writeScale: e.RATE_LIMIT_WRITE_SCALE,
    },
    publicUrl,
    trustProxy,
    logLevel: e.LOG_LEVEL,
    seed: e.SEED ?? (production ? 'alliance' : 'demo'),
    metricsToken: e.METRICS_TOKEN,
    session: { idleMs: 14 * DAY, absoluteMs: 60 * DAY, touchEveryMs: 60_000 },
    storage: {
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                : undefined,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'on',
          }
        : undefined,
    },
    fileMaxBytes: e.FILE_MAX_BYTES,
    replyByMail: replyByMailConfig(e, { publicUrl, host }),
    webhooksAllowHttpLoopback: e.WEBHOOKS_ALLOW_HTTP_LOOPBACK === 'on' && !production,
    push: {
      vapidKeys:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
          : undefined,
      subject: e.VAPID_SUBJECT ?? `mailto:${/<([^>]+)>/.exec(e.MAIL_FROM)?.[1] ?? e.MAIL_FROM.trim()}`,
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            name: e.OIDC_NAME,
            scopes: e.OIDC_SCOPES,
            redirectUri: `${publicUrl}/api/auth/oidc/callback`,
          }
        : undefined,
  };
}
