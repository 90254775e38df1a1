import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test/database';
import { type DeliveryDeps, deliverOutboxMessage, type MailTransport } from './delivery';
import { findOutboxMessage, insertOutboxMessage } from './outbox.queries';

/** A transport that records what it is asked to send, or fails with the queued errors. */
function fakeTransport(failures: Error[] = []) {
  const sent: Parameters<MailTransport['sendMail']>[0][] = [];
  const transport: MailTransport = {
    async sendMail(message) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(message);
    },
  };
  return { transport, sent };
}

describe('deliverOutboxMessage', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const deps = (transport: MailTransport | null): DeliveryDeps => ({
    db: database.db,
    transport,
    from: 'Atelier <atelier@exemple.fr>',
    messageIdDomain: 'atelier.exemple.fr',
    log: { warn: () => undefined },
  });
  const queue = async () =>
    (await insertOutboxMessage(database.db, { to: 'a@exemple.fr', subject: 'Objet', text: 'texte', html: '<p>x</p>' }))
      .id;
  const row = async (id: string) => (await findOutboxMessage(database.db, id))!;

  it('sends once: a second run of the same job finds the message sent and leaves it', async () => {
    const id = await queue();
    const { transport, sent } = fakeTransport();
    await deliverOutboxMessage(deps(transport), { outboxId: id, attempt: 1, maxAttempts: 5 });
    await deliverOutboxMessage(deps(transport), { outboxId: id, attempt: 2, maxAttempts: 5 });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      from: 'Atelier <atelier@exemple.fr>',
      to: 'a@exemple.fr',
      subject: 'Objet',
      text: 'texte',
      html: '<p>x</p>',
      messageId: `<${id}@atelier.exemple.fr>`,
    });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('records a transient failure and throws so that the job is retried', async () => {
    const id = await queue();
    const { transport } = fakeTransport([new Error('connection reset')]);
    await expect(deliverOutboxMessage(deps(transport), { outboxId: id, attempt: 1, maxAttempts: 5 })).rejects.toThrow(
      'connection reset',
    );
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'connection reset' });
  });

  it('marks the message failed after the last attempt', async () => {
    const id = await queue();
    const { transport } = fakeTransport([new Error('still down')]);
    await expect(deliverOutboxMessage(deps(transport), { outboxId: id, attempt: 5, maxAttempts: 5 })).rejects.toThrow();
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'still down' });
  });

  it('keeps the message when no SMTP server is configured', async () => {
    const id = await queue();
    await deliverOutboxMessage(deps(null), { outboxId: id, attempt: 1, maxAttempts: 5 });
    expect(await row(id)).toMatchObject({ status: 'kept', attempts: 0 });
  });

  it('completes quietly when the message no longer exists', async () => {
    const { transport, sent } = fakeTransport();
    await deliverOutboxMessage(deps(transport), { outboxId: randomUUID(), attempt: 1, maxAttempts: 5 });
    expect(sent).toEqual([]);
  });
});
