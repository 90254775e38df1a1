import type { Question, QuestionStatus, SpaceSummary } from '@atelier/contract';

/**
 * The question list as shown, kept in the server's order: the current question first, then
 * by votes (most first), then the oldest first. Pure functions, so that HTTP answers and live
 * events go through the same merge whatever order they arrive in.
 */

const rank = (status: QuestionStatus) => (status === 'current' ? 0 : 1);

export function sortQuestions(items: readonly Question[]): Question[] {
  return [...items].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      b.votes - a.votes ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Adds or replaces one question, keeping the newest copy: each change on the server raises
 * the question's `revision`, so an answer older than what is shown never undoes a later vote,
 * withdrawal or status. `voted` is the caller's own: live events always say false (they go to
 * everyone), so it comes only from the caller's own answers (`own`) and HTTP lists.
 */
export function upsertQuestion(items: readonly Question[], incoming: Question, own = false): Question[] {
  const known = items.find((item) => item.id === incoming.id);
  const newest = known && known.revision > incoming.revision ? known : incoming;
  const merged: Question = { ...newest, voted: own || !known ? incoming.voted : known.voted };
  // At most one question is current: the server sets the previous one back, and says so in
  // its own event; until it arrives, do not show two.
  const others = items
    .filter((item) => item.id !== incoming.id)
    .map((item) =>
      merged.status === 'current' && item.status === 'current' ? { ...item, status: 'open' as const } : item,
    );
  return sortQuestions([...others, merged]);
}

/** A fresh HTTP list replaces everything, but not a copy newer than the list (a vote answered meanwhile). */
export function replaceQuestions(items: readonly Question[], fresh: readonly Question[]): Question[] {
  const known = new Map(items.map((item) => [item.id, item]));
  return sortQuestions(
    fresh.map((item) => {
      const shown = known.get(item.id);
      return shown && shown.revision > item.revision ? shown : item;
    }),
  );
}

/** The optimistic side of a vote or its withdrawal: shown at once, undone if the server refuses. */
export function markVoted(items: readonly Question[], questionId: string, voted: boolean): Question[] {
  return sortQuestions(
    items.map((item) =>
      item.id === questionId && item.voted !== voted
        ? { ...item, voted, votes: Math.max(0, item.votes + (voted ? 1 : -1)) }
        : item,
    ),
  );
}

/** Questions still to take (open or current) and those already dealt with. */
export function splitQueue(items: readonly Question[]) {
  return {
    current: items.find((item) => item.status === 'current') ?? null,
    waiting: items.filter((item) => item.status === 'open'),
    done: items.filter((item) => item.status === 'answered' || item.status === 'transmitted'),
  };
}

/** A question is one line for the server: line breaks and other control characters become spaces. */
export const oneLine = (text: string) =>
  text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

/** Chantiers first (questions are usually handed to one), then the other spaces, by title. */
export function spaceOptions(spaces: readonly SpaceSummary[]) {
  return [...spaces]
    .filter((space) => space.status === 'active')
    .sort(
      (a, b) => Number(b.kind === 'chantier') - Number(a.kind === 'chantier') || a.title.localeCompare(b.title, 'fr'),
    )
    .map((space) => ({ value: space.id, label: space.title }));
}
