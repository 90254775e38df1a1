import { COLLAB_FIELD } from '@atelier/contract';
import * as Y from 'yjs';
import type { Db } from '../../db/database';
import { docFromState, plainTextOf } from './documents.content';
import {
  findLastAutoVersionAt,
  findLatestVersionText,
  findVersionState,
  insertVersion,
  moveLastAutoVersionAt,
} from './versions.queries';

/** What became of a request for an automatic version. */
export type AutoVersionOutcome =
  | { status: 'taken'; at: Date }
  /** The latest version (of any kind) already holds this content, or there is none and nothing is written yet. */
  | { status: 'unchanged' }
  /** Another automatic version (another process's) was taken less than `minGapMs` ago, at `lastAt`. */
  | { status: 'too_soon'; lastAt: Date }
  /** The document no longer exists. */
  | { status: 'gone' };

/** Thrown inside the transaction to roll its version back when another process claimed first. */
class ClaimLost extends Error {}

/** Attempts before giving up on a claim that other processes keep winning (a final version). */
const CLAIM_ATTEMPTS = 3;

/** The content with its structure and formatting (TipTap nodes and marks), in a stable form. */
const markupOf = (doc: Y.Doc) => doc.getXmlFragment(COLLAB_FIELD).toString();

/**
 * Takes an automatic version of `doc` unless the latest version already holds the same
 * content (same text, same structure and formatting) or another automatic version was taken
 * less than `minGapMs` ago (0: no such limit, for a document leaving memory).
 *
 * The content is read synchronously, before anything is awaited: the version is the document
 * at the moment of the call, whatever changes arrive meanwhile (the caller counts on it).
 *
 * Several processes may hold the same document (Redis): the claim is a compare-and-set of
 * `documents.last_auto_version_at` committed with the version, as the transaction's last
 * statement so that the document row (which appends of changes lock too) is held only for
 * the commit. Of two processes deciding at once, the second's UPDATE finds the value moved,
 * its version is rolled back, and it decides again on what the first committed — usually
 * "unchanged" or "too soon".
 */
export async function takeAutoVersion(
  db: Db,
  input: { documentId: string; doc: Y.Doc; minGapMs: number; now?: Date },
): Promise<AutoVersionOutcome> {
  const at = input.now ?? new Date();
  const plainText = plainTextOf(input.doc);
  const markup = markupOf(input.doc);
  const state = Y.encodeStateAsUpdate(input.doc);
  const { documentId } = input;

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx): Promise<AutoVersionOutcome> => {
        const lastAt = await findLastAutoVersionAt(trx, documentId);
        if (lastAt === undefined) return { status: 'gone' };
        if (lastAt && input.minGapMs > 0 && at.getTime() - lastAt.getTime() < input.minGapMs) {
          return { status: 'too_soon', lastAt };
        }
        const latest = await findLatestVersionText(trx, documentId);
        if (!latest) {
          // A document nobody wrote in yet has nothing worth a first version.
          if (plainText === '') return { status: 'unchanged' };
        } else if (latest.plain_text === plainText) {
          const previous = docFromState((await findVersionState(trx, latest.id)) ?? null);
          const same = markupOf(previous) === markup;
          previous.destroy();
          if (same) return { status: 'unchanged' };
        }
        await insertVersion(trx, { documentId, kind: 'auto', name: null, state, plainText, createdBy: null });
        if (!(await moveLastAutoVersionAt(trx, documentId, lastAt, at))) throw new ClaimLost();
        return { status: 'taken', at };
      });
    } catch (error) {
      if (!(error instanceof ClaimLost)) throw error;
      if (attempt >= CLAIM_ATTEMPTS) {
        const lastAt = await findLastAutoVersionAt(db, documentId);
        return lastAt ? { status: 'too_soon', lastAt } : { status: 'gone' };
      }
    }
  }
}
