import { COLLAB_FIELD, type CommentThread } from '@atelier/contract';
import * as Y from 'yjs';
import type { TestContext } from '../app';
import { request } from '../http';
import type { TestPerson } from './people';

/** Creates a document in a space through the API and returns its id. */
export async function createDocument(ctx: TestContext, person: TestPerson, slug: string, title = 'Notes de séance') {
  const response = await request(ctx, person, 'POST', `/api/spaces/${slug}/documents`, { title });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { document: { id: string } }).document.id;
}

/**
 * An anchor as an editor makes it: two Yjs relative positions in the document's fragment
 * (here at offsets of a fresh fragment: any client would accept them) and the quoted text.
 */
export function sampleAnchor(quote = 'un passage') {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  fragment.insert(0, [new Y.XmlText(quote)]);
  const at = (index: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(fragment, index))).toString('base64');
  return { start: at(0), end: at(1), quote };
}

/** Starts a comment thread through the API and returns it. */
export async function createCommentThread(
  ctx: TestContext,
  person: TestPerson,
  documentId: string,
  body = 'Pouvons-nous préciser ce point ?',
) {
  const response = await request(ctx, person, 'POST', `/api/documents/${documentId}/comments`, {
    body,
    anchor: sampleAnchor(),
  });
  if (response.statusCode !== 201) throw new Error(`comment failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { thread: CommentThread }).thread;
}
