import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestContext } from '../app';
import { request } from '../http';
import type { TestPerson } from './people';

/** Threads and posts made through the API, as a member's browser makes them; each fails loudly on a refusal. */

export async function createThread(
  ctx: TestContext,
  person: TestPerson,
  slug: string,
  values: { title?: string; body?: string } = {},
) {
  const response = await request(ctx, person, 'POST', `/api/spaces/${slug}/threads`, {
    title: values.title ?? 'Préparer la permanence de décembre',
    body: values.body ?? '<p>Qui anime la prochaine permanence ?</p>',
  });
  if (response.statusCode !== 201) throw new Error(`thread failed: ${response.statusCode} ${response.body}`);
  return response.json() as { thread: { id: string; spaceId: string }; post: { id: string; body: string } };
}

export async function createPost(
  ctx: TestContext,
  person: TestPerson,
  threadId: string,
  body: string,
  extra: { replyToId?: string; quotePostId?: string } = {},
) {
  const response = await request(ctx, person, 'POST', `/api/threads/${threadId}/posts`, { body, ...extra });
  if (response.statusCode !== 201) throw new Error(`post failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { post: { id: string; body: string } }).post;
}

/** The threads of a space as `person` sees them. */
export async function threadList(ctx: TestContext, person: TestPerson | null, slug: string) {
  const response = await request(ctx, person, 'GET', `/api/spaces/${slug}/threads`);
  if (response.statusCode !== 200) throw new Error(`list failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { items: { id: string; unreadCount: number; postCount: number; pinned: boolean }[] })
    .items;
}

export async function unreadOf(ctx: TestContext, person: TestPerson, slug: string, threadId: string) {
  return (await threadList(ctx, person, slug)).find((thread) => thread.id === threadId)?.unreadCount;
}

/**
 * Notifications (and their mails) are written by jobs after the post commits (stored with it):
 * waits until every queued notification and mail job has run, so no late one lands in a later check.
 */
export async function notificationsSettled(ctx: TestContext) {
  await expect
    .poll(
      async () => {
        const { rows } = await sql<{ count: string | number }>`select count(*) from pgboss.job
          where name in ('discussions.notify', 'discussions.mail') and state <> 'completed'`.execute(ctx.database.db);
        return Number(rows[0]?.count);
      },
      { timeout: 15_000 },
    )
    .toBe(0);
}
