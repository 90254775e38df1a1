import { ERROR_CODES, type ErrorCode } from '@atelier/contract';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import type { TestContext } from './app';
import { createPerson, type TestPerson } from './factories/people';
import { addMembership, createSpace } from './factories/spaces';
import { multipart, type Part } from './files';
import type { Method } from './http';
import { createJobsTestApp } from './jobs';

/**
 * The access-matrix harness: every route of a matrix × every kind of person × every
 * visibility of the space the route's things belong to, each case on a fresh fixture so that
 * no case depends on another. A case checks the status; a refusal must also carry an error
 * code of that status (the contract's ERROR_CODES) and leave the listed tables as they were.
 * Matrices are plain modules under `test/matrices/`, so that the route coverage test can
 * read their routes without running them.
 */

export const VISIBILITIES = ['public', 'members', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** The join policy each visibility goes with, as the alliance uses them. */
export const JOIN_POLICY = { public: 'open', members: 'request', private: 'invite' } as const;

/**
 * Who asks: nobody signed in; a signed-in person with no tie to the space; one whose request
 * to join waits; an active member; an active animateur·ice of the space; a platform admin who
 * is not a member.
 */
export type Actor = 'anonymous' | 'outsider' | 'pending' | 'member' | 'animateur' | 'admin';
export const ACTORS = ['anonymous', 'outsider', 'member', 'animateur', 'admin'] as const satisfies readonly Actor[];

/** The statuses of one route in one visibility, one per actor in the matrix's order. */
export type Statuses = readonly number[];

/** The same statuses whatever the space's visibility. */
export const everyone = (statuses: Statuses) => ({ public: statuses, members: statuses, private: statuses });

/*
 * The usual rows for the five ACTORS (anonymous, outsider, member, animateur, admin): who may
 * do a thing with a space's content, and the refusal everyone else gets. A private space
 * stays hidden (404) from those who may not know it.
 */
/** Reading: everyone in public spaces, members and admins elsewhere. */
export const byReaders = (ok: number) => ({
  public: [ok, ok, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [404, 404, ok, ok, ok],
});
/** Something personal about what one reads (following, registering): signed-in readers. */
export const bySignedInReaders = (ok: number) => ({
  public: [401, ok, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [401, 404, ok, ok, ok],
});
/** Contributing: members (animateur·ices are members too) and admins. */
export const byMembers = (ok: number) => ({
  public: [401, 403, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [401, 404, ok, ok, ok],
});
/** Running the space (moderating, managing events): animateur·ices and admins. */
export const byAnimateurs = (ok: number) => ({
  public: [401, 403, 403, ok, ok],
  members: [401, 403, 403, ok, ok],
  private: [401, 404, 403, ok, ok],
});

/** The codes a refusal may carry unless a matrix says more. */
const REFUSALS: Partial<Record<number, readonly ErrorCode[]>> = {
  401: ['unauthenticated'],
  403: ['forbidden'],
  404: ['not_found'],
};

/** What a matrix's fixture is built with: the app, the people (made once per file) and the case's fresh space. */
export interface MatrixKit {
  ctx: TestContext;
  db: Db;
  people: Record<Exclude<Actor, 'anonymous'>, TestPerson>;
  space: { id: string; slug: string };
  visibility: Visibility;
}

/** One case: the kit, its fixture and who asks. */
export interface MatrixCase<F> extends MatrixKit {
  fixture: F;
  actor: Actor;
  /** The person asking; null for anonymous. */
  person: TestPerson | null;
}

/** A row of a matrix, as the coverage test reads it. */
export interface MatrixRow {
  method: Method;
  /** The route as the router knows it (`/api/threads/:id/posts`): what the coverage test compares. */
  path: string;
  /** Tells rows of the same route apart (whose file, which post). */
  note?: string;
  expect: Record<Visibility, Statuses>;
}

export interface MatrixRoute<F> extends MatrixRow {
  /** A value for every `:param` of the path. */
  params?(c: MatrixCase<F>): Record<string, string> | Promise<Record<string, string>>;
  query?(c: MatrixCase<F>): Record<string, string>;
  /** A JSON body. */
  body?(c: MatrixCase<F>): object | undefined;
  /** A multipart/form-data body instead, as a browser's FormData sends it. */
  multipart?(c: MatrixCase<F>): Part[];
  /** Puts the actor in the state the row is about (holding a seat, following), before the tables are read. */
  before?(c: MatrixCase<F>): Promise<void>;
  /** More to check on an answer the row expects to succeed. */
  check?(response: LightMyRequestResponse, c: MatrixCase<F>): void | Promise<void>;
}

/** Something the app needs for the whole file (a data directory), made before it and removed after. */
export interface MatrixEnvironment {
  env: Record<string, string>;
  /** State besides the tables that a refusal must leave as it was (files on disk). */
  state?(): Promise<unknown>;
  dispose(): Promise<void>;
}

/** A matrix's table: what the coverage test reads. */
export interface MatrixTable {
  /** What the matrix is about, naming its describe block. */
  name: string;
  /** The actors, in the order of every route's statuses. */
  actors: readonly Actor[];
  routes: readonly MatrixRow[];
}

export interface Matrix<F> extends MatrixTable {
  /**
   * The case's fixture, on a fresh space of the case's visibility (its join policy from
   * JOIN_POLICY) where the member, the animateur·ice and the pending applicant (when the
   * matrix has one) already have their memberships.
   */
  setup(kit: MatrixKit): Promise<F>;
  routes: readonly MatrixRoute<F>[];
  /** Every table a refused request could write: it must be left as it was, row for row. */
  tables: readonly (keyof DB)[];
  /** Codes a refusal may carry besides 401 unauthenticated, 403 forbidden and 404 not_found. */
  refusals?: Partial<Record<number, readonly ErrorCode[]>>;
  environment?(): Promise<MatrixEnvironment>;
}

/** The params of a `/spaces/:slug/…` route: the case's space. */
export const spaceSlug = ({ space }: { space: { slug: string } }) => ({ slug: space.slug });

/** Identity for matrices: keeps the fixture type flowing from `setup` into the routes. */
export const defineMatrix = <F>(matrix: Matrix<F>): Matrix<F> => matrix;

/** "METHOD /path" of a route, as the route table prints it. */
export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

const routeName = (route: MatrixRow) => routeKey(route) + (route.note ? ` (${route.note})` : '');

/** The path with its `:params` filled in; fails on a param missing or one the path does not have. */
function fillPath(path: string, params: Record<string, string>) {
  const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const unknown = Object.keys(params).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`${path} has no ${unknown.map((name) => `:${name}`).join(', ')}`);
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/** Every row of the tables, each as JSON, sorted: equal whatever order the database returns them in. */
/**
 * Each table's rows as a count and a fingerprint, computed by the database: the md5 of every
 * row's text, in order. Any row added, removed or changed changes it; a table named here keeps
 * every earlier case's rows, so reading them whole twice per refusal would grow with the file.
 */
async function readTables(db: Db, tables: readonly (keyof DB)[]) {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<{ rows: number; fingerprint: string | null }>`
        select count(*)::int as rows, md5(string_agg(md5(t::text), '' order by md5(t::text))) as fingerprint
        from ${sql.table(table)} as t`.execute(db);
      return [table, rows[0]] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Waits until every background job already due has run. Earlier cases leave work behind
 * (notifications, mails marked kept) that would otherwise land between the two readings of a
 * refusal and look like its doing.
 */
async function jobsSettled(db: Db) {
  await expect
    .poll(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
        where state in ('created', 'retry', 'active') and start_after <= now()`.execute(db);
      return rows[0]?.n;
    })
    .toBe(0);
}

/** Fails at collection time on a row whose statuses do not match the actors, so no case is silently dropped. */
export function checkShape(matrix: MatrixTable) {
  for (const route of matrix.routes) {
    for (const visibility of VISIBILITIES) {
      if (route.expect[visibility].length !== matrix.actors.length) {
        throw new Error(
          `${matrix.name}: ${routeName(route)} lists ${route.expect[visibility].length} statuses for ${visibility} spaces, for ${matrix.actors.length} actors`,
        );
      }
    }
  }
}

/** The matrix's app and people, for the other tests of its file. */
export interface MatrixApp {
  readonly ctx: TestContext;
  readonly people: MatrixKit['people'];
  /** What a refusal must leave as it was: the listed tables and the environment's state. */
  state(): Promise<unknown>;
}

/**
 * Registers the matrix's cases as tests of the current file, on an app started before the
 * file's tests and closed after them.
 */
export function describeMatrix<F>(matrix: Matrix<F>): MatrixApp {
  checkShape(matrix);
  const refusals = { ...REFUSALS, ...matrix.refusals };
  let ctx: TestContext;
  let environment: MatrixEnvironment | undefined;
  let people: MatrixKit['people'];

  beforeAll(async () => {
    environment = await matrix.environment?.();
    // Quick polls: a refusal waits for the jobs earlier cases left (see jobsSettled).
    ctx = await createJobsTestApp({ env: environment?.env });
    people = {
      outsider: await createPerson(ctx),
      pending: await createPerson(ctx),
      member: await createPerson(ctx),
      animateur: await createPerson(ctx),
      admin: await createPerson(ctx, { role: 'admin' }),
    };
  });
  afterAll(async () => {
    await ctx?.close();
    await environment?.dispose();
  });

  async function kitFor(visibility: Visibility): Promise<MatrixKit> {
    const db = ctx.database.db;
    const space = await createSpace(db, { visibility, joinPolicy: JOIN_POLICY[visibility] });
    await addMembership(db, space.id, people.member.id);
    await addMembership(db, space.id, people.animateur.id, { role: 'animateur' });
    if (matrix.actors.includes('pending')) await addMembership(db, space.id, people.pending.id, { status: 'pending' });
    return { ctx, db, people, space, visibility };
  }

  /** What a refusal must leave as it was, read once the work due has run. */
  const state = async () => {
    await jobsSettled(ctx.database.db);
    return { tables: await readTables(ctx.database.db, matrix.tables), other: await environment?.state?.() };
  };

  describe(matrix.name, () => {
    describe.each(matrix.routes.map((route) => [routeName(route), route] as const))('%s', (_name, route) => {
      describe.each(VISIBILITIES)('in a %s space', (visibility) => {
        it.each(matrix.actors.map((actor, index) => [actor, route.expect[visibility][index]!] as const))(
          '%s → %i',
          async (actor, expected) => {
            const kit = await kitFor(visibility);
            const person = actor === 'anonymous' ? null : people[actor];
            const c: MatrixCase<F> = { ...kit, fixture: await matrix.setup(kit), actor, person };
            await route.before?.(c);
            const query = route.query ? `?${new URLSearchParams(route.query(c))}` : '';
            const url = fillPath(route.path, (await route.params?.(c)) ?? {}) + query;
            const form = route.multipart ? multipart(route.multipart(c)) : null;
            const body = route.body?.(c);
            const before = expected >= 400 ? await state() : null;

            const response = await ctx.app.inject({
              method: route.method,
              url,
              headers: { ...(person?.headers ?? {}), ...(form ? { 'content-type': form.contentType } : {}) },
              ...(form ? { payload: form.payload } : body ? { payload: body } : {}),
            });

            expect(response.statusCode, response.body).toBe(expected);
            if (expected >= 400) {
              const code = response.json().error.code as ErrorCode;
              expect(ERROR_CODES[code], `${code} belongs with ${ERROR_CODES[code]}`).toBe(expected);
              expect(refusals[expected] ?? [], `refusal codes allowed for ${expected}`).toContain(code);
              expect(await state(), 'a refusal changes nothing').toEqual(before);
            } else {
              await route.check?.(response, c);
            }
          },
        );
      });
    });
  });
  return {
    get ctx() {
      return ctx;
    },
    get people() {
      return people;
    },
    state,
  };
}
