/**
 * The rows of `scale.ts`, written set-based (insert … select from generate_series) before the
 * server starts, so that tens of thousands of rows take seconds:
 *
 * - a big space of `members` active members and a small one of `smallMembers`, both public and
 *   open, "Bruno Mentionné" a member of both, each with an empty thread to post in;
 * - in the big space, a thread of `threadPosts` posts;
 * - a space of `threads` threads of `postsPerThread` posts each, one minute apart;
 * - `directory` people listed in the directory, across `organisations` organisations, one in
 *   ten presenting themselves with the word "mobilité";
 * - a session for each of the first `sockets` members of the big space, whose cookie is
 *   `tokenPrefix` followed by its number (1, 2, …).
 */
import type { RawConnection } from './common';

export interface ScaleSizes {
  members: number;
  smallMembers: number;
  threadPosts: number;
  threads: number;
  postsPerThread: number;
  directory: number;
  organisations: number;
  sockets: number;
}

export interface ScaleRows {
  big: { id: string; slug: string; postThreadId: string; longThreadId: string };
  small: { id: string; slug: string; postThreadId: string };
  threads: { id: string; slug: string };
  /** Sessions made for the sockets (at most one per member of the big space). */
  sessions: number;
}

const ORGANISATION_KINDS = `array['collectivite', 'reseau', 'association_pro', 'bureau_etudes', 'recherche',
  'entreprise', 'societe_civile', 'media']`;
const FANTASTIC_ROLES = `array['elu', 'agent', 'etat', 'acteur']`;

async function one<Row>(db: RawConnection, text: string, params: unknown[] = []): Promise<Row> {
  const [row] = await db.query<Row>(text, params);
  if (!row) throw new Error(`seed: no row from ${text.slice(0, 80)}`);
  return row;
}

async function space(db: RawConnection, slug: string, title: string) {
  return one<{ id: string }>(
    db,
    `insert into spaces (slug, kind, title, summary, visibility, join_policy)
    values ($1, 'communaute', $2, 'Espace de mesure', 'public', 'open') returning id`,
    [slug, title],
  );
}

/** `count` new people (emails `<prefix>.<n>@exemple.fr`), active members of `spaceId`. */
async function members(db: RawConnection, spaceId: string, prefix: string, count: number) {
  if (count <= 0) return;
  await db.query(
    `with people as (
      insert into users (email, display_name, role, locale)
      select $2 || '.' || n || '@exemple.fr', 'Membre ' || $2 || ' ' || lpad(n::text, 6, '0'), 'member', 'fr'
      from generate_series(1, $3::int) as n
      returning id
    )
    insert into memberships (space_id, user_id, role, status)
    select $1, id, 'membre', 'active' from people`,
    [spaceId, prefix, count],
  );
}

async function emptyThread(db: RawConnection, spaceId: string, authorId: string, title: string) {
  return (
    await one<{ id: string }>(db, 'insert into threads (space_id, author_id, title) values ($1, $2, $3) returning id', [
      spaceId,
      authorId,
      title,
    ])
  ).id;
}

export async function seedScale(db: RawConnection, sizes: ScaleSizes, tokenPrefix: string): Promise<ScaleRows> {
  const big = await space(db, 'mesure-grand-espace', 'Grand espace de mesure');
  const small = await space(db, 'mesure-petit-espace', 'Petit espace de mesure');
  const threads = await space(db, 'mesure-mille-fils', 'Espace aux mille fils');
  const bruno = await one<{ id: string }>(
    db,
    `insert into users (email, display_name, role, locale) values ('bruno.mesure@exemple.fr', 'Bruno Mentionné', 'member', 'fr')
    returning id`,
  );
  await db.query(
    `insert into memberships (space_id, user_id, role, status) values ($1, $3, 'animateur', 'active'), ($2, $3, 'animateur', 'active')`,
    [big.id, small.id, bruno.id],
  );
  await members(db, big.id, 'grand', sizes.members - 1);
  await members(db, small.id, 'petit', sizes.smallMembers - 1);

  const longThreadId = await emptyThread(db, big.id, bruno.id, `Fil de ${sizes.threadPosts} messages`);
  await db.query(
    `with thread as (
      update threads set post_count = $3, last_number = $3 where id = $1 returning id
    )
    insert into posts (thread_id, number, author_id, body, created_at)
    select thread.id, n, $2, '<p>Message ' || n || ' : compte rendu, questions et suites à donner.</p>',
      now() - ($3 - n) * interval '1 second'
    from thread, generate_series(1, $3::int) as n`,
    [longThreadId, bruno.id, sizes.threadPosts],
  );

  await db.query(
    `with thread as (
      insert into threads (space_id, author_id, title, post_count, last_number, last_post_at, created_at)
      select $1, $2, 'Fil ' || n, $3, $3, now() - n * interval '1 minute', now() - n * interval '1 minute'
      from generate_series(1, $4::int) as n
      returning id
    )
    insert into posts (thread_id, number, author_id, body)
    select thread.id, k, $2, '<p>Réponse ' || k || '</p>' from thread, generate_series(1, $3::int) as k`,
    [threads.id, bruno.id, sizes.postsPerThread, sizes.threads],
  );

  await db.query(
    `insert into users (email, display_name, role, locale, organisation_name, organisation_kind, territory,
      fantastic_role, themes, bio, listed_in_directory)
    select 'annuaire.' || n || '@exemple.fr', 'Personne ' || lpad(n::text, 6, '0'), 'member', 'fr',
      'Organisation ' || lpad((n % $2)::text, 6, '0'),
      (${ORGANISATION_KINDS})[1 + n % 8], 'Territoire ' || (n % 300), (${FANTASTIC_ROLES})[1 + n % 4],
      array['Mobilités', 'Énergie'],
      case when n % 10 = 0 then 'Chargée de mission mobilité durable' else 'Élu·e engagé·e dans la transition énergétique' end,
      true
    from generate_series(1, $1::int) as n`,
    [sizes.directory, sizes.organisations],
  );

  // The session token is `tokenPrefix || n`; only its hash is stored, as the server stores it.
  const sessions = await db.query(
    `insert into sessions (token_hash, user_id, csrf_token, expires_at)
    select encode(sha256(convert_to($1 || m.n, 'UTF8')), 'hex'), m.user_id, 'mesure', now() + interval '30 days'
    from (select user_id, row_number() over (order by user_id) as n from memberships where space_id = $2) as m
    where m.n <= $3
    returning user_id`,
    [tokenPrefix, big.id, sizes.sockets],
  );

  return {
    big: {
      ...big,
      slug: 'mesure-grand-espace',
      postThreadId: await emptyThread(db, big.id, bruno.id, 'Fil où l’on poste'),
      longThreadId,
    },
    small: {
      ...small,
      slug: 'mesure-petit-espace',
      postThreadId: await emptyThread(db, small.id, bruno.id, 'Fil où l’on poste'),
    },
    threads: { ...threads, slug: 'mesure-mille-fils' },
    sessions: sessions.length,
  };
}
