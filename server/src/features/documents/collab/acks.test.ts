import { type Connection, OutgoingMessage } from '@hocuspocus/server';
import { describe, expect, it, vi } from 'vitest';
import { holdAcksUntilStored, isStoredAck } from './acks';
import { createWriteQueue } from './write-queue';

const name = 'f3b1c2d4-0000-4000-8000-000000000001';
const ack = (applied: boolean) => new OutgoingMessage(name).writeSyncStatus(applied).toUint8Array();
const update = () =>
  new OutgoingMessage(name)
    .createSyncMessage()
    .writeUpdate(new Uint8Array([0, 0]))
    .toUint8Array();

describe('collab acks', () => {
  it('recognises the SyncStatus(true) the provider counts, and nothing else', () => {
    expect(isStoredAck(ack(true))).toBe(true);
    expect(isStoredAck(ack(false))).toBe(false);
    expect(isStoredAck(update())).toBe(false);
    expect(isStoredAck(new Uint8Array([]))).toBe(false);
  });

  it('holds a connection’s acks until what was applied is committed, then sends them in order', async () => {
    const commits: Array<() => void> = [];
    const queue = createWriteQueue({
      append: () => new Promise<boolean>((resolve) => commits.push(() => resolve(true))),
      log: { warn: vi.fn(), error: vi.fn() },
    });
    const sent: string[] = [];
    const connection = {
      document: { name },
      send: (message: Uint8Array) => sent.push(isStoredAck(message) ? 'ack' : 'other'),
    } as unknown as Connection;
    holdAcksUntilStored(connection, queue);

    // Nothing applied yet: an ack (a sync that brought nothing new) goes straight out.
    connection.send(ack(true));
    expect(sent).toEqual(['ack']);

    queue.push(name, new Uint8Array([1]));
    connection.send(ack(true));
    connection.send(update());
    connection.send(ack(false));
    await vi.waitFor(() => expect(commits).toHaveLength(1));
    // Applied while the first change is being written: its ack waits for the next commit.
    queue.push(name, new Uint8Array([2]));
    connection.send(ack(true));
    expect(sent).toEqual(['ack', 'other', 'other']);

    commits[0]?.();
    await vi.waitFor(() => expect(sent).toEqual(['ack', 'other', 'other', 'ack']));
    await vi.waitFor(() => expect(commits).toHaveLength(2));
    commits[1]?.();
    await vi.waitFor(() => expect(sent).toEqual(['ack', 'other', 'other', 'ack', 'ack']));
  });
});
