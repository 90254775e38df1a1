import { describe, expect, it } from 'vitest';
import { createJobsTestApp } from '../../test/jobs';
import { createReopenableDatabase } from '../../test/reopenable-database';
import { findOutboxMessage } from './outbox.queries';

describe('mail across a restart', () => {
  // The database and the app start twice: more than the default time on a busy machine.
  it('is delivered by the next process when the one that queued it stopped first', { timeout: 60_000 }, async () => {
    const store = await createReopenableDatabase();
    try {
      // First process: serves the request that queues the mail, runs no jobs, then goes away.
      const firstDatabase = await store.open();
      const first = await createJobsTestApp({ database: firstDatabase, jobs: { workers: false } });
      const { outboxId } = await first.app.db
        .transaction()
        .execute((trx) => first.app.mail.send(trx, { to: 'durable@exemple.fr', subject: 'Toujours là', text: 'x' }));
      expect((await findOutboxMessage(first.app.db, outboxId))?.status).toBe('queued');
      await first.close();
      await firstDatabase.close();

      // Second process on the same database picks the job up.
      const secondDatabase = await store.open();
      const second = await createJobsTestApp({ database: secondDatabase });
      try {
        const message = () => findOutboxMessage(second.app.db, outboxId);
        await expect.poll(async () => (await message())?.status).toBe('kept');
        expect(await message()).toMatchObject({ to_address: 'durable@exemple.fr', subject: 'Toujours là' });
      } finally {
        await second.close();
        await secondDatabase.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
