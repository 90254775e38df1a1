import type { SearchResults, SearchType } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createThread } from '../../test/factories/discussions';
import { createDocument } from '../../test/factories/documents';
import { createEvent } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

/**
 * The authorization matrix of search: six kinds of people × four kinds of space, each space
 * holding one of everything with a word of its own. Each person finds exactly what the policy
 * lets them read — the space itself where they may know it exists, its content where they may
 * read it — and searching inside a space they may not know of is 404.
 */

type Who = 'anonymous' | 'outsider' | 'pending' | 'member' | 'animateur' | 'admin';
type Kind = 'public' | 'members' | 'private' | 'archived';

const CONTENT: SearchType[] = ['document', 'event', 'link', 'post', 'thread'];
const EVERYTHING: SearchType[] = [...CONTENT, 'space'].sort() as SearchType[];

/** A space whose existence anyone may know but whose content only its members and admins read. */
const CLOSED: Record<Who, SearchType[]> = {
  anonymous: ['space'],
  outsider: ['space'],
  pending: ['space'],
  member: EVERYTHING,
  animateur: EVERYTHING,
  admin: EVERYTHING,
};

/** What each person finds of each kind of space: nothing, the space alone, or everything. */
const EXPECTED: Record<Kind, Record<Who, SearchType[]>> = {
  public: {
    anonymous: EVERYTHING,
    outsider: EVERYTHING,
    pending: EVERYTHING,
    member: EVERYTHING,
    animateur: EVERYTHING,
    admin: EVERYTHING,
  },
  members: CLOSED,
  private: { anonymous: [], outsider: [], pending: [], member: EVERYTHING, animateur: EVERYTHING, admin: EVERYTHING },
  archived: CLOSED,
};

let ctx: TestContext;
const people = {} as Record<Exclude<Who, 'anonymous'>, TestPerson>;
const spaces = {} as Record<Kind, { slug: string; word: string }>;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  for (const who of ['outsider', 'pending', 'member', 'animateur', 'admin'] as const) {
    people[who] = await createPerson(ctx, who === 'admin' ? { role: 'admin' } : {});
  }
  const settings = {
    public: { visibility: 'public', joinPolicy: 'open' },
    members: { visibility: 'members', joinPolicy: 'request' },
    private: { visibility: 'private', joinPolicy: 'invite' },
    archived: { visibility: 'members', joinPolicy: 'request' },
  } as const;
  for (const kind of Object.keys(settings) as Kind[]) {
    const word = `marqueur${kind}`;
    const space = await createSpace(db, { ...settings[kind], title: `Espace ${word}` });
    await addMembership(db, space.id, people.animateur.id, { role: 'animateur' });
    await addMembership(db, space.id, people.member.id);
    await addMembership(db, space.id, people.pending.id, { status: 'pending' });
    await createThread(ctx, people.animateur, space.slug, {
      title: `Fil ${word}`,
      body: `<p>Message ${word}</p>`,
    });
    await createDocument(ctx, people.animateur, space.slug, `Document ${word}`);
    const link = await request(ctx, people.animateur, 'POST', `/api/spaces/${space.slug}/links`, {
      url: 'https://exemple.fr/ressource',
      title: `Lien ${word}`,
    });
    expect(link.statusCode).toBe(201);
    await createEvent(db, { spaceId: space.id, title: `Atelier ${word}`, createdBy: people.animateur.id });
    if (kind === 'archived')
      await db.updateTable('spaces').set({ status: 'archived' }).where('id', '=', space.id).execute();
    spaces[kind] = { slug: space.slug, word };
  }
});
afterAll(() => ctx?.close());

const person = (who: Who) => (who === 'anonymous' ? null : people[who]);

describe('search × who asks × the space', () => {
  for (const kind of ['public', 'members', 'private', 'archived'] as const) {
    for (const who of ['anonymous', 'outsider', 'pending', 'member', 'animateur', 'admin'] as const) {
      const expected = EXPECTED[kind][who];
      it(`${who} in a ${kind} space finds ${expected.join(', ') || 'nothing'}`, async () => {
        const { word, slug } = spaces[kind];
        const response = await request(ctx, person(who), 'GET', `/api/search?q=${word}`);
        expect(response.statusCode).toBe(200);
        const found = (response.json() as SearchResults).items.map((item) => item.type).sort();
        expect(found).toEqual(expected);
        // Narrowed to the space: 404 where its existence is not theirs to know.
        const inside = await request(ctx, person(who), 'GET', `/api/search?q=${word}&space=${slug}`);
        expect(inside.statusCode).toBe(kind === 'private' && expected.length === 0 ? 404 : 200);
      });
    }
  }
});
