import type { SpaceDetail } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { createBody, draftFromSpace, emptyDraft, lines, spaceChanges } from './space-draft';

const space: SpaceDetail = {
  id: 's1',
  slug: 'mise-en-recits',
  kind: 'communaute',
  title: 'Mise en récits',
  summary: 'Raconter la transition.',
  visibility: 'public',
  joinPolicy: 'open',
  status: 'active',
  memberCount: 3,
  description: 'Premier paragraphe.\n\nSecond.',
  goals: ['Partager', 'Apprendre'],
  period: null,
  partners: ['Futuribles'],
  audience: null,
  guestRegistration: false,
  projects: [],
  animateurs: [],
};

describe('space drafts', () => {
  it('round-trips a space without any change', () => {
    expect(spaceChanges(space, draftFromSpace(space))).toEqual({});
  });

  it('sends only the fields that changed, lists read one item per line', () => {
    const draft = {
      ...draftFromSpace(space),
      title: '  Mise en récits  ',
      goals: 'Partager\n\n  Apprendre ensemble \n',
      period: '2026',
      joinPolicy: 'request' as const,
    };
    expect(spaceChanges(space, draft)).toEqual({
      goals: ['Partager', 'Apprendre ensemble'],
      period: '2026',
      joinPolicy: 'request',
    });
  });

  it('clears optional texts with null', () => {
    const withPeriod = { ...space, period: '2024-2025', audience: 'Élu·es' };
    expect(spaceChanges(withPeriod, { ...draftFromSpace(withPeriod), period: ' ', audience: '' })).toEqual({
      period: null,
      audience: null,
    });
  });

  it('builds a creation body, leaving the slug to the server when empty', () => {
    const body = createBody({ ...emptyDraft(), kind: 'cohorte', title: ' Cohorte 2027 ', partners: 'Cerdd\nAdeme' });
    expect(body).toMatchObject({ kind: 'cohorte', title: 'Cohorte 2027', partners: ['Cerdd', 'Ademe'], period: null });
    expect(body).not.toHaveProperty('slug');
    expect(createBody({ ...emptyDraft(), title: 'X', slug: 'x-2027' }).slug).toBe('x-2027');
  });

  it('ignores blank lines', () => {
    expect(lines('\n a \n\n b\n')).toEqual(['a', 'b']);
  });
});
