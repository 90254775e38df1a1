import type { Event } from '@atelier/contract';

const id = encodeURIComponent;

/**
 * The compte rendu's page: a document of the event's space, or for an alliance-wide event a
 * document of the whole alliance (no space slug to put in the path).
 */
export function reportPath(event: Pick<Event, 'space'>, documentId: string): string {
  return event.space ? `/espaces/${id(event.space.slug)}/documents/${id(documentId)}` : `/documents/${id(documentId)}`;
}

export function threadPath(spaceSlug: string, threadId: string): string {
  return `/espaces/${id(spaceSlug)}/fils/${id(threadId)}`;
}
