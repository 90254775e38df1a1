import { type RealtimeEventData, rooms } from '@atelier/contract';
import type { Db } from '../../db/database';
import type { Publish } from '../../plugins/realtime/types';
import { canReadComments } from '../../policy/documents.policy';
import type { Actor } from '../../policy/policy';
import type { RoomDecision } from '../../policy/rooms';
import { findDocumentContext } from './documents.access';

/**
 * Who may read the live room `document:<id>` (its comments): whoever may read the document
 * over HTTP. The room's space is the document's, so that a member who leaves, or a space
 * turning private, takes the sockets out of it like out of the space's threads.
 */
export async function canReadDocumentRoom(db: Db, actor: Actor, documentId: string): Promise<RoomDecision> {
  const context = await findDocumentContext(db, documentId, actor);
  if (!context) return { readable: false, spaceId: null };
  return {
    readable: context.known && canReadComments(actor, context.facts, context.membership),
    spaceId: context.document.space_id,
  };
}

type CommentEvent = 'comment.created' | 'comment.resolved' | 'comment.reopened' | 'comment.deleted';

/** Announces a change of a document's comments to its room, in the caller's transaction. */
export const announceComments = <T extends CommentEvent>(
  publish: Publish,
  documentId: string,
  type: T,
  data: RealtimeEventData<T>,
) => publish(rooms.document(documentId), type, data);
