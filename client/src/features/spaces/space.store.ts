import {
  ApproveResponseSchema,
  BulkInvitationResultSchema,
  InvitationResponseSchema,
  type JoinRequest,
  JoinRequestListSchema,
  JoinResponseSchema,
  type Member,
  MemberListSchema,
  MemberResponseSchema,
  type Membership,
  type MembershipRole,
  OpenInvitationListSchema,
  type SpaceCreateBody,
  type SpaceResponse,
  SpaceResponseSchema,
  type SpaceUpdateBody,
} from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { api, request } from '../../lib/api';
import { session } from '../accounts/session.store';
import { countAfter, expectedMembership } from './membership-state';

/**
 * One space page: the space as the server describes it to this person, and every action on
 * it. Joining and leaving show their result at once and roll back if the server refuses;
 * after any change the page reads the space again, because the permissions depend on it.
 */

const spacePath = (slug: string) => `/api/spaces/${encodeURIComponent(slug)}`;
const userPath = (slug: string, part: 'members' | 'requests', userId: string) =>
  `${spacePath(slug)}/${part}/${encodeURIComponent(userId)}`;
const withSuccessor = (path: string, successorId?: string) =>
  successorId ? `${path}?successorId=${encodeURIComponent(successorId)}` : path;

/** Plain calls, shared with pages that act on spaces without showing one (onboarding). */
export const spaceApi = {
  get: (slug: string) => api.get(spacePath(slug), SpaceResponseSchema),
  join: async (slug: string) => (await api.post(`${spacePath(slug)}/join`, undefined, JoinResponseSchema)).membership,
  leave: (slug: string, successorId?: string) =>
    api.delete(withSuccessor(`${spacePath(slug)}/membership`, successorId)),
  create: (body: SpaceCreateBody) => api.post('/api/spaces', body, SpaceResponseSchema),
};

/** Admins open a new space; the answer describes it as its page will. */
export const createSpace = (body: SpaceCreateBody) => spaceApi.create(body);

export function createSpaceStore(slug: () => string) {
  // Keyed on who is signed in too: membership and permissions are the reader's own.
  const [space, { mutate, refetch }] = createResource(
    () => (session.status() === 'loading' ? false : `${slug()} ${session.user()?.id ?? ''}`),
    () => spaceApi.get(slug()),
  );

  /** Reads the space again without going back to the loading state (focus stays put). */
  const refresh = async () => {
    const fresh = await spaceApi.get(slug());
    mutate(fresh);
    return fresh;
  };

  const setMembership = (membership: Membership | null) =>
    mutate((current) =>
      current
        ? {
            ...current,
            membership,
            space: {
              ...current.space,
              memberCount: countAfter(current.space.memberCount, current.membership, membership),
            },
          }
        : current,
    );

  /** Shows `next` at once; puts the previous state back if `action` fails. */
  async function optimistic<T>(next: Membership | null, action: () => Promise<T>): Promise<T> {
    const before = space();
    setMembership(next);
    try {
      const result = await action();
      await refresh().catch(() => undefined);
      return result;
    } catch (error) {
      if (before) mutate(before);
      throw error;
    }
  }

  const current = () => {
    const value = space();
    if (!value) throw new Error('the space is not loaded');
    return value;
  };

  return {
    space,
    refresh,
    /** Starts over after a failed first load. */
    reload: () => refetch(),

    /** Active at once (open space, admin) or pending (on request). */
    join: () => {
      const value = current();
      const expected = expectedMembership(value.space.joinPolicy, session.user()?.role === 'admin');
      return optimistic(expected, async () => {
        const membership = await spaceApi.join(slug());
        setMembership(membership);
        return membership;
      });
    },

    /** Leave, or withdraw a pending request; the last animateur·ice names a successor. */
    leave: (successorId?: string) => optimistic(null, () => spaceApi.leave(slug(), successorId)),

    update: async (changes: SpaceUpdateBody): Promise<SpaceResponse> => {
      const updated = await api.patch(spacePath(slug()), changes, SpaceResponseSchema);
      mutate(updated);
      return updated;
    },

    invite: async (email: string, role: MembershipRole) =>
      (await api.post(`${spacePath(slug())}/invitations`, { email, role }, InvitationResponseSchema)).invitation,

    openInvitations: async () => (await api.get(`${spacePath(slug())}/invitations`, OpenInvitationListSchema)).items,
    remindInvitation: (id: string) => api.post(`${spacePath(slug())}/invitations/${id}/remind`),
    cancelInvitation: (id: string) => api.delete(`${spacePath(slug())}/invitations/${id}`),

    /** A cohort's CSV: checked only (`dryRun`), or sent. */
    inviteFromCsv: (csv: string, dryRun: boolean) =>
      request(`${spacePath(slug())}/invitations/bulk${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        body: new Blob([csv], { type: 'text/csv' }),
        schema: BulkInvitationResultSchema,
      }),
  };
}
export type SpaceStore = ReturnType<typeof createSpaceStore>;

interface PagedState<T> {
  items: T[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
}

/** A paginated list read page by page ("Afficher plus"); `reload` starts again from the top. */
function createPagedList<T>(load: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const [state, setState] = createStore<PagedState<T>>({ items: [], nextCursor: null, status: 'idle' });
  let generation = 0;

  const fetchPage = async (cursor: string | null) => {
    const started = ++generation;
    setState('status', 'loading');
    try {
      const page = await load(cursor);
      if (started !== generation) return;
      setState((previous) => ({
        items: cursor ? [...previous.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        status: 'ready',
      }));
    } catch (error) {
      if (started === generation) setState('status', 'error');
      throw error;
    }
  };

  return {
    state,
    setState,
    reload: () => fetchPage(null),
    more: () => (state.nextCursor ? fetchPage(state.nextCursor) : Promise.resolve()),
  };
}

/** The Members tab: active members, animateur·ices first; role changes and removals. */
export function createMembersStore(slug: () => string) {
  const list = createPagedList<Member>(async (cursor) => {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    return api.get(`${spacePath(slug())}/members${query}`, MemberListSchema);
  });

  return {
    state: list.state,
    reload: list.reload,
    more: list.more,

    changeRole: async (userId: string, role: MembershipRole) => {
      const { member } = await api.patch(userPath(slug(), 'members', userId), { role }, MemberResponseSchema);
      list.setState(
        'items',
        (item) => item.user.id === userId,
        () => member,
      );
      return member;
    },

    remove: async (userId: string, successorId?: string) => {
      await api.delete(withSuccessor(userPath(slug(), 'members', userId), successorId));
      list.setState(
        produce((state) => {
          state.items = state.items.filter((item) => item.user.id !== userId);
          if (successorId) {
            const successor = state.items.find((item) => item.user.id === successorId);
            if (successor) successor.role = 'animateur';
          }
        }),
      );
    },

    /** An approved request appears in the list without reading it again. */
    add: (member: Member) =>
      list.setState('items', (items) =>
        items.some((item) => item.user.id === member.user.id) ? items : [...items, member],
      ),
  };
}
export type MembersStore = ReturnType<typeof createMembersStore>;

/** Pending requests (animateur·ices and admins): approve or decline, oldest first. */
export function createRequestsStore(slug: () => string) {
  const list = createPagedList<JoinRequest>(async (cursor) => {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    return api.get(`${spacePath(slug())}/requests${query}`, JoinRequestListSchema);
  });
  const [deciding, setDeciding] = createSignal<string | null>(null);

  const drop = (userId: string) => list.setState('items', (items) => items.filter((item) => item.user.id !== userId));

  const decide = async <T>(userId: string, call: () => Promise<T>) => {
    setDeciding(userId);
    try {
      const result = await call();
      drop(userId);
      return result;
    } finally {
      setDeciding(null);
    }
  };

  return {
    state: list.state,
    reload: list.reload,
    more: list.more,
    deciding,
    approve: (userId: string) =>
      decide(userId, async () => {
        const { member } = await api.post(
          `${userPath(slug(), 'requests', userId)}/approve`,
          undefined,
          ApproveResponseSchema,
        );
        return member;
      }),
    decline: (userId: string) => decide(userId, () => api.post(`${userPath(slug(), 'requests', userId)}/decline`)),
  };
}
export type RequestsStore = ReturnType<typeof createRequestsStore>;
