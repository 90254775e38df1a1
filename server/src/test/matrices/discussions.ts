import { createThread } from '../factories/discussions';
import {
  byMembers,
  byReaders,
  bySignedInReaders,
  defineMatrix,
  everyone,
  type MatrixRoute,
  spaceSlug,
} from '../matrix';

/**
 * The discussion routes. Each case's space holds a thread the member started, whose first
 * post the animateur·ice reacted to (so that taking a reaction back has something to take).
 */

interface Fixture {
  threadId: string;
  postId: string;
}

const thread = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.threadId });
const post = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.postId });
const reaction = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.postId, emoji: '🎉' });

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/spaces/:slug/threads', params: spaceSlug, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/spaces/:slug/threads',
    params: spaceSlug,
    body: () => ({ title: 'Un fil', body: '<p>Bonjour</p>' }),
    expect: byMembers(201),
  },
  { method: 'GET', path: '/api/threads/:id', params: thread, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/threads/:id/posts',
    params: thread,
    body: () => ({ body: '<p>Réponse</p>' }),
    expect: byMembers(201),
  },
  {
    method: 'PATCH',
    path: '/api/threads/:id',
    params: thread,
    body: () => ({ pinned: true }),
    expect: {
      public: [401, 403, 403, 200, 200],
      members: [401, 403, 403, 200, 200],
      private: [401, 404, 403, 200, 200],
    },
  },
  {
    method: 'PATCH',
    path: '/api/posts/:id',
    note: "the member's post",
    params: post,
    body: () => ({ body: '<p>Corrigé</p>' }),
    expect: {
      public: [401, 403, 200, 403, 403],
      members: [401, 403, 200, 403, 403],
      private: [401, 404, 200, 403, 403],
    },
  },
  { method: 'DELETE', path: '/api/posts/:id', note: "the member's post", params: post, expect: byMembers(204) },
  { method: 'GET', path: '/api/posts/:id/revisions', params: post, expect: byReaders(200) },
  { method: 'PUT', path: '/api/posts/:id/reactions/:emoji', params: reaction, expect: byMembers(200) },
  { method: 'DELETE', path: '/api/posts/:id/reactions/:emoji', params: reaction, expect: byMembers(200) },
  {
    method: 'POST',
    path: '/api/threads/:id/read',
    params: thread,
    body: (c) => ({ lastReadPostId: c.fixture.postId }),
    expect: bySignedInReaders(204),
  },
  { method: 'POST', path: '/api/spaces/:slug/read-all', params: spaceSlug, expect: bySignedInReaders(204) },
  { method: 'PUT', path: '/api/threads/:id/follow', params: thread, expect: bySignedInReaders(204) },
  { method: 'DELETE', path: '/api/threads/:id/follow', params: thread, expect: bySignedInReaders(204) },
  { method: 'GET', path: '/api/me/unread', expect: everyone([401, 200, 200, 200, 200]) },
  { method: 'GET', path: '/api/notifications', expect: everyone([401, 200, 200, 200, 200]) },
  { method: 'POST', path: '/api/notifications/read-all', expect: everyone([401, 204, 204, 204, 204]) },
];

export const discussionsMatrix = defineMatrix<Fixture>({
  name: 'discussion routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, db, people, space }) => {
    const { thread, post } = await createThread(ctx, people.member, space.slug);
    await db.insertInto('reactions').values({ post_id: post.id, user_id: people.animateur.id, emoji: '🎉' }).execute();
    return { threadId: thread.id, postId: post.id };
  },
  routes,
  tables: [
    'threads',
    'posts',
    'post_revisions',
    'reactions',
    'read_states',
    'thread_follows',
    'notifications',
    'idempotency_keys',
    'realtime_rooms',
    'realtime_events',
    'realtime_payloads',
  ],
});
