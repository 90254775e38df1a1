import type { SpaceSummary } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { groupByKind } from './spaces.store';

const space = (id: string, kind: SpaceSummary['kind']): SpaceSummary => ({
  id,
  slug: id,
  kind,
  title: id,
  summary: '',
  visibility: 'public',
  joinPolicy: 'open',
  status: 'active',
  memberCount: 0,
});

describe('groupByKind', () => {
  it('puts each space under its kind, in order, with empty groups present', () => {
    const groups = groupByKind([space('a', 'communaute'), space('b', 'chantier'), space('c', 'communaute')]);
    expect(groups.chantier.map((s) => s.id)).toEqual(['b']);
    expect(groups.communaute.map((s) => s.id)).toEqual(['a', 'c']);
    expect(groups.cohorte).toEqual([]);
  });
});
