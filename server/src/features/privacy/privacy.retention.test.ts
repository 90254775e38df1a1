import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../../core/secrets';
import { OUTBOX_FAILED_WINDOW_MS, OUTBOX_SENT_WINDOW_MS } from '../../plugins/retention';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson } from '../../test/factories/people';
import { filesUnder, tempDataDir } from '../../test/files';
import { createFileStorage } from '../resources/file-storage';

/** What the privacy page promises: delivered mail, dead sessions and links, expired exports go. */

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
const db = () => ctx.database.db;
const DAY = 24 * 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
});
afterAll(async () => {
  await ctx.close();
  await dataDir.remove();
});

async function mail(subject: string, status: 'queued' | 'sent' | 'kept' | 'failed', createdAt: Date) {
  const row = await db()
    .insertInto('mail_outbox')
    .values({ to_address: 'retention@exemple.fr', subject, text_body: 'x', html_body: null, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`update mail_outbox set created_at = ${createdAt} where id = ${row.id}`.execute(db());
}

const prune = async (done: () => Promise<boolean>) => {
  await ctx.app.jobs.enqueue(db(), 'retention.prune', {});
  await expect.poll(done, { timeout: 20_000 }).toBe(true);
};

describe('retention of personal data', () => {
  it('deletes delivered mail after 30 days and failed mail after 90, never queued mail', async () => {
    await mail('sent-old', 'sent', ago(OUTBOX_SENT_WINDOW_MS + DAY));
    await mail('kept-old', 'kept', ago(OUTBOX_SENT_WINDOW_MS + DAY));
    await mail('sent-recent', 'sent', ago(OUTBOX_SENT_WINDOW_MS - DAY));
    await mail('failed-month', 'failed', ago(OUTBOX_SENT_WINDOW_MS + DAY));
    await mail('failed-old', 'failed', ago(OUTBOX_FAILED_WINDOW_MS + DAY));
    await mail('queued-old', 'queued', ago(OUTBOX_FAILED_WINDOW_MS + DAY));
    const subjects = async () =>
      (
        await db()
          .selectFrom('mail_outbox')
          .select('subject')
          .where('to_address', '=', 'retention@exemple.fr')
          .execute()
      )
        .map((row) => row.subject)
        .sort();
    await prune(async () => !(await subjects()).includes('sent-old'));
    expect(await subjects()).toEqual(['failed-month', 'queued-old', 'sent-recent']);
  });

  it('deletes expired and idle sessions, and used or expired mailed links', async () => {
    const person = await createPerson(ctx);
    const session = (values: { expiresAt: Date; lastSeenAt: Date }) =>
      db()
        .insertInto('sessions')
        .values({
          token_hash: hashSecret(newSecret()),
          user_id: person.id,
          csrf_token: newSecret(),
          expires_at: values.expiresAt,
          last_seen_at: values.lastSeenAt,
          user_agent: null,
        })
        .execute();
    await session({ expiresAt: ago(60_000), lastSeenAt: ago(120_000) });
    await session({ expiresAt: new Date(Date.now() + DAY), lastSeenAt: ago(ctx.config.session.idleMs + 60_000) });
    const token = (values: { expiresAt: Date; usedAt: Date | null }) =>
      db()
        .insertInto('auth_tokens')
        .values({
          user_id: person.id,
          purpose: 'mail_login',
          token_hash: hashSecret(newSecret()),
          code_hash: null,
          expires_at: values.expiresAt,
          used_at: values.usedAt,
        })
        .execute();
    await token({ expiresAt: ago(60_000), usedAt: null });
    await token({ expiresAt: new Date(Date.now() + 600_000), usedAt: new Date() });
    await token({ expiresAt: new Date(Date.now() + 600_000), usedAt: null });

    const sessions = async () =>
      (await db().selectFrom('sessions').select('id').where('user_id', '=', person.id).execute()).length;
    const links = async () =>
      (await db().selectFrom('auth_tokens').select('id').where('user_id', '=', person.id).execute()).length;
    await prune(async () => (await sessions()) === 1 && (await links()) === 1);
    // The live session (the person's own, from createPerson) still opens their account.
    const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: person.headers });
    expect(me.statusCode).toBe(200);
  });

  it('deletes expired exports, their rows and their ZIPs', async () => {
    const person = await createPerson(ctx);
    const { storage, close } = createFileStorage(ctx.config);
    try {
      for (const [key, expiresAt] of [
        ['export-expired.zip', ago(60_000)],
        ['export-live.zip', new Date(Date.now() + DAY)],
      ] as const) {
        await storage.put(key, Buffer.from('PK'), { contentType: 'application/zip', size: 2 });
        await db()
          .insertInto('exports')
          .values({ user_id: person.id, token_hash: hashSecret(newSecret()), expires_at: expiresAt })
          .execute();
        await sql`update exports set status = 'ready', storage_key = ${key}, size = 2
          where user_id = ${person.id} and storage_key is null`.execute(db());
      }
      const keys = async () =>
        (await db().selectFrom('exports').select('storage_key').where('user_id', '=', person.id).execute()).map(
          (row) => row.storage_key,
        );
      await prune(async () => (await keys()).length === 1);
      expect(await keys()).toEqual(['export-live.zip']);
      const stored = await filesUnder(dataDir.path);
      expect(stored.some((path) => path.endsWith('export-live.zip'))).toBe(true);
      expect(stored.some((path) => path.endsWith('export-expired.zip'))).toBe(false);
    } finally {
      close();
    }
  });
});
