import { COLLAB_FIELD, COLLAB_PATH } from '@atelier/contract';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Session } from './http';

/** Polls `probe` every 20 ms until it holds; fails with `what` after `timeoutMs`. */
export async function until(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Synced, and every change acknowledged by the server (what the editor shows as saved). */
  settled(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** A Hocuspocus provider on `/collab` of `baseUrl` for the document, with the person's cookie. */
export function openCollab(baseUrl: string, documentId: string, session: Session): CollabClient {
  const headers = { cookie: session.cookie, origin: baseUrl };
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers });
        this.on('error', () => undefined);
      }
    },
  });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentId,
    document: doc,
    token: 'unused',
  });
  provider.attach();
  return {
    doc,
    provider,
    settled: (timeoutMs) =>
      until('every change acknowledged', () => provider.isSynced && !provider.hasUnsyncedChanges, timeoutMs),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Appends a paragraph, as TipTap would. */
export function writeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/** The paragraphs' texts. */
export const paragraphTexts = (doc: Y.Doc) =>
  doc
    .getXmlFragment(COLLAB_FIELD)
    .toArray()
    .map((node) => (node as Y.XmlElement).toArray().join(''));

/**
 * Types a long text one change at a time: `changes` changes of `charsPerChange` characters,
 * a new paragraph every 40, yielding to the event loop every 50 changes so that they leave
 * in many websocket messages, as from a person typing.
 */
export async function typeLongText(doc: Y.Doc, changes: number, charsPerChange: number): Promise<void> {
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  const words = 'la transition écologique des territoires se construit ensemble ';
  const chunk = words.repeat(Math.ceil(charsPerChange / words.length)).slice(0, charsPerChange);
  for (let i = 0; i < changes; i++) {
    doc.transact(() => {
      if (i % 40 === 0) writeParagraph(doc, '');
      const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, chunk);
    });
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
}
