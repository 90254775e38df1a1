import type { Membership, SpaceSummary } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { joinAll, joinableChantiers, stepFrom } from './onboarding.store';

const space = (id: string, overrides: Partial<SpaceSummary> = {}): SpaceSummary => ({
  id,
  slug: id,
  kind: 'chantier',
  title: id,
  summary: '',
  visibility: 'public',
  joinPolicy: 'open',
  status: 'active',
  memberCount: 0,
  ...overrides,
});

describe('onboarding', () => {
  it('reads the step from the address, the first one by default', () => {
    expect(stepFrom('2')).toBe(2);
    expect(stepFrom('3')).toBe(3);
    expect(stepFrom('4')).toBe(1);
    expect(stepFrom(undefined)).toBe(1);
  });

  it('offers the open, active chantiers not joined yet', () => {
    const spaces = [
      space('a'),
      space('b', { joinPolicy: 'request' }),
      space('c', { status: 'archived' }),
      space('d', { kind: 'communaute' }),
      space('e'),
    ];
    expect(joinableChantiers(spaces, new Set(['e'])).map((s) => s.id)).toEqual(['a']);
  });

  it('joins each space and reports every outcome: one failure hides none of the others', async () => {
    const outcomes = await joinAll([space('ok'), space('asked'), space('down')], async (slug): Promise<Membership> => {
      if (slug === 'down') throw new ApiError('network_error', 0, 'down');
      return { status: slug === 'asked' ? 'pending' : 'active', role: 'membre' };
    });
    expect(outcomes.map((o) => [o.space.id, o.membership?.status ?? 'failed'])).toEqual([
      ['ok', 'active'],
      ['asked', 'pending'],
      ['down', 'failed'],
    ]);
  });
});
