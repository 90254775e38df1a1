import { COLLAB_FIELD, COLLAB_PATH } from '@atelier/contract';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Session } from './http';
import type { RunningServer } from './server';
import { waitUntil } from './wait';

/**
 * A Hocuspocus provider on `server` for the document, carrying the person's session cookie as
 * a browser would. Records the server's close reason and stateless messages.
 */
export function openDocument(server: RunningServer, documentId: string, session: Session | null) {
  const headers: Record<string, string> = { origin: server.url };
  if (session) headers.cookie = session.cookie;
  const socket = new HocuspocusProviderWebsocket({
    url: `${server.url.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers });
        this.on('error', () => undefined);
      }
    },
  });
  const doc = new Y.Doc();
  let closedReason: string | null = null;
  const stateless: unknown[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentId,
    document: doc,
    token: 'unused',
    onClose: ({ event }) => {
      closedReason = event.reason;
    },
    onStateless: ({ payload }) => void stateless.push(JSON.parse(payload)),
  });
  provider.attach();
  return {
    doc,
    provider,
    stateless,
    closedReason: () => closedReason,
    settled: () => waitUntil('provider synced', () => provider.isSynced && !provider.hasUnsyncedChanges),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Appends a paragraph with `text`, as an editor would. */
export function writeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/** The paragraphs' texts, sorted. */
export const paragraphTexts = (doc: Y.Doc) =>
  doc
    .getXmlFragment(COLLAB_FIELD)
    .toArray()
    .map((node) => (node as Y.XmlElement).toArray().join(''))
    .sort();
