import type { FastifyBaseLogger } from 'fastify';
import type * as Y from 'yjs';
import type { AutoVersionOutcome } from '../auto-versions.service';

/**
 * When automatic versions are taken, per live document, from the changes it is told of
 * (`changed`: server.ts reports those of this process's own clients; another process
 * counts those of its clients, which reach this one through Redis):
 * - a burst of editing ends: no change for `idleMs` → a version of the state at its end;
 * - editing goes on: a version at the latest `everyMs` after the first change not yet in
 *   one, so long sessions get one every `everyMs`;
 * - the document leaves memory (`settle`) with changes not yet in a version → one at once.
 * Whether a version is really written — the content differs from the latest version, no
 * other process took one a moment ago — is decided in the database (`take`,
 * `takeAutoVersion`). A refusal as "too soon" carries when the other version was taken: the
 * attempt comes back once the gap has passed.
 *
 * One timer at most per document, set when a change arrives and none runs, and re-armed
 * when it fires early (a keystroke only updates two numbers). Timers are unref'd: a pending
 * version never keeps the process alive.
 */
export interface AutoVersionTiming {
  /** A version once editing has paused this long. */
  idleMs: number;
  /** During continuous editing, a version at least this often. */
  everyMs: number;
}

/** Takes a version of `doc` now (its content is read before the first await); see takeAutoVersion. */
export type TakeAutoVersion = (documentName: string, doc: Y.Doc, minGapMs: number) => Promise<AutoVersionOutcome>;

/** After a failed attempt (database unavailable), wait this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 30_000;

interface Tracked {
  name: string;
  doc: Y.Doc;
  /** Local changes seen so far. */
  seen: number;
  /** How many of them are in a version, or in the one being taken. */
  versioned: number;
  /** When the first change after `versioned` arrived, and the last change (epoch ms). */
  firstPendingAt: number;
  lastChangeAt: number;
  /** When the latest automatic version known here was taken (by any process). */
  lastVersionAt: number;
  /** No attempt before this instant (after a failure). */
  notBefore: number;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  disposed: boolean;
}

export function createAutoVersions(input: AutoVersionTiming & { take: TakeAutoVersion; log: FastifyBaseLogger }) {
  const { idleMs, everyMs, take, log } = input;
  // Weak: a document whose load failed half-way is never destroyed, and must not be kept.
  const tracked = new WeakMap<Y.Doc, Tracked>();
  /** Documents with a timer set (cleared on shutdown). */
  const armed = new Set<Tracked>();
  /** Set on shutdown: timers no longer start attempts, only `settle` does. */
  let stopped = false;

  /** The next attempt: the earlier of the two rules, each kept `gap` after the last version. */
  function plan(t: Tracked): { at: number; minGapMs: number } {
    const idle = Math.max(t.lastChangeAt + idleMs, t.lastVersionAt + idleMs, t.notBefore);
    const every = Math.max(t.firstPendingAt + everyMs, t.lastVersionAt + everyMs, t.notBefore);
    return idle <= every ? { at: idle, minGapMs: idleMs } : { at: every, minGapMs: everyMs };
  }

  function arm(t: Tracked) {
    if (stopped || t.disposed || t.timer || t.running || t.seen === t.versioned) return;
    t.timer = setTimeout(() => fire(t), Math.max(0, plan(t).at - Date.now()));
    t.timer.unref();
    armed.add(t);
  }

  function disarm(t: Tracked) {
    clearTimeout(t.timer);
    t.timer = undefined;
    armed.delete(t);
  }

  function fire(t: Tracked) {
    disarm(t);
    if (t.disposed || t.seen === t.versioned) return;
    const next = plan(t);
    if (Date.now() < next.at) return arm(t);
    void attempt(t, next.minGapMs);
  }

  /**
   * One attempt, covering the changes seen so far (changes arriving meanwhile are pending for
   * the next). Refused as too soon, or failed, those changes are pending again.
   */
  function attempt(t: Tracked, minGapMs: number): Promise<void> {
    const before = { versioned: t.versioned, firstPendingAt: t.firstPendingAt, covered: t.seen };
    t.versioned = t.seen;
    let outcome: Promise<AutoVersionOutcome>;
    try {
      outcome = take(t.name, t.doc, minGapMs);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    const running = outcome
      .then((result) => {
        if (result.status === 'taken') t.lastVersionAt = result.at.getTime();
        if (result.status === 'taken' || result.status === 'unchanged' || result.status === 'gone') return;
        t.lastVersionAt = Math.max(t.lastVersionAt, result.lastAt.getTime());
        restore(t, before);
      })
      .catch((error: unknown) => {
        log.warn({ err: error, documentName: t.name }, 'collab: automatic version failed');
        t.notBefore = Date.now() + Math.min(RETRY_AFTER_FAILURE_MS, idleMs);
        restore(t, before);
      })
      .finally(() => {
        t.running = undefined;
        arm(t);
      });
    t.running = running;
    return running;
  }

  /** Puts back as pending the changes an attempt covered (pending since the first of them). */
  function restore(t: Tracked, before: { versioned: number; firstPendingAt: number; covered: number }) {
    if (before.versioned === before.covered) return;
    t.versioned = before.versioned;
    t.firstPendingAt = before.firstPendingAt;
  }

  async function versionNow(doc: Y.Doc, evenWithoutChanges: boolean): Promise<void> {
    const t = tracked.get(doc);
    if (!t) return;
    // An attempt under way finishes first (it may re-arm the timer, cleared after it).
    while (t.running) await t.running;
    disarm(t);
    if (t.disposed || (t.seen === t.versioned && !evenWithoutChanges)) return;
    await attempt(t, 0);
  }

  return {
    /** Starts following a document loaded in memory; it is forgotten when it is destroyed. */
    track(name: string, doc: Y.Doc): void {
      const t: Tracked = {
        name,
        doc,
        seen: 0,
        versioned: 0,
        firstPendingAt: 0,
        lastChangeAt: 0,
        lastVersionAt: Number.NEGATIVE_INFINITY,
        notBefore: 0,
        timer: undefined,
        running: undefined,
        disposed: false,
      };
      tracked.set(doc, t);
      doc.once('destroy', () => {
        t.disposed = true;
        disarm(t);
        tracked.delete(doc);
      });
    },

    /** A change that counts for automatic versions (one of this process's clients'). */
    changed(doc: Y.Doc): void {
      const t = tracked.get(doc);
      if (!t) return;
      const now = Date.now();
      if (t.seen === t.versioned) t.firstPendingAt = now;
      t.seen += 1;
      t.lastChangeAt = now;
      arm(t);
    },

    /**
     * A version of the changes not yet in one, at once: the document leaves memory (its last
     * connection left, or shutdown). Resolves once decided; failures are logged, never thrown.
     */
    settle(doc: Y.Doc): Promise<void> {
      return versionNow(doc, false);
    },

    /**
     * A version of the content as it is, at once, unless the latest version holds it (even
     * with no change counted here: another process's clients may have written it): a
     * restore is about to replace it.
     */
    keep(doc: Y.Doc): Promise<void> {
      return versionNow(doc, true);
    },

    /** Shutdown: no attempt starts from a timer any more (settle still does). */
    stopTimers(): void {
      stopped = true;
      for (const t of [...armed]) disarm(t);
    },

    /** Timers set, for tests. */
    get timers(): number {
      return armed.size;
    },
  };
}
