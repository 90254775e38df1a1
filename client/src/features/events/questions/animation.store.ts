import type { Event } from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { questionsApi } from './questions.api';

/**
 * The spaces a question can be handed to, or a follow-up thread opened in: read the first time
 * a dialog asks for them (`want`), again after a failure.
 */
export function createSpaceChoices() {
  const [wanted, setWanted] = createSignal(false);
  const [spaces, { refetch }] = createResource(wanted, () => questionsApi.spaces());
  return {
    spaces,
    want: () => {
      if (spaces.error) void refetch();
      else setWanted(true);
    },
  };
}

/** The compte rendu and the follow-up thread of one event: each returns the event as changed. */
export const eventReport = {
  publish: (eventId: string) => questionsApi.publishReport(eventId),
  openFollowUp: (eventId: string, body: { title: string; body: string; spaceId?: string }) =>
    questionsApi.openFollowUp(eventId, body),
  /** The space (slug) of an event's follow-up thread, to link to it. */
  followUpSlug: async (event: Pick<Event, 'space'>, threadId: string) => {
    const thread = await questionsApi.thread(threadId);
    if (thread.spaceId === event.space?.id) return event.space.slug;
    return (await questionsApi.spaces()).find((space) => space.id === thread.spaceId)?.slug ?? null;
  },
};
