import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { AutoVersionOutcome } from '../auto-versions.service';
import { createAutoVersions } from './auto-versions';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A document whose content is a counter of the changes typed so far. */
function typedDoc() {
  const doc = new Y.Doc();
  const typed = () => doc.getArray<number>('typed').length;
  return { doc, typed, type: () => doc.getArray<number>('typed').push([typed()]) };
}

describe('automatic versions (timing)', () => {
  const warnings: unknown[] = [];
  const log = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as FastifyBaseLogger;
  /** What `take` was asked: when (minutes since the start), with what gap, holding how many changes. */
  let taken: { atMinute: number; minGapMs: number; typed: number }[];
  let answer: (minGapMs: number) => AutoVersionOutcome | Promise<AutoVersionOutcome>;
  let started: number;

  const setup = (doc: Y.Doc, typed: () => number) => {
    const versions = createAutoVersions({
      idleMs: 2 * MINUTE,
      everyMs: 5 * MINUTE,
      log,
      take: async (_name, _doc, minGapMs) => {
        taken.push({ atMinute: (Date.now() - started) / MINUTE, minGapMs, typed: typed() });
        return answer(minGapMs);
      },
    });
    versions.track('doc', doc);
    return versions;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    started = Date.now();
    taken = [];
    warnings.length = 0;
    answer = () => ({ status: 'taken', at: new Date() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes one every 5 minutes of continuous editing, each of its moment, then one at the end', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    // A change every 10 s for 12 minutes.
    for (let i = 0; i < 72; i++) {
      type();
      versions.changed(doc);
      await vi.advanceTimersByTimeAsync(10 * SECOND);
    }
    expect(taken).toEqual([
      { atMinute: 5, minGapMs: 5 * MINUTE, typed: 30 },
      { atMinute: 10, minGapMs: 5 * MINUTE, typed: 60 },
    ]);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    // The end of the burst: 2 minutes after the last change (at 11:50).
    expect(taken.slice(2)).toEqual([{ atMinute: 13 + 50 / 60, minGapMs: 2 * MINUTE, typed: 72 }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes one version of the end of a burst after a pause, none while nothing changes', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    for (let i = 0; i < 5; i++) {
      type();
      versions.changed(doc);
      await vi.advanceTimersByTimeAsync(20 * SECOND);
    }
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    // Last change at 1:20, version at 3:20 holding all 5.
    expect(taken).toEqual([{ atMinute: 3 + 20 / 60, minGapMs: 2 * MINUTE, typed: 5 }]);
    await versions.settle(doc);
    expect(taken).toHaveLength(1);
  });

  it('takes a final version when the document leaves memory with changes not in one', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    type();
    versions.changed(doc);
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    await versions.settle(doc);
    expect(taken).toEqual([{ atMinute: 0.5, minGapMs: 0, typed: 1 }]);
    expect(vi.getTimerCount()).toBe(0);
    doc.destroy();
    expect(versions.timers).toBe(0);
  });

  it('keeps the content before a restore even with no change counted here', async () => {
    const { doc, typed } = typedDoc();
    const versions = setup(doc, typed);
    answer = () => ({ status: 'unchanged' });
    await versions.keep(doc);
    expect(taken).toEqual([{ atMinute: 0, minGapMs: 0, typed: 0 }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps changes pending when another process took a version a moment ago, and comes back after the gap', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    // Another process took one at 1:00, this one's idle rule fires at 2:00.
    answer = () => ({ status: 'too_soon', lastAt: new Date(started + MINUTE) });
    type();
    versions.changed(doc);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(taken).toEqual([{ atMinute: 2, minGapMs: 2 * MINUTE, typed: 1 }]);
    answer = () => ({ status: 'unchanged' });
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(taken.slice(1)).toEqual([{ atMinute: 3, minGapMs: 2 * MINUTE, typed: 1 }]);
    // "Unchanged" covers the changes: nothing left for the end.
    await versions.settle(doc);
    expect(taken).toHaveLength(2);
  });

  it('logs a failure and tries again later, never throwing', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    answer = () => Promise.reject(new Error('database unavailable'));
    type();
    versions.changed(doc);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(warnings).toHaveLength(1);
    answer = () => ({ status: 'taken', at: new Date() });
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(taken.map(({ atMinute, typed }) => ({ atMinute, typed }))).toEqual([
      { atMinute: 2, typed: 1 },
      { atMinute: 2.5, typed: 1 },
    ]);
  });

  it('counts changes arriving while a version is written for the next one', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    let release: () => void = () => undefined;
    answer = () =>
      new Promise((resolve) => {
        release = () => resolve({ status: 'taken', at: new Date() });
      });
    type();
    versions.changed(doc);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(taken).toHaveLength(1);
    type();
    versions.changed(doc);
    release();
    answer = () => ({ status: 'taken', at: new Date() });
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(taken.map(({ typed }) => typed)).toEqual([1, 2]);
  });

  it('never keeps the process alive with a pending version', () => {
    vi.useRealTimers();
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    const keepingAlive = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = keepingAlive();
    type();
    versions.changed(doc);
    expect(versions.timers).toBe(1);
    expect(keepingAlive()).toBe(before);
    doc.destroy();
    expect(versions.timers).toBe(0);
  });

  it('leaves no timer behind: cleared when the document is destroyed or on shutdown', async () => {
    const { doc, typed, type } = typedDoc();
    const versions = setup(doc, typed);
    type();
    versions.changed(doc);
    expect(vi.getTimerCount()).toBe(1);
    doc.destroy();
    expect(vi.getTimerCount()).toBe(0);

    const other = typedDoc();
    const more = setup(other.doc, other.typed);
    other.type();
    more.changed(other.doc);
    more.stopTimers();
    expect(vi.getTimerCount()).toBe(0);
    other.type();
    more.changed(other.doc);
    expect(vi.getTimerCount()).toBe(0);
    // Shutdown still takes the final one.
    await more.settle(other.doc);
    expect(taken.map(({ minGapMs, typed }) => ({ minGapMs, typed }))).toEqual([{ minGapMs: 0, typed: 2 }]);
  });
});
