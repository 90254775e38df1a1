import type { Question } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { reportPath, threadPath } from './links';
import {
  markVoted,
  oneLine,
  replaceQuestions,
  sortQuestions,
  spaceOptions,
  splitQueue,
  upsertQuestion,
} from './questions-state';

const question = (id: string, overrides: Partial<Question> = {}): Question => ({
  id,
  eventId: 'e1',
  body: `Question ${id}`,
  author: { id: 'u1', displayName: 'Alice' },
  votes: 0,
  voted: false,
  revision: 0,
  status: 'open',
  transmittedTo: null,
  createdAt: '2026-12-01T11:00:00.000Z',
  ...overrides,
});
const ids = (items: Question[]) => items.map((item) => item.id);

describe('the order of questions', () => {
  it('puts the current question first, then the most supported, then the oldest', () => {
    const items = sortQuestions([
      question('old', { votes: 2, createdAt: '2026-12-01T10:00:00.000Z' }),
      question('new', { votes: 2, createdAt: '2026-12-01T10:05:00.000Z' }),
      question('top', { votes: 5 }),
      question('now', { status: 'current' }),
    ]);
    expect(ids(items)).toEqual(['now', 'top', 'old', 'new']);
  });
});

describe('live events and HTTP answers', () => {
  it('adds a new question once, whichever way it arrives first', () => {
    const once = upsertQuestion([], question('q1'));
    expect(ids(upsertQuestion(once, question('q1')))).toEqual(['q1']);
  });

  it("keeps the caller's own vote when a live event says voted: false", () => {
    const mine = [question('q1', { votes: 1, voted: true, revision: 1 })];
    const live = upsertQuestion(mine, question('q1', { votes: 2, voted: false, revision: 2 }));
    expect(live[0]).toMatchObject({ votes: 2, voted: true });
  });

  it('keeps the newest copy whatever order copies arrive in, counts going down as well as up', () => {
    const shown = [question('q1', { votes: 4, revision: 5 })];
    expect(upsertQuestion(shown, question('q1', { votes: 3, revision: 4 }))[0]?.votes).toBe(4);
    expect(upsertQuestion(shown, question('q1', { votes: 3, revision: 6 }))[0]?.votes).toBe(3);
  });

  it("takes the caller's own answer for their vote, even when a newer copy is shown", () => {
    const shown = [question('q1', { votes: 2, voted: false, revision: 7 })];
    const answered = upsertQuestion(shown, question('q1', { votes: 1, voted: true, revision: 6 }), true);
    expect(answered[0]).toMatchObject({ votes: 2, voted: true, revision: 7 });
  });

  it('takes the new status and moves the question up when it becomes current', () => {
    const shown = [question('a', { votes: 3 }), question('b')];
    const next = upsertQuestion(shown, question('b', { status: 'current' }));
    expect(ids(next)).toEqual(['b', 'a']);
    expect(next[0]?.status).toBe('current');
  });

  it('never shows two current questions while the previous one is being set back', () => {
    const shown = [question('a', { status: 'current' }), question('b')];
    const next = upsertQuestion(shown, question('b', { status: 'current' }));
    expect(next.filter((item) => item.status === 'current').map((item) => item.id)).toEqual(['b']);
    expect(next.find((item) => item.id === 'a')?.status).toBe('open');
  });

  it('keeps a vote answered while the list was being read again', () => {
    const shown = [question('q1', { votes: 1, voted: true, revision: 3 })];
    const fresh = replaceQuestions(shown, [question('q1', { votes: 0, revision: 2 }), question('q2')]);
    expect(fresh.find((item) => item.id === 'q1')).toMatchObject({ voted: true, votes: 1 });
    expect(fresh.find((item) => item.id === 'q2')?.voted).toBe(false);
    const newer = replaceQuestions(shown, [question('q1', { votes: 0, voted: false, revision: 4 })]);
    expect(newer[0]).toMatchObject({ voted: false, votes: 0 });
  });
});

describe('voting', () => {
  it('counts and marks at once, and undoes both when the server refuses', () => {
    const shown = [question('q1', { votes: 2 })];
    const voted = markVoted(shown, 'q1', true);
    expect(voted[0]).toMatchObject({ votes: 3, voted: true });
    expect(markVoted(voted, 'q1', true)[0]?.votes).toBe(3);
    expect(markVoted(voted, 'q1', false)[0]).toMatchObject({ votes: 2, voted: false });
    expect(markVoted(shown, 'q1', false)[0]).toMatchObject({ votes: 2, voted: false });
  });
});

describe('the queue', () => {
  it('separates the current question, those waiting and those dealt with', () => {
    const space = { id: 's1', slug: 'mobilite', name: 'Mobilité', threadId: 't1' };
    const queue = splitQueue(
      sortQuestions([
        question('w1', { votes: 1 }),
        question('c', { status: 'current' }),
        question('a', { status: 'answered' }),
        question('t', { status: 'transmitted', transmittedTo: space }),
        question('w2'),
      ]),
    );
    expect(queue.current?.id).toBe('c');
    expect(ids(queue.waiting)).toEqual(['w1', 'w2']);
    expect(ids(queue.done).sort()).toEqual(['a', 't']);
  });
});

describe('helpers', () => {
  it('turns the textarea into the one line the server accepts', () => {
    expect(oneLine('  Une question\nsur deux lignes\t?  ')).toBe('Une question sur deux lignes ?');
    expect(oneLine('\n\n')).toBe('');
  });

  it('links the compte rendu and the follow-up thread', () => {
    const space = { id: 's1', slug: 'mise-en-recits', name: 'Mise en récits' };
    expect(reportPath({ space }, 'd1')).toBe('/espaces/mise-en-recits/documents/d1');
    expect(threadPath('mise-en-recits', 't1')).toBe('/espaces/mise-en-recits/fils/t1');
  });

  it('offers active spaces, chantiers first', () => {
    const base = { summary: '', visibility: 'public', joinPolicy: 'open', memberCount: 1 } as const;
    const options = spaceOptions([
      { ...base, id: '1', slug: 'b', title: 'Communauté B', kind: 'communaute', status: 'active' },
      { ...base, id: '2', slug: 'z', title: 'Chantier Z', kind: 'chantier', status: 'active' },
      { ...base, id: '3', slug: 'old', title: 'Ancien', kind: 'chantier', status: 'archived' },
      { ...base, id: '4', slug: 'a', title: 'Chantier A', kind: 'chantier', status: 'active' },
    ]);
    expect(options.map((option) => option.label)).toEqual(['Chantier A', 'Chantier Z', 'Communauté B']);
  });
});
