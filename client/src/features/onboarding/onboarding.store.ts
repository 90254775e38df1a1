import type { Membership, SpaceSummary } from '@atelier/contract';
import { spaceApi } from '../spaces/space.store';

/** The community every newcomer is invited to join on the second step. */
export const MISE_EN_RECITS = 'mise-en-recits';

export const STEPS = [1, 2, 3] as const;
export type Step = (typeof STEPS)[number];

/** `?etape=2` → 2; anything else is the first step. */
export function stepFrom(value: unknown): Step {
  const step = Number(value);
  return step === 2 || step === 3 ? step : 1;
}

/** Chantiers one may join with a single click: open, not archived, not joined yet. */
export function joinableChantiers(spaces: SpaceSummary[], joined: Set<string>): SpaceSummary[] {
  return spaces.filter(
    (space) =>
      space.kind === 'chantier' && space.joinPolicy === 'open' && space.status === 'active' && !joined.has(space.id),
  );
}

export interface JoinOutcome {
  space: SpaceSummary;
  membership?: Membership;
  error?: unknown;
}

/**
 * Joins each chosen space, one after the other, and reports each outcome: one refusal must
 * not hide that the others worked. A space one already belongs to answers its membership.
 */
export async function joinAll(spaces: SpaceSummary[], join = spaceApi.join): Promise<JoinOutcome[]> {
  const outcomes: JoinOutcome[] = [];
  for (const space of spaces) {
    try {
      outcomes.push({ space, membership: await join(space.slug) });
    } catch (error) {
      outcomes.push({ space, error });
    }
  }
  return outcomes;
}
