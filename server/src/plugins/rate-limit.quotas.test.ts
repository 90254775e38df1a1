import { isValidSiren, REACTION_EMOJIS } from '@atelier/contract';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createAuthToken } from '../features/accounts/auth-tokens.queries';
import { DEMO_EMAIL_DOMAIN } from '../features/seed/demo-data';
import { createInvitation } from '../features/spaces/invitations.queries';
import type { TestContext } from '../test/app';
import { createTestDatabase } from '../test/database';
import { createPost, createThread } from '../test/factories/discussions';
import { createCommentThread, createDocument, sampleAnchor } from '../test/factories/documents';
import { createEvent, createRegistration } from '../test/factories/events';
import { createNewsletter } from '../test/factories/newsletters';
import { createPerson, type TestPerson } from '../test/factories/people';
import { createQuestion } from '../test/factories/questions';
import { upload } from '../test/factories/resources';
import { addMembership, createSpace, memberOfSpace } from '../test/factories/spaces';
import { multipart, samples } from '../test/files';
import { PASSWORD, request } from '../test/http';
import type { Counter, QuotaName, Scope } from './rate-limit';

/**
 * Every limited route, hit until it answers 429: `max` requests pass (the quota's own counter
 * for the expected scope), the next is refused with Retry-After, and it stored nothing.
 * Quotas are shrunk by RATE_LIMIT_WRITE_SCALE and the RATE_LIMIT_AUTH_* settings so that the
 * whole table runs in seconds; the table itself is the production one.
 */
const ENV = { RATE_LIMIT_WRITE_SCALE: '0.05', RATE_LIMIT_AUTH_PER_IP: '4', RATE_LIMIT_AUTH_PER_ACCOUNT: '2' };

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Hit = (
  who: TestPerson | null,
  method: Method,
  url: string,
  payload?: object | Buffer,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

interface Prepared {
  send(i: number): Promise<LightMyRequestResponse>;
  /** What the requests change (rows, counts); a refused request must leave it as it was. */
  stored(): Promise<unknown>;
}

interface Case {
  route: string;
  /** The counter that refuses first (default: the person's account). */
  by?: Scope;
  /** The status of an allowed request (default: any 2xx). */
  ok?: number;
  prepare(input: { max: number; hit: Hit; tag: string }): Promise<Prepared>;
}

let database: Database;
let setup: TestContext; // limits off: prepares what the requests need
let limited: TestContext; // the same database, limits on
const db = () => database.db;

async function openApp(env: Record<string, string>): Promise<TestContext> {
  const config = loadConfig({ NODE_ENV: 'test', SEED: 'off', LOG_LEVEL: 'silent', ...env });
  const app: App = await buildApp({ config, database, jobs: { workers: env.RATE_LIMITS === 'on' } });
  await app.ready();
  return { app, database, config, close: () => app.close() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  setup = await openApp({ RATE_LIMITS: 'off' });
  limited = await openApp({ RATE_LIMITS: 'on', ...ENV });
});
afterAll(async () => {
  await limited?.close();
  await setup?.close();
  await database?.close();
});

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db())).rows[0]!.n);
const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db())).rows;
const person = (overrides: Parameters<typeof createPerson>[1] = {}) => createPerson(setup, overrides);
const admin = () => person({ role: 'admin' });
const times = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));
/** One after the other: writes that must keep their order (posts in a thread). */
async function inTurn<T>(n: number, make: (i: number) => Promise<T>) {
  const made: T[] = [];
  for (let i = 0; i < n; i++) made.push(await make(i));
  return made;
}
/** `n` questions someone asked at a permanence where the voter holds a seat too, and the voter's vote count. */
async function votingOn(n: number) {
  const [asker, voter] = [await person(), await person()];
  const event = await createEvent(db(), { kind: 'permanence' });
  await createRegistration(db(), event.id, asker.id);
  await createRegistration(db(), event.id, voter.id);
  const questions = await inTurn(n, (i) => createQuestion(setup, asker, event.id, `Question ${i} ?`));
  const votes = () => count(sql`select count(*)::int as n from question_votes where user_id = ${voter.id}`);
  return { voter, ids: questions.map((question) => question.id), votes };
}
const openSpace = () => createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
async function spaceOf(role: 'animateur' | 'membre', who?: TestPerson) {
  const someone = who ?? (await person());
  const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
  await addMembership(db(), space.id, someone.id, { role });
  return { who: someone, space };
}
let organisations = 0;
/** An organisation written straight to the database, with people linked as `status`. */
async function organisation(
  linked: { status: 'pending' | 'confirmed'; people: TestPerson[] } = { status: 'pending', people: [] },
) {
  organisations += 1;
  const slug = `organisation-quota-${Date.now().toString(36)}-${organisations}`;
  const row = await db()
    .insertInto('organisations')
    .values({ slug, name: slug, kind: 'reseau' })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  for (const who of linked.people) {
    await db()
      .insertInto('organisation_members')
      .values({ organisation_id: row.id, user_id: who.id, status: linked.status })
      .execute();
  }
  return row;
}
let territories = 0;
const territoryTag = () => {
  territories += 1;
  return territories;
};
/** A valid SIREN (Luhn) made from a number below 10^8. */
const sirenOf = (n: number) => {
  const base = String(n).padStart(8, '0');
  for (let digit = 0; digit <= 9; digit += 1) if (isValidSiren(`${base}${digit}`)) return `${base}${digit}`;
  throw new Error('no SIREN');
};
/** A territory accompanied by a fresh space, with that space's animateur·ice. */
async function accompanied() {
  const { who: animateur, space } = await spaceOf('animateur');
  const tag = territoryTag();
  const {
    rows: [row],
  } = await sql<{ id: string }>`insert into territories (level, code, name, programmes)
    values ('other', ${sirenOf(90_000_000 + tag)}, ${`Territoire ${tag}`}, array['cohorte']) returning id`.execute(
    db(),
  );
  await sql`insert into space_projects (space_id, territory, position, territory_id)
    values (${space.id}, ${`Territoire ${tag}`}, 0, ${row!.id})`.execute(db());
  return { animateur, territory: row!.id, space: space.id };
}

/** A direct conversation `from` started with `to` (through the unlimited app), and its first message. */
async function conversation(from: TestPerson, to: TestPerson) {
  const response = await request(setup, from, 'POST', '/api/conversations', {
    participantIds: [to.id],
    body: '<p>Bonjour</p>',
  });
  if (response.statusCode !== 201) throw new Error(`conversation failed: ${response.statusCode} ${response.body}`);
  return { conversationId: response.json().conversation.id as string, messageId: response.json().message.id as string };
}

const future = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const jobsFor = (name: string, email: string) =>
  count(sql`select count(*)::int as n from pgboss.job where name = ${name} and data->>'email' = ${email}`);

const CASES: Case[] = [
  // ── Accounts ────────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/auth/register',
    by: 'ip',
    ok: 201,
    prepare: async ({ hit, tag }) => ({
      send: (i) =>
        hit(null, 'POST', '/api/auth/register', {
          email: `${tag}-${i}@exemple.fr`,
          password: PASSWORD,
          displayName: 'Inscription',
          acceptCharter: true,
        }),
      stored: () => count(sql`select count(*)::int as n from users where email like ${`${tag}-%`}`),
    }),
  },
  {
    route: 'POST /api/auth/login',
    by: 'addressAndIp',
    ok: 401,
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: () => hit(null, 'POST', '/api/auth/login', { email: p.email, password: 'pas-le-bon-mot' }),
        stored: async () => null,
      };
    },
  },
  ...(['mail-link', 'password-reset'] as const).map(
    (path): Case => ({
      route: `POST /api/auth/${path}`,
      by: 'addressAndIp',
      ok: 202,
      prepare: async ({ hit }) => {
        const p = await person();
        const job = path === 'mail-link' ? 'accounts.sign-in-link' : 'accounts.password-reset';
        return {
          send: () => hit(null, 'POST', `/api/auth/${path}`, { email: p.email }),
          stored: () => jobsFor(job, p.email),
        };
      },
    }),
  ),
  {
    route: 'POST /api/auth/mail-link/verify',
    by: 'address',
    ok: 400,
    prepare: async ({ hit }) => {
      const p = await person();
      const { code } = await createAuthToken(db(), p.id, 'mail_login', 15 * 60_000);
      const wrong = code === '000000' ? '111111' : '000000';
      return {
        send: () => hit(null, 'POST', '/api/auth/mail-link/verify', { email: p.email, code: wrong }),
        stored: () => rows(sql`select attempts, used_at from auth_tokens where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    by: 'ip',
    ok: 400,
    prepare: async ({ hit }) => ({
      send: (i) =>
        hit(null, 'POST', '/api/auth/password-reset/confirm', {
          token: `jeton-inconnu-${i}-abcdefgh`,
          password: 'nouveau-mot-de-passe-42',
        }),
      stored: async () => null,
    }),
  },
  {
    route: 'POST /api/dev/demo-people/:id/session',
    by: 'ip',
    ok: 200,
    prepare: async ({ hit, tag }) => {
      const p = await person({ email: `${tag}@${DEMO_EMAIL_DOMAIN}` });
      return {
        send: () => hit(null, 'POST', `/api/dev/demo-people/${p.id}/session`),
        stored: () => count(sql`select count(*)::int as n from sessions where user_id = ${p.id}`),
      };
    },
  },
  ...(['PUT /api/me/notification-settings', 'PUT /api/me/notification-settings/spaces/:slug'] as const).map(
    (route): Case => ({
      route,
      prepare: async ({ hit }) => {
        const { who, space } = await spaceOf('membre');
        const url = route.endsWith(':slug')
          ? `/api/me/notification-settings/spaces/${space.slug}`
          : '/api/me/notification-settings';
        return {
          send: (i) =>
            hit(
              who,
              'PUT',
              url,
              route.endsWith(':slug') ? { mode: i % 2 ? 'daily' : 'each' } : { mentions: i % 2 ? 'off' : 'each' },
            ),
          stored: () =>
            rows(sql`select m.mentions, s.mode from users u left join mail_settings m on m.user_id = u.id
              left join space_mail_settings s on s.user_id = u.id where u.id = ${who.id}`),
        };
      },
    }),
  ),
  ...(['', '/undo'] as const).map(
    (suffix): Case => ({
      route: `POST /api/unsubscribe/:token${suffix}`,
      by: 'ip',
      ok: 400,
      prepare: async ({ hit }) => {
        const p = await person();
        return {
          // A forged token: refused, but it still spends the quota (guessing has a price).
          send: (i) =>
            hit(null, 'POST', `/api/unsubscribe/forged-${i}.sig${suffix}`, suffix ? { mode: 'each' } : undefined),
          stored: () => rows(sql`select mentions from mail_settings where user_id = ${p.id}`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/me/password',
    ok: 401,
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: () => hit(p, 'POST', '/api/me/password', { currentPassword: 'pas-le-bon', newPassword: 'x'.repeat(12) }),
        stored: () => rows(sql`select password_hash from users where id = ${p.id}`),
      };
    },
  },
  {
    route: 'POST /api/invitations/:token/accept',
    by: 'ip',
    prepare: async ({ max, hit, tag }) => {
      const { who, space } = await spaceOf('animateur');
      const tokens = await times(max + 1, async (i) => {
        const invitation = { spaceId: space.id, email: `${tag}-${i}@exemple.fr`, role: 'membre' as const };
        return (await createInvitation(db(), { ...invitation, invitedBy: who.id, ttlMs: 86_400_000 })).token;
      });
      return {
        send: (i) =>
          hit(null, 'POST', `/api/invitations/${tokens[i]}/accept`, {
            displayName: 'Invitée',
            password: PASSWORD,
            acceptCharter: true,
          }),
        stored: () => count(sql`select count(*)::int as n from memberships where space_id = ${space.id}`),
      };
    },
  },
  {
    route: 'POST /api/events/:id/guest-registrations',
    by: 'addressAndIp',
    ok: 202,
    prepare: async ({ hit }) => {
      const event = await createEvent(db(), { capacity: null });
      const email = `invite-${event.id.slice(0, 8)}@exemple.fr`;
      return {
        send: () => hit(null, 'POST', `/api/events/${event.id}/guest-registrations`, { email, displayName: 'Invitée' }),
        stored: () => count(sql`select count(*)::int as n from guest_requests where email = ${email}`),
      };
    },
  },
  {
    route: 'POST /api/guest-registrations/confirm',
    by: 'ip',
    ok: 400,
    prepare: async ({ hit }) => ({
      send: (i) => hit(null, 'POST', '/api/guest-registrations/confirm', { token: `jeton-inconnu-${i}-abcdefgh` }),
      stored: async () => null,
    }),
  },
  {
    route: 'POST /api/registrations/cancel',
    by: 'ip',
    ok: 404,
    prepare: async ({ hit }) => ({
      send: (i) => hit(null, 'POST', '/api/registrations/cancel', { token: `jeton-inconnu-${i}-abcdefgh` }),
      stored: async () => null,
    }),
  },
  {
    route: 'POST /api/me/charter',
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: () => hit(p, 'POST', '/api/me/charter', { acceptCharter: true }),
        stored: () => count(sql`select count(*)::int as n from charter_acceptances where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'PATCH /api/me',
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: (i) => hit(p, 'PATCH', '/api/me', { bio: `Bio ${i}` }),
        stored: () => rows(sql`select bio from users where id = ${p.id}`),
      };
    },
  },

  {
    route: 'PUT /api/me/avatar',
    prepare: async ({ hit }) => {
      const p = await person();
      const png = await samples.png(64, 64);
      return {
        send: () => {
          const body = multipart([{ name: 'file', filename: 'portrait.png', contentType: 'image/png', content: png }]);
          return hit(p, 'PUT', '/api/me/avatar', body.payload, { 'content-type': body.contentType });
        },
        stored: () => rows(sql`select avatar_key from users where id = ${p.id}`),
      };
    },
  },
  {
    route: 'DELETE /api/me/avatar',
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: () => hit(p, 'DELETE', '/api/me/avatar'),
        stored: () => rows(sql`select avatar_key, avatar_updated_at from users where id = ${p.id}`),
      };
    },
  },
  ...(['POST', 'DELETE'] as const).map(
    (method): Case => ({
      route: method === 'POST' ? 'POST /api/me/push-subscriptions' : 'DELETE /api/me/push-subscriptions/:id',
      ok: method === 'POST' ? 201 : 204,
      prepare: async ({ max, hit }) => {
        const { createECDH, randomBytes } = await import('node:crypto');
        const p = await person();
        // A browser's subscription: real P-256 keys, an https endpoint of its own.
        const device = (i: number) => ({
          endpoint: `https://push.exemple.fr/send/${p.id}/${i}`,
          keys: {
            p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
            auth: randomBytes(16).toString('base64url'),
          },
        });
        const ids: string[] = [];
        if (method === 'DELETE') {
          for (let i = 0; i <= max; i++) {
            const created = await setup.app.inject({
              method: 'POST',
              url: '/api/me/push-subscriptions',
              headers: p.headers,
              payload: device(i),
            });
            ids.push(created.json().subscription.id);
          }
        }
        return {
          send: (i) =>
            method === 'POST'
              ? hit(p, 'POST', '/api/me/push-subscriptions', device(i))
              : hit(p, 'DELETE', `/api/me/push-subscriptions/${ids[i]}`),
          stored: () => rows(sql`select id from push_subscriptions where user_id = ${p.id} order by id`),
        };
      },
    }),
  ),

  // ── Personal API tokens and webhooks ────────────────────────────────────────────────
  ...(['POST', 'DELETE'] as const).map(
    (method): Case => ({
      route: method === 'POST' ? 'POST /api/me/tokens' : 'DELETE /api/me/tokens/:id',
      ok: method === 'POST' ? 201 : 204,
      prepare: async ({ max, hit }) => {
        const p = await person();
        const ids: string[] = [];
        if (method === 'DELETE') {
          for (let i = 0; i <= max; i++) {
            const created = await request(setup, p, 'POST', '/api/me/tokens', {
              name: `Script ${i}`,
              scopes: ['read'],
            });
            ids.push(created.json().apiToken.id);
          }
        }
        return {
          send: (i) =>
            method === 'POST'
              ? hit(p, 'POST', '/api/me/tokens', { name: `Script ${i}`, scopes: ['read'] })
              : hit(p, 'DELETE', `/api/me/tokens/${ids[i]}`),
          stored: () => rows(sql`select id from api_tokens where user_id = ${p.id} order by id`),
        };
      },
    }),
  ),
  ...(['POST', 'PATCH', 'DELETE'] as const).map(
    (method): Case => ({
      route: method === 'POST' ? 'POST /api/spaces/:slug/webhooks' : `${method} /api/spaces/:slug/webhooks/:id`,
      ok: { POST: 201, PATCH: 200, DELETE: 204 }[method],
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('animateur');
        const ids: string[] = [];
        if (method !== 'POST') {
          for (let i = 0; i <= max; i++) {
            const created = await request(setup, who, 'POST', `/api/spaces/${space.slug}/webhooks`, {
              url: `https://recepteur.exemple.fr/${i}`,
              events: ['post.created'],
            });
            ids.push(created.json().webhook.id);
          }
        }
        return {
          send: (i) =>
            method === 'POST'
              ? hit(who, 'POST', `/api/spaces/${space.slug}/webhooks`, {
                  url: `https://recepteur.exemple.fr/${i}`,
                  events: ['post.created'],
                })
              : method === 'PATCH'
                ? hit(who, 'PATCH', `/api/spaces/${space.slug}/webhooks/${ids[i]}`, { enabled: false })
                : hit(who, 'DELETE', `/api/spaces/${space.slug}/webhooks/${ids[i]}`),
          stored: () => rows(sql`select id, enabled from webhooks where space_id = ${space.id} order by id`),
        };
      },
    }),
  ),

  {
    route: 'POST /api/spaces/:slug/invitations/bulk',
    prepare: async ({ hit, tag }) => {
      const { who, space } = await spaceOf('animateur');
      return {
        send: (i) =>
          hit(who, 'POST', `/api/spaces/${space.slug}/invitations/bulk`, {
            rows: [{ email: `cohorte.${tag}.${i}@exemple.fr` }],
          }),
        stored: () =>
          count(
            sql`select count(*)::int as n from pgboss.job where name = 'spaces.invite' and data->>'email' like ${`cohorte.${tag}.%`}`,
          ),
      };
    },
  },
  ...(
    [
      ['POST', '/remind', 200],
      ['DELETE', '', 204],
    ] as const
  ).map(
    ([method, suffix, ok]): Case => ({
      route: `${method} /api/spaces/:slug/invitations/:id${suffix}`,
      ok,
      prepare: async ({ max, hit, tag }) => {
        const { who, space } = await spaceOf('animateur');
        const ids = await inTurn(max + 1, async (i) => {
          const { id } = await createInvitation(db(), {
            spaceId: space.id,
            email: `relance.${tag}.${i}@exemple.fr`,
            role: 'membre',
            invitedBy: who.id,
            ttlMs: 14 * 86_400_000,
          });
          await sql`update space_invitations set created_at = now() - interval '2 days' where id = ${id}`.execute(db());
          return id;
        });
        return {
          send: (i) => hit(who, method, `/api/spaces/${space.slug}/invitations/${ids[i]}${suffix}`),
          stored: () =>
            rows(
              sql`select email, expires_at > now() as open from space_invitations where space_id = ${space.id} order by email, created_at`,
            ),
        };
      },
    }),
  ),
  // ── Organisations ───────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/organisations',
    ok: 201,
    prepare: async ({ hit, tag }) => {
      const a = await admin();
      return {
        send: (i) => hit(a, 'POST', '/api/organisations', { name: `Organisation ${tag} ${i}`, kind: 'reseau' }),
        stored: () =>
          count(sql`select count(*)::int as n from organisations where name like ${`Organisation ${tag}%`}`),
      };
    },
  },
  {
    route: 'PATCH /api/organisations/:slug',
    prepare: async ({ hit }) => {
      const [a, org] = [await admin(), await organisation()];
      return {
        send: (i) => hit(a, 'PATCH', `/api/organisations/${org.slug}`, { presentation: `Présentation ${i}` }),
        stored: () => rows(sql`select presentation from organisations where id = ${org.id}`),
      };
    },
  },
  {
    route: 'POST /api/organisations/:slug/affiliation',
    prepare: async ({ max, hit }) => {
      const p = await person();
      const orgs = await inTurn(max + 1, () => organisation());
      return {
        send: (i) => hit(p, 'POST', `/api/organisations/${orgs[i]!.slug}/affiliation`),
        stored: () => count(sql`select count(*)::int as n from organisation_members where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'DELETE /api/organisations/:slug/affiliation',
    ok: 204,
    prepare: async ({ max, hit }) => {
      const p = await person();
      const orgs = await inTurn(max + 1, () => organisation({ status: 'pending', people: [p] }));
      return {
        send: (i) => hit(p, 'DELETE', `/api/organisations/${orgs[i]!.slug}/affiliation`),
        stored: () => count(sql`select count(*)::int as n from organisation_members where user_id = ${p.id}`),
      };
    },
  },
  ...(['confirm', 'decline'] as const).map(
    (decision): Case => ({
      route: `POST /api/organisations/:slug/affiliations/:userId/${decision}`,
      prepare: async ({ max, hit }) => {
        const a = await admin();
        const asking = await times(max + 1, () => person());
        const org = await organisation({ status: 'pending', people: asking });
        return {
          send: (i) => hit(a, 'POST', `/api/organisations/${org.slug}/affiliations/${asking[i]!.id}/${decision}`),
          stored: () =>
            rows(
              sql`select user_id, status from organisation_members where organisation_id = ${org.id} order by user_id`,
            ),
        };
      },
    }),
  ),
  {
    route: 'PUT /api/organisations/:slug/logo',
    prepare: async ({ hit }) => {
      const [a, org] = [await admin(), await organisation()];
      const png = await samples.png(64, 64);
      return {
        send: () => {
          const body = multipart([{ name: 'file', filename: 'logo.png', contentType: 'image/png', content: png }]);
          return hit(a, 'PUT', `/api/organisations/${org.slug}/logo`, body.payload, {
            'content-type': body.contentType,
          });
        },
        stored: () => rows(sql`select logo_key from organisations where id = ${org.id}`),
      };
    },
  },
  {
    route: 'DELETE /api/organisations/:slug/logo',
    prepare: async ({ hit }) => {
      const [a, org] = [await admin(), await organisation()];
      return {
        send: () => hit(a, 'DELETE', `/api/organisations/${org.slug}/logo`),
        stored: () => rows(sql`select logo_key, logo_updated_at from organisations where id = ${org.id}`),
      };
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/organisations/:slug/referents/:userId`,
      prepare: async ({ max, hit }) => {
        const a = await admin();
        const people = await times(max + 1, () => person());
        const org = await organisation({ status: 'confirmed', people });
        if (method === 'DELETE') {
          await sql`update organisation_members set referent = true where organisation_id = ${org.id}`.execute(db());
        }
        return {
          send: (i) => hit(a, method, `/api/organisations/${org.slug}/referents/${people[i]!.id}`),
          stored: () =>
            rows(
              sql`select user_id, referent from organisation_members where organisation_id = ${org.id} order by user_id`,
            ),
        };
      },
    }),
  ),
  // ── Spaces ──────────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/spaces',
    ok: 201,
    prepare: async ({ hit, tag }) => {
      const a = await admin();
      return {
        send: (i) =>
          hit(a, 'POST', '/api/spaces', {
            kind: 'chantier',
            title: `Chantier ${tag} ${i}`,
            visibility: 'public',
            joinPolicy: 'open',
          }),
        stored: () => count(sql`select count(*)::int as n from spaces where title like ${`Chantier ${tag}%`}`),
      };
    },
  },
  {
    route: 'PATCH /api/spaces/:slug',
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('animateur');
      return {
        send: (i) => hit(who, 'PATCH', `/api/spaces/${space.slug}`, { summary: `Résumé ${i}` }),
        stored: () => rows(sql`select summary from spaces where id = ${space.id}`),
      };
    },
  },
  {
    route: 'POST /api/spaces/:slug/join',
    prepare: async ({ max, hit }) => {
      const p = await person();
      const spaces = await times(max + 1, openSpace);
      return {
        send: (i) => hit(p, 'POST', `/api/spaces/${spaces[i]!.slug}/join`),
        stored: () => count(sql`select count(*)::int as n from memberships where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'DELETE /api/spaces/:slug/membership',
    prepare: async ({ max, hit }) => {
      const p = await person();
      const spaces = await times(max + 1, async () => (await spaceOf('membre', p)).space);
      return {
        send: (i) => hit(p, 'DELETE', `/api/spaces/${spaces[i]!.slug}/membership`),
        stored: () => count(sql`select count(*)::int as n from memberships where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'PATCH /api/spaces/:slug/members/:userId',
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('animateur');
      const member = await person();
      await addMembership(db(), space.id, member.id);
      return {
        send: (i) =>
          hit(who, 'PATCH', `/api/spaces/${space.slug}/members/${member.id}`, {
            role: i % 2 === 0 ? 'animateur' : 'membre',
          }),
        stored: () => rows(sql`select role from memberships where user_id = ${member.id}`),
      };
    },
  },
  ...(
    [
      ['DELETE', '/members/:userId', 'active'],
      ['POST', '/requests/:userId/approve', 'pending'],
      ['POST', '/requests/:userId/decline', 'pending'],
    ] as const
  ).map(
    ([method, path, status]): Case => ({
      route: `${method} /api/spaces/:slug${path}`,
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('animateur');
        const people = await times(max + 1, async () => {
          const p = await person();
          await addMembership(db(), space.id, p.id, { status });
          return p;
        });
        return {
          send: (i) => hit(who, method, `/api/spaces/${space.slug}${path.replace(':userId', people[i]!.id)}`),
          stored: () =>
            rows(sql`select user_id, status from memberships where space_id = ${space.id} order by user_id`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/spaces/:slug/invitations',
    ok: 201,
    prepare: async ({ hit, tag }) => {
      const { who, space } = await spaceOf('animateur');
      return {
        send: (i) => hit(who, 'POST', `/api/spaces/${space.slug}/invitations`, { email: `${tag}-${i}@exemple.fr` }),
        stored: () => count(sql`select count(*)::int as n from space_invitations where space_id = ${space.id}`),
      };
    },
  },

  // ── Discussions ─────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/spaces/:slug/threads',
    ok: 201,
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('membre');
      return {
        send: (i) =>
          hit(who, 'POST', `/api/spaces/${space.slug}/threads`, { title: `Fil ${i}`, body: '<p>Bonjour</p>' }),
        stored: () => count(sql`select count(*)::int as n from threads where space_id = ${space.id}`),
      };
    },
  },
  {
    route: 'POST /api/threads/:id/posts',
    ok: 201,
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('membre');
      const { thread } = await createThread(setup, who, space.slug);
      return {
        send: (i) => hit(who, 'POST', `/api/threads/${thread.id}/posts`, { body: `<p>Réponse ${i}</p>` }),
        stored: () => count(sql`select count(*)::int as n from posts where thread_id = ${thread.id}`),
      };
    },
  },
  {
    route: 'PATCH /api/threads/:id',
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('animateur');
      const { thread } = await createThread(setup, who, space.slug);
      return {
        send: (i) => hit(who, 'PATCH', `/api/threads/${thread.id}`, { title: `Titre ${i}` }),
        stored: () => rows(sql`select title from threads where id = ${thread.id}`),
      };
    },
  },
  {
    route: 'PATCH /api/posts/:id',
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('membre');
      const { post } = await createThread(setup, who, space.slug);
      return {
        send: (i) => hit(who, 'PATCH', `/api/posts/${post.id}`, { body: `<p>Version ${i}</p>` }),
        stored: () => rows(sql`select body from posts where id = ${post.id}`),
      };
    },
  },
  {
    route: 'DELETE /api/posts/:id',
    prepare: async ({ max, hit }) => {
      const { who, space } = await spaceOf('membre');
      const { thread } = await createThread(setup, who, space.slug);
      const posts = await inTurn(max + 1, (i) => createPost(setup, who, thread.id, `<p>${i}</p>`));
      return {
        send: (i) => hit(who, 'DELETE', `/api/posts/${posts[i]!.id}`),
        stored: () =>
          count(sql`select count(*)::int as n from posts where thread_id = ${thread.id} and deleted_at is null`),
      };
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/posts/:id/reactions/:emoji`,
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('membre');
        const { post } = await createThread(setup, who, space.slug);
        const url = (i: number) => `/api/posts/${post.id}/reactions/${encodeURIComponent(REACTION_EMOJIS[i]!)}`;
        if (method === 'DELETE') {
          for (let i = 0; i <= max; i++) await setup.app.inject({ method: 'PUT', url: url(i), headers: who.headers });
        }
        return {
          send: (i) => hit(who, method, url(i)),
          stored: () => count(sql`select count(*)::int as n from reactions where post_id = ${post.id}`),
        };
      },
    }),
  ),
  ...(['PUT', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/threads/:id/follow`,
      prepare: async ({ max, hit }) => {
        const { who: author, space } = await spaceOf('membre');
        const reader = await person();
        await addMembership(db(), space.id, reader.id);
        const threads = await inTurn(max + 1, async () => (await createThread(setup, author, space.slug)).thread);
        return {
          send: (i) => hit(reader, method, `/api/threads/${threads[i]!.id}/follow`),
          stored: () =>
            rows(sql`select thread_id, following from thread_follows where user_id = ${reader.id} order by 1`),
        };
      },
    }),
  ),

  // ── Documents and resources ─────────────────────────────────────────────────────────
  {
    route: 'POST /api/spaces/:slug/documents',
    ok: 201,
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('membre');
      return {
        send: (i) => hit(who, 'POST', `/api/spaces/${space.slug}/documents`, { title: `Notes ${i}` }),
        stored: () => count(sql`select count(*)::int as n from documents where space_id = ${space.id}`),
      };
    },
  },
  {
    route: 'PATCH /api/documents/:id',
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('membre');
      const id = await createDocument(setup, who, space.slug);
      return {
        send: (i) => hit(who, 'PATCH', `/api/documents/${id}`, { title: `Titre ${i}` }),
        stored: () => rows(sql`select title from documents where id = ${id}`),
      };
    },
  },
  {
    route: 'DELETE /api/documents/:id',
    prepare: async ({ max, hit }) => {
      const { who, space } = await spaceOf('animateur');
      const ids = await times(max + 1, () => createDocument(setup, who, space.slug));
      return {
        send: (i) => hit(who, 'DELETE', `/api/documents/${ids[i]}`),
        stored: () =>
          count(sql`select count(*)::int as n from documents where space_id = ${space.id} and deleted_at is null`),
      };
    },
  },
  ...(['versions', 'restore'] as const).map(
    (kind): Case => ({
      route:
        kind === 'versions'
          ? 'POST /api/documents/:id/versions'
          : 'POST /api/documents/:id/versions/:versionId/restore',
      ok: 201,
      prepare: async ({ hit }) => {
        const { who, space } = await spaceOf('membre');
        const id = await createDocument(setup, who, space.slug);
        const saved = await setup.app.inject({
          method: 'POST',
          url: `/api/documents/${id}/versions`,
          headers: who.headers,
          payload: { name: 'Première version' },
        });
        const versionId = saved.json().version.id as string;
        return {
          send: (i) =>
            kind === 'versions'
              ? hit(who, 'POST', `/api/documents/${id}/versions`, { name: `Version ${i}` })
              : hit(who, 'POST', `/api/documents/${id}/versions/${versionId}/restore`),
          stored: () => count(sql`select count(*)::int as n from document_versions where document_id = ${id}`),
        };
      },
    }),
  ),
  ...(['thread', 'reply'] as const).map(
    (kind): Case => ({
      route: kind === 'thread' ? 'POST /api/documents/:id/comments' : 'POST /api/comments/:id/replies',
      ok: 201,
      prepare: async ({ hit }) => {
        const { who, space } = await spaceOf('membre');
        const id = await createDocument(setup, who, space.slug);
        const thread = await createCommentThread(setup, who, id);
        return {
          send: (i) =>
            kind === 'thread'
              ? hit(who, 'POST', `/api/documents/${id}/comments`, { body: `Remarque ${i}`, anchor: sampleAnchor() })
              : hit(who, 'POST', `/api/comments/${thread.id}/replies`, { body: `Réponse ${i}` }),
          stored: () => count(sql`select count(*)::int as n from document_comments where document_id = ${id}`),
        };
      },
    }),
  ),
  ...(['resolve', 'reopen', 'delete'] as const).map(
    (kind): Case => ({
      route: kind === 'delete' ? 'DELETE /api/comments/:id' : `POST /api/comments/:id/${kind}`,
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('membre');
        const id = await createDocument(setup, who, space.slug);
        const threads = await inTurn(max + 1, (i) => createCommentThread(setup, who, id, `Remarque ${i}`));
        if (kind === 'reopen') {
          await db()
            .updateTable('document_comments')
            .set({ resolved_at: new Date(), resolved_by: who.id })
            .where('document_id', '=', id)
            .execute();
        }
        return {
          send: (i) =>
            kind === 'delete'
              ? hit(who, 'DELETE', `/api/comments/${threads[i]!.id}`)
              : hit(who, 'POST', `/api/comments/${threads[i]!.id}/${kind}`),
          stored: () => rows(sql`select id, resolved_at from document_comments where document_id = ${id} order by id`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/spaces/:slug/files',
    ok: 201,
    prepare: async ({ hit }) => {
      const { member, slug } = await memberOfSpace(setup);
      return {
        send: (i) => {
          const body = multipart([
            { name: 'file', filename: `note-${i}.pdf`, contentType: 'application/pdf', content: samples.pdf() },
          ]);
          return hit(member, 'POST', `/api/spaces/${slug}/files`, body.payload, { 'content-type': body.contentType });
        },
        stored: () =>
          count(sql`select count(*)::int as n from files f join spaces s on s.id = f.space_id where s.slug = ${slug}`),
      };
    },
  },
  {
    route: 'DELETE /api/files/:id',
    prepare: async ({ max, hit }) => {
      const { member, slug } = await memberOfSpace(setup);
      const ids = await times(max + 1, async (i) => {
        const response = await upload(setup, member, slug, {
          filename: `note-${i}.pdf`,
          content: samples.pdf(),
          contentType: 'application/pdf',
        });
        return response.json().file.id as string;
      });
      return {
        send: (i) => hit(member, 'DELETE', `/api/files/${ids[i]}`),
        stored: () => rows(sql`select id, deleted_at is null as live from files where id = any(${ids}) order by id`),
      };
    },
  },
  {
    route: 'POST /api/spaces/:slug/links',
    ok: 201,
    prepare: async ({ hit }) => {
      const { member, slug } = await memberOfSpace(setup);
      return {
        send: (i) =>
          hit(member, 'POST', `/api/spaces/${slug}/links`, { url: `https://exemple.fr/${i}`, title: `Lien ${i}` }),
        stored: () =>
          count(sql`select count(*)::int as n from links l join spaces s on s.id = l.space_id where s.slug = ${slug}`),
      };
    },
  },
  {
    route: 'DELETE /api/links/:id',
    prepare: async ({ max, hit }) => {
      const { member, slug } = await memberOfSpace(setup);
      const ids = await times(max + 1, async (i) => {
        const response = await setup.app.inject({
          method: 'POST',
          url: `/api/spaces/${slug}/links`,
          headers: member.headers,
          payload: { url: `https://exemple.fr/${i}`, title: `Lien ${i}` },
        });
        return response.json().link.id as string;
      });
      return {
        send: (i) => hit(member, 'DELETE', `/api/links/${ids[i]}`),
        stored: () => rows(sql`select id, deleted_at is null as live from links where id = any(${ids}) order by id`),
      };
    },
  },

  // ── Events ──────────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/events',
    ok: 201,
    prepare: async ({ hit, tag }) => {
      const a = await admin();
      return {
        send: (i) =>
          hit(a, 'POST', '/api/events', {
            title: `Atelier ${tag} ${i}`,
            kind: 'atelier',
            startsAt: future(48),
            endsAt: future(49),
            timezone: 'Europe/Paris',
          }),
        stored: () => count(sql`select count(*)::int as n from events where title like ${`Atelier ${tag}%`}`),
      };
    },
  },
  {
    route: 'PATCH /api/events/:id',
    prepare: async ({ hit }) => {
      const a = await admin();
      const event = await createEvent(db());
      return {
        send: (i) => hit(a, 'PATCH', `/api/events/${event.id}`, { title: `Titre ${i}` }),
        stored: () => rows(sql`select title from events where id = ${event.id}`),
      };
    },
  },
  {
    route: 'POST /api/events/:id/cancel',
    prepare: async ({ max, hit }) => {
      const a = await admin();
      const events = await times(max + 1, () => createEvent(db()));
      return {
        send: (i) => hit(a, 'POST', `/api/events/${events[i]!.id}/cancel`, { reason: 'Empêchement' }),
        stored: () =>
          rows(
            sql`select id, cancelled_at is not null as cancelled from events where id = any(${events.map((e) => e.id)}) order by id`,
          ),
      };
    },
  },
  ...(['report', 'follow-up'] as const).map(
    (path): Case => ({
      route: `POST /api/events/:id/${path}`,
      ok: 201,
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('animateur');
        const events = await times(max + 1, () =>
          createEvent(db(), { kind: 'permanence', spaceId: space.id, startsInHours: -3 }),
        );
        return {
          send: (i) =>
            hit(
              who,
              'POST',
              `/api/events/${events[i]!.id}/${path}`,
              path === 'report' ? undefined : { title: 'Suite', body: '<p>Suite</p>' },
            ),
          stored: () =>
            rows(
              sql`select report_document_id, follow_up_thread_id from events where id = any(${events.map((e) => e.id)}) order by id`,
            ),
        };
      },
    }),
  ),
  {
    route: 'POST /api/events/:id/registrations',
    ok: 201,
    prepare: async ({ max, hit }) => {
      const p = await person();
      const events = await times(max + 1, () => createEvent(db()));
      return {
        send: (i) => hit(p, 'POST', `/api/events/${events[i]!.id}/registrations`),
        stored: () => rows(sql`select event_id, status from registrations where user_id = ${p.id} order by 1`),
      };
    },
  },
  {
    route: 'DELETE /api/events/:id/registrations/me',
    prepare: async ({ max, hit }) => {
      const p = await person();
      const events = await times(max + 1, () => createEvent(db()));
      for (const event of events) await createRegistration(db(), event.id, p.id);
      return {
        send: (i) => hit(p, 'DELETE', `/api/events/${events[i]!.id}/registrations/me`),
        stored: () => rows(sql`select event_id, status from registrations where user_id = ${p.id} order by 1`),
      };
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/series/:id/follow`,
      prepare: async ({ max, hit }) => {
        const a = await admin();
        const p = await person();
        const series = await times(max + 1, async (i) => {
          const created = await setup.app.inject({
            method: 'POST',
            url: '/api/events',
            headers: a.headers,
            payload: {
              title: `Série ${i}`,
              kind: 'permanence',
              startsAt: future(48),
              endsAt: future(49),
              timezone: 'Europe/Paris',
              recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' },
            },
          });
          return created.json().event.seriesId as string;
        });
        if (method === 'DELETE') {
          for (const id of series)
            await setup.app.inject({ method: 'PUT', url: `/api/series/${id}/follow`, headers: p.headers });
        }
        return {
          send: (i) => hit(p, method, `/api/series/${series[i]}/follow`),
          stored: () => rows(sql`select series_id from series_follows where user_id = ${p.id} order by 1`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/events/:id/questions',
    ok: 201,
    prepare: async ({ hit }) => {
      const p = await person();
      const event = await createEvent(db(), { kind: 'permanence' });
      await createRegistration(db(), event.id, p.id);
      return {
        send: (i) => hit(p, 'POST', `/api/events/${event.id}/questions`, { body: `Question ${i} ?` }),
        stored: () => count(sql`select count(*)::int as n from questions where event_id = ${event.id}`),
      };
    },
  },
  {
    route: 'POST /api/questions/:id/vote',
    prepare: async ({ max, hit }) => {
      const { voter, ids, votes } = await votingOn(max + 1);
      return { send: (i) => hit(voter, 'POST', `/api/questions/${ids[i]}/vote`), stored: votes };
    },
  },
  {
    route: 'DELETE /api/questions/:id/vote',
    prepare: async ({ max, hit }) => {
      const { voter, ids, votes } = await votingOn(max + 1);
      await db()
        .insertInto('question_votes')
        .values(ids.map((id) => ({ question_id: id, user_id: voter.id })))
        .execute();
      await db().updateTable('questions').set({ votes: 1 }).where('id', 'in', ids).execute();
      return { send: (i) => hit(voter, 'DELETE', `/api/questions/${ids[i]}/vote`), stored: votes };
    },
  },
  {
    route: 'PATCH /api/questions/:id',
    prepare: async ({ hit }) => {
      const [a, asker] = [await admin(), await person()];
      const event = await createEvent(db(), { kind: 'permanence' });
      await createRegistration(db(), event.id, asker.id);
      const question = await createQuestion(setup, asker, event.id);
      return {
        send: (i) => hit(a, 'PATCH', `/api/questions/${question.id}`, { status: i % 2 === 0 ? 'answered' : 'open' }),
        stored: () => rows(sql`select status from questions where id = ${question.id}`),
      };
    },
  },
  {
    route: 'PUT /api/events/:id/attendance/:userId',
    prepare: async ({ hit }) => {
      const [a, p] = [await admin(), await person()];
      const event = await createEvent(db(), { kind: 'permanence', startsInHours: -2 });
      await createRegistration(db(), event.id, p.id);
      return {
        send: (i) => hit(a, 'PUT', `/api/events/${event.id}/attendance/${p.id}`, { attended: i % 2 === 0 }),
        stored: () => count(sql`select count(*)::int as n from attendances where event_id = ${event.id}`),
      };
    },
  },
  {
    route: 'POST /api/admin/digests/run',
    ok: 202,
    prepare: async ({ hit }) => {
      const a = await admin();
      return {
        send: () => hit(a, 'POST', '/api/admin/digests/run', { period: 'weekly' }),
        stored: () =>
          count(sql`select count(*)::int as n from pgboss.job
            where name = 'digests.run' and data->>'scheduled' = 'false'`),
      };
    },
  },
  {
    route: 'POST /api/calendar/feed/rotate',
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: () => hit(p, 'POST', '/api/calendar/feed/rotate'),
        stored: () => rows(sql`select token_hash from calendar_feeds where user_id = ${p.id}`),
      };
    },
  },

  // ── Infolettres ─────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/spaces/:slug/newsletters',
    ok: 201,
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('animateur');
      return {
        send: (i) =>
          hit(who, 'POST', `/api/spaces/${space.slug}/newsletters`, { subject: `Infolettre ${i}`, body: '<p>x</p>' }),
        stored: () => count(sql`select count(*)::int as n from newsletters where space_id = ${space.id}`),
      };
    },
  },
  ...(['PATCH', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/newsletters/:id`,
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('animateur');
        const drafts = await times(max + 1, (i) =>
          createNewsletter(db(), { spaceId: space.id, authorId: who.id, subject: `Brouillon ${i}` }),
        );
        return {
          send: (i) =>
            hit(
              who,
              method,
              `/api/newsletters/${drafts[i]!.id}`,
              method === 'PATCH' ? { subject: 'Objet' } : undefined,
            ),
          stored: () => rows(sql`select id, subject from newsletters where space_id = ${space.id} order by id`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/newsletters/:id/send',
    ok: 202,
    prepare: async ({ max, hit }) => {
      const { who, space } = await spaceOf('animateur');
      const drafts = await times(max + 1, () => createNewsletter(db(), { spaceId: space.id, authorId: who.id }));
      return {
        send: (i) => hit(who, 'POST', `/api/newsletters/${drafts[i]!.id}/send`),
        stored: () => rows(sql`select id, status from newsletters where space_id = ${space.id} order by id`),
      };
    },
  },
  {
    route: 'PUT /api/spaces/:slug/newsletters/subscription',
    prepare: async ({ hit }) => {
      const { who, space } = await spaceOf('membre');
      return {
        send: (i) => hit(who, 'PUT', `/api/spaces/${space.slug}/newsletters/subscription`, { subscribed: i % 2 === 1 }),
        stored: () => count(sql`select count(*)::int as n from newsletter_opt_outs where user_id = ${who.id}`),
      };
    },
  },

  // ── Trust, safety and personal data ─────────────────────────────────────────────────
  ...(['posts', 'documents', 'files'] as const).map(
    (kind): Case => ({
      route: `POST /api/${kind}/:id/flags`,
      ok: 201,
      prepare: async ({ max, hit }) => {
        const author = await person();
        const space = await openSpace();
        await addMembership(db(), space.id, author.id);
        const flagger = await person();
        const ids = await inTurn(max + 1, async (i) => {
          if (kind === 'documents') return createDocument(setup, author, space.slug, `Document ${i}`);
          if (kind === 'files') {
            const response = await upload(setup, author, space.slug, {
              filename: `note-${i}.pdf`,
              content: samples.pdf(),
              contentType: 'application/pdf',
            });
            return response.json().file.id as string;
          }
          const { post } = await createThread(setup, author, space.slug, { title: `Fil ${i}` });
          return post.id;
        });
        return {
          send: (i) => hit(flagger, 'POST', `/api/${kind}/${ids[i]}/flags`, { reason: 'spam' }),
          stored: () => count(sql`select count(*)::int as n from flags where flagged_by = ${flagger.id}`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/flags/:id/decision',
    prepare: async ({ max, hit }) => {
      const { who: animateur, space } = await spaceOf('animateur');
      const [author, flagger] = [await person(), await person()];
      await addMembership(db(), space.id, author.id);
      await addMembership(db(), space.id, flagger.id);
      const flags = await inTurn(max + 1, async (i) => {
        const { post } = await createThread(setup, author, space.slug, { title: `Fil ${i}` });
        const response = await request(setup, flagger, 'POST', `/api/posts/${post.id}/flags`, { reason: 'abuse' });
        return response.json().flag.id as string;
      });
      return {
        send: (i) => hit(animateur, 'POST', `/api/flags/${flags[i]}/decision`, { decision: 'keep' }),
        stored: () => count(sql`select count(*)::int as n from flags where decided_by = ${animateur.id}`),
      };
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/users/:id/block`,
      prepare: async ({ max, hit }) => {
        const blocker = await person();
        const others = await times(max + 1, () => person());
        if (method === 'DELETE') {
          await db()
            .insertInto('user_blocks')
            .values(others.map((other) => ({ blocker_id: blocker.id, blocked_id: other.id })))
            .execute();
        }
        return {
          send: (i) => hit(blocker, method, `/api/users/${others[i]!.id}/block`),
          stored: () => count(sql`select count(*)::int as n from user_blocks where blocker_id = ${blocker.id}`),
        };
      },
    }),
  ),
  // ── Direct messages: new accounts are held tighter (all test people are new) ────────
  {
    route: 'POST /api/conversations',
    by: 'newAccount',
    ok: 201,
    prepare: async ({ max }) => {
      const writer = await person();
      const others = await times(max + 1, () => person());
      return {
        send: (i) =>
          hitFrom(freshIp())(writer, 'POST', '/api/conversations', {
            participantIds: [others[i]!.id],
            body: '<p>Bonjour</p>',
          }),
        stored: () => count(sql`select count(*)::int as n from messages where author_id = ${writer.id}`),
      };
    },
  },
  {
    route: 'POST /api/conversations/:id/messages',
    by: 'newAccount',
    ok: 201,
    prepare: async ({ hit }) => {
      const [writer, other] = [await person(), await person()];
      const started = await conversation(writer, other);
      return {
        send: () =>
          hit(writer, 'POST', `/api/conversations/${started.conversationId}/messages`, { body: '<p>Et aussi…</p>' }),
        stored: () => count(sql`select count(*)::int as n from messages where author_id = ${writer.id}`),
      };
    },
  },
  ...(['PATCH', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/messages/:id`,
      prepare: async ({ max, hit }) => {
        const [writer, other] = [await person(), await person()];
        const ids = await inTurn(max + 1, async () => (await conversation(writer, other)).messageId);
        return {
          send: (i) =>
            hit(writer, method, `/api/messages/${ids[i]}`, method === 'PATCH' ? { body: '<p>Corrigé</p>' } : undefined),
          stored: () =>
            rows(sql`select body, deleted_at from messages where author_id = ${writer.id} order by number, created_at`),
        };
      },
    }),
  ),
  {
    route: 'POST /api/messages/:id/flags',
    ok: 201,
    prepare: async ({ max, hit }) => {
      const [writer, reader] = [await person(), await person()];
      const ids = await inTurn(max + 1, async () => (await conversation(writer, reader)).messageId);
      return {
        send: (i) => hit(reader, 'POST', `/api/messages/${ids[i]}/flags`, { reason: 'spam' }),
        stored: () => count(sql`select count(*)::int as n from flags where flagged_by = ${reader.id}`),
      };
    },
  },
  {
    route: 'PUT /api/me/message-settings',
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: (i) => hit(p, 'PUT', '/api/me/message-settings', { from: i % 2 === 0 ? 'spaces' : 'nobody' }),
        stored: () => rows(sql`select accept_from from message_settings where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'POST /api/me/export',
    ok: 202,
    prepare: async ({ hit }) => {
      const p = await person();
      return {
        send: () => hit(p, 'POST', '/api/me/export'),
        stored: () => count(sql`select count(*)::int as n from exports where user_id = ${p.id}`),
      };
    },
  },
  {
    route: 'DELETE /api/me',
    by: 'ip',
    ok: 204,
    prepare: async ({ max, hit }) => {
      // Each erasure takes its own account: the address's counter is what stops the next one.
      const people = await times(max + 1, () => person());
      return {
        send: (i) => hit(people[i]!, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' }),
        stored: () => count(sql`select count(*)::int as n from users where id = any(${people.map((p) => p.id)})`),
      };
    },
  },
  // ── Publications ────────────────────────────────────────────────────────────────────
  ...(['POST', 'DELETE'] as const).map(
    (method): Case => ({
      route: method === 'POST' ? 'POST /api/publications' : 'DELETE /api/publications/:id',
      ok: method === 'POST' ? 201 : 204,
      prepare: async ({ max, hit }) => {
        const { who, space } = await spaceOf('animateur');
        const links = await inTurn(max + 1, async (i) => {
          const { rows } = await sql<{ id: string }>`insert into links (space_id, url, title, created_by)
            values (${space.id}, ${`https://exemple.fr/${i}`}, ${`Lien ${i}`}, ${who.id}) returning id`.execute(db());
          return rows[0]!.id;
        });
        const published =
          method === 'DELETE'
            ? await inTurn(max + 1, async (i) => {
                const { rows } = await sql<{ id: string }>`insert into publications
                  (space_id, source_type, source_id, title, kind, licence)
                  values (${space.id}, 'link', ${links[i]!}, ${`Lien ${i}`}, 'fiche', 'CC-BY-4.0') returning id`.execute(
                  db(),
                );
                return rows[0]!.id;
              })
            : [];
        return {
          send: (i) =>
            method === 'POST'
              ? hit(who, 'POST', '/api/publications', {
                  source: { type: 'link', id: links[i] },
                  title: `Lien ${i}`,
                  kind: 'fiche',
                  themes: [],
                  licence: 'CC-BY-4.0',
                })
              : hit(who, 'DELETE', `/api/publications/${published[i]}`),
          stored: () => count(sql`select count(*)::int as n from publications where space_id = ${space.id}`),
        };
      },
    }),
  ),
  // ── Territories ─────────────────────────────────────────────────────────────────────
  {
    route: 'POST /api/territories',
    ok: 201,
    prepare: async ({ hit }) => {
      const a = await admin();
      const tag = territoryTag();
      return {
        send: (i) =>
          hit(a, 'POST', '/api/territories', {
            level: 'other',
            code: sirenOf(tag * 1000 + i),
            name: `Groupement ${tag} ${i}`,
            programmes: ['ponctuel'],
          }),
        stored: () => count(sql`select count(*)::int as n from territories where name like ${`Groupement ${tag} %`}`),
      };
    },
  },
  {
    route: 'PATCH /api/territories/:id',
    prepare: async ({ hit }) => {
      const [a, { territory }] = [await admin(), await accompanied()];
      return {
        send: (i) =>
          hit(a, 'PATCH', `/api/territories/${territory}`, { programmes: i % 2 ? ['cohorte'] : ['experimental'] }),
        stored: () => rows(sql`select programmes from territories where id = ${territory}`),
      };
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): Case => ({
      route: `${method} /api/territories/:id/team/:role`,
      ok: method === 'PUT' ? 200 : 204,
      prepare: async ({ max, hit }) => {
        const { animateur, territory, space } = await accompanied();
        const members = await times(max + 1, async () => {
          const member = await person();
          await addMembership(db(), space, member.id);
          return member;
        });
        await sql`insert into territory_team (territory_id, role, user_id) values (${territory}, 'elu', ${animateur.id})`.execute(
          db(),
        );
        return {
          send: (i) =>
            hit(
              animateur,
              method,
              `/api/territories/${territory}/team/elu`,
              method === 'PUT' ? { userId: members[i]!.id } : undefined,
            ),
          stored: () => rows(sql`select user_id from territory_team where territory_id = ${territory}`),
        };
      },
    }),
  ),
];

/** The counter of `quota` that counts `scope`. */
function counterOf(quota: QuotaName, scope: Scope): Counter {
  const found = (limited.app.limits.quotas[quota] as Counter[]).find((c) => c.per === scope);
  if (!found) throw new Error(`quota ${quota} has no ${scope} counter`);
  return found;
}

const quotaOfRoute = (route: string) => {
  const [method, url] = route.split(' ');
  const found = limited.app.limits.routes.find((r) => r.method === method && r.url === url);
  if (!found?.quota) throw new Error(`${route} is not a limited route`);
  return found.quota;
};

let nextIp = 1;
const freshIp = () => {
  nextIp += 1;
  return `10.77.${nextIp >> 8}.${nextIp & 255}`;
};

const hitFrom =
  (ip: string): Hit =>
  (who, method, url, payload, headers = {}) =>
    limited.app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: { ...(who?.headers ?? {}), ...headers },
      ...(payload === undefined ? {} : { payload }),
    });

describe('each limited route, hit until it refuses', () => {
  it('has a case here for every route that spends a quota', () => {
    const limitedRoutes = limited.app.limits.routes
      .filter((route) => route.quota && route.method !== 'GET' && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    expect(CASES.map((c) => c.route).sort()).toEqual([...new Set(limitedRoutes)].sort());
  });

  it.each(CASES)('$route', async (c) => {
    const quota = quotaOfRoute(c.route);
    const { max } = counterOf(quota, c.by ?? 'account');
    const tag = `quota${Date.now().toString(36)}${nextIp}`;
    const { send, stored } = await c.prepare({ max, hit: hitFrom(freshIp()), tag });
    for (let i = 0; i < max; i++) {
      const allowed = await send(i);
      if (c.ok) expect(allowed.statusCode, allowed.body).toBe(c.ok);
      else expect(allowed.statusCode, allowed.body).toBeLessThan(300);
    }
    const before = await stored();
    const refused = await send(max);
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await stored()).toEqual(before);
  });
});

describe('the per-IP and per-recipient counters', () => {
  it('stops many accounts posting from one IP, though each is within its own quota', async () => {
    const ipMax = counterOf('post', 'ip').max;
    const accountMax = counterOf('post', 'account').max;
    const hit = hitFrom(freshIp());
    const space = await openSpace();
    const codes: number[] = [];
    while (codes.length <= ipMax) {
      const p = await person();
      await addMembership(db(), space.id, p.id);
      for (let i = 0; i < accountMax && codes.length <= ipMax; i++) {
        const response = await hit(p, 'POST', `/api/spaces/${space.slug}/threads`, { title: 'Fil', body: '<p>x</p>' });
        codes.push(response.statusCode);
      }
    }
    expect(codes.slice(0, ipMax)).toEqual(Array(ipMax).fill(201));
    expect(codes[ipMax]).toBe(429);
  });

  it('mails one address at most 3 invitations a day from one inviter; another inviter is not held back', async () => {
    const { who: first, space } = await spaceOf('animateur');
    const second = await person();
    await addMembership(db(), space.id, second.id, { role: 'animateur' });
    const email = `invitee-${Date.now().toString(36)}@exemple.fr`;
    const invite = (who: TestPerson) =>
      hitFrom(freshIp())(who, 'POST', `/api/spaces/${space.slug}/invitations`, { email });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await invite(first)).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    expect((await invite(second)).statusCode).toBe(201);
  });
});
