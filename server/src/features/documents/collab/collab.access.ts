import { COLLAB_CLOSE_CODES, type CollabStateless } from '@atelier/contract';
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import type { Db } from '../../../db/database';
import type { AccessChange } from '../../../plugins/access';
import { type CollabAccess, decideCollabAccess } from '../../../policy/documents.policy';
import type { Actor } from '../../../policy/policy';
import { findSpaceOrAllianceFacts } from '../../spaces/spaces.access';
import type { CollabContext } from './server';

export interface CollabAccessDeps {
  db: Db;
  /** Who holds the session now; null once it was revoked or expired. */
  sessionActor(sessionId: string): Promise<Actor>;
}

/** What the policy says an open connection may do now (a space gone reads as not found). */
export async function decideNow(db: Db, context: CollabContext): Promise<CollabAccess> {
  const facts = await findSpaceOrAllianceFacts(db, context.spaceId ?? null, context.actor);
  return facts ? decideCollabAccess(context.actor, facts.space, facts.membership) : 'not_found';
}

const tell = (connection: Connection, message: CollabStateless) => connection.sendStateless(JSON.stringify(message));

/**
 * Makes an open connection match a decision: a reader's updates are refused by Hocuspocus from
 * the next message on (`readOnly`), and the editor is told so that it stops accepting input;
 * a refusal closes the document's connection with the contract's reason, as at connect time.
 */
export function applyCollabAccess(connection: Connection, access: CollabAccess): void {
  if (access === 'edit' || access === 'read') {
    const readOnly = access === 'read';
    if (connection.readOnly === readOnly) return;
    connection.readOnly = readOnly;
    tell(connection, { type: 'access', access });
    return;
  }
  connection.close({ code: COLLAB_CLOSE_CODES[access], reason: access });
}

function concerns(change: AccessChange, context: CollabContext): boolean {
  if (change.scope === 'space') return context.spaceId === change.spaceId;
  if (context.actor?.id !== change.userId) return false;
  return change.scope === 'user' || context.spaceId === change.spaceId;
}

/**
 * Re-evaluates this process's open `/collab` connections after an access change
 * (`plugins/access.ts`): the same policy as at connect time, asked again with today's facts.
 */
export function createCollabRevocation(hocuspocus: Hocuspocus<CollabContext>, deps: CollabAccessDeps) {
  return async function reevaluate(change: AccessChange): Promise<void> {
    // One decision per person and space for the whole pass (a crowd of anonymous readers).
    const decisions = new Map<string, Promise<CollabAccess>>();
    const decide = (context: CollabContext) => {
      const key = `${context.actor?.id ?? ''}:${context.actor?.role ?? ''}|${context.spaceId ?? ''}`;
      let decision = decisions.get(key);
      if (!decision) {
        decision = decideNow(deps.db, context);
        decisions.set(key, decision);
      }
      return decision;
    };
    for (const document of hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        const context = connection.context as CollabContext;
        if (!concerns(change, context)) continue;
        if (change.scope === 'user') {
          const actor = context.sessionId ? await deps.sessionActor(context.sessionId) : null;
          if (!actor) {
            applyCollabAccess(connection, 'unauthenticated');
            continue;
          }
          context.actor = actor;
        }
        applyCollabAccess(connection, await decide(context));
      }
    }
  };
}
