import { SpaceListSchema, type SpaceSummary } from '@atelier/contract';
import { createResource } from 'solid-js';
import { api } from '../../lib/api';
import { session } from '../accounts/session.store';

export type SpaceKind = SpaceSummary['kind'];
export const SPACE_KINDS: SpaceKind[] = ['chantier', 'communaute', 'cohorte'];

/** Groups spaces by kind, keeping the server's order inside each group. */
export function groupByKind(spaces: SpaceSummary[]): Record<SpaceKind, SpaceSummary[]> {
  const groups: Record<SpaceKind, SpaceSummary[]> = { chantier: [], communaute: [], cohorte: [] };
  for (const space of spaces) groups[space.kind]?.push(space);
  return groups;
}

/**
 * The spaces this person may see. Private spaces appear only to their members, so the list is
 * fetched again whenever someone signs in or out (not after the start-up probe: see viewerKey).
 */
export function createSpaceList() {
  const [spaces, { refetch }] = createResource(
    session.viewerKey,
    async () => (await api.get('/api/spaces', SpaceListSchema)).items,
  );
  return { spaces, refetch };
}
