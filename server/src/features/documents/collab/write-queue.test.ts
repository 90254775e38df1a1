import { describe, expect, it, vi } from 'vitest';
import { createWriteQueue, WriteQueueStoppedError } from './write-queue';

const change = (n: number) => new Uint8Array([n]);
const numbers = (updates: readonly Uint8Array[]) => updates.map((update) => update[0]);

/** An append whose calls the test settles by hand, one at a time. */
function manualAppend() {
  const calls: { documentId: string; updates: number[]; settle(error?: Error): void }[] = [];
  const append = vi.fn(
    (documentId: string, updates: readonly Uint8Array[]) =>
      new Promise<boolean>((resolve, reject) => {
        calls.push({
          documentId,
          updates: numbers(updates) as number[],
          settle: (error) => (error ? reject(error) : resolve(true)),
        });
      }),
  );
  return { append, calls };
}

const quietLog = () => ({ warn: vi.fn(), error: vi.fn() });

describe('collab write queue', () => {
  it('commits in order, batching what arrives while a write is in flight (group commit)', async () => {
    const { append, calls } = manualAppend();
    const queue = createWriteQueue({ append, log: quietLog() });
    expect(queue.push('doc', change(1))).toBe(1);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    for (let n = 2; n <= 5; n++) queue.push('doc', change(n));
    const third = queue.whenStored('doc', 3);
    let thirdStored = false;
    void third.then(() => {
      thirdStored = true;
    });

    calls[0]?.settle();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(queue.storedSeq('doc')).toBe(1);
    expect(calls[1]?.updates).toEqual([2, 3, 4, 5]);
    expect(thirdStored).toBe(false);

    calls[1]?.settle();
    await third;
    expect(queue.storedSeq('doc')).toBe(5);
    expect(queue.stats()).toEqual({ batches: 2, updates: 5 });
  });

  it('keeps documents apart: one writer each', async () => {
    const { append, calls } = manualAppend();
    const queue = createWriteQueue({ append, log: quietLog() });
    queue.push('a', change(1));
    queue.push('b', change(2));
    await vi.waitFor(() => expect(calls.map((call) => call.documentId).sort()).toEqual(['a', 'b']));
    calls.find((call) => call.documentId === 'b')?.settle();
    await queue.whenStored('b');
    expect(queue.storedSeq('a')).toBe(0);
    calls.find((call) => call.documentId === 'a')?.settle();
    await queue.whenStored('a');
  });

  it('retries a failed write with backoff, logs it, and drops nothing', async () => {
    const { append, calls } = manualAppend();
    const log = quietLog();
    const queue = createWriteQueue({ append, log, retryDelayMs: 5 });
    queue.push('doc', change(1));
    const stored = queue.whenStored('doc');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    queue.push('doc', change(2));
    calls[0]?.settle(new Error('connection lost'));

    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, updates: 1 }), expect.any(String));
    // The retry carries the failed change again, with what arrived meanwhile.
    expect(calls[1]?.updates).toEqual([1, 2]);
    expect(queue.storedSeq('doc')).toBe(0);
    calls[1]?.settle();
    await stored;
    expect(queue.storedSeq('doc')).toBe(2);
  });

  it('keeps each transaction to at most 2,000 changes', async () => {
    const { append, calls } = manualAppend();
    const queue = createWriteQueue({ append, log: quietLog() });
    for (let n = 0; n < 2500; n++) queue.push('doc', change(n % 256));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.updates).toHaveLength(2000);
    calls[0]?.settle();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.updates).toHaveLength(500);
    calls[1]?.settle();
    await queue.whenStored('doc');
  });

  it('drains until its deadline, then stops and rejects the waits left', async () => {
    const { append, calls } = manualAppend();
    const queue = createWriteQueue({ append, log: quietLog() });
    queue.push('doc', change(1));
    const stored = queue.whenStored('doc');
    expect(await queue.drain(Date.now() + 30)).toBe(1);
    queue.stop();
    await expect(stored).rejects.toBeInstanceOf(WriteQueueStoppedError);
    calls[0]?.settle();
  });
});
