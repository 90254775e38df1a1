import { type Membership, type MySpace, MySpacesSchema } from '@atelier/contract';
import { createResource } from 'solid-js';
import { api } from '../../lib/api';
import { session } from '../accounts/session.store';

/** "Mes espaces": the spaces the signed-in person belongs to, and their pending requests. */
export function createMySpaces() {
  const [mySpaces, { refetch }] = createResource(
    () => (session.status() === 'signedIn' ? (session.user()?.id ?? false) : false),
    async () => (await api.get('/api/me/spaces', MySpacesSchema)).items,
  );
  return { mySpaces, refetch };
}

/** The person's membership of each space, by space id, for the cards of the spaces page. */
export function membershipsById(items: MySpace[] | undefined): Map<string, Membership> {
  return new Map((items ?? []).map((item) => [item.space.id, item.membership]));
}

/** Active memberships first (animateur·ices, then membres), pending requests last. */
export function splitMySpaces(items: MySpace[]) {
  return {
    active: items.filter((item) => item.membership.status === 'active'),
    pending: items.filter((item) => item.membership.status === 'pending'),
  };
}
