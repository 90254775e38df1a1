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
 * Adds or replaces one question. Live events always say `voted: false` (they go to everyone):
 * the caller's own flag, known from the HTTP list or their vote, is kept. Votes only ever grow
 * (one vote per person, never withdrawn), so an answer older than what is shown never lowers
 * the count.
 */
export function upsertQuestion(items: readonly Question[], incoming: Question): Question[] {
  const known = items.find((item) => item.id === incoming.id);
  const merged: Question = known
    ? { ...incoming, voted: known.voted || incoming.voted, votes: Math.max(known.votes, incoming.votes) }
    : incoming;
  // At most one question is current: the server sets the previous one back, and says so in
  // its own event; until it arrives, do not show two.
  const others = items
    .filter((item) => item.id !== incoming.id)
    .map((item) =>
      merged.status === 'current' && item.status === 'current' ? { ...item, status: 'open' as const } : item,
    );
  return sortQuestions([...others, merged]);
}

/** A fresh HTTP list replaces everything but keeps a vote made meanwhile. */
export function replaceQuestions(items: readonly Question[], fresh: readonly Question[]): Question[] {
  const votedHere = new Set(items.filter((item) => item.voted).map((item) => item.id));
  return sortQuestions(fresh.map((item) => (votedHere.has(item.id) ? { ...item, voted: true } : item)));
}

/** The optimistic side of a vote: counted and marked at once, undone if the server refuses. */
export function markVoted(items: readonly Question[], questionId: string): Question[] {
  return sortQuestions(
    items.map((item) =>
      item.id === questionId && !item.voted ? { ...item, voted: true, votes: item.votes + 1 } : item,
    ),
  );
}

export function unmarkVoted(items: readonly Question[], questionId: string): Question[] {
  return sortQuestions(
    items.map((item) =>
      item.id === questionId && item.voted ? { ...item, voted: false, votes: Math.max(0, item.votes - 1) } : item,
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
