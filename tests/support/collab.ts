import { COLLAB_FIELD, COLLAB_PATH } from '@atelier/contract';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Session } from './http';

export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Stateless messages the server sent, parsed. */
  stateless: unknown[];
  /** The reason the server closed the document's connection with, once it did. */
  closedReason(): string | null;
  /** Synced, and every change acknowledged by the server (what the editor shows as saved). */
  settled(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/**
 * A Hocuspocus provider on `/collab` of `baseUrl` for the document, carrying the person's
 * session cookie as a browser would (null: anonymous).
 */
export function openCollab(baseUrl: string, documentId: string, session: Session | null): CollabClient {
  const headers: Record<string, string> = { origin: baseUrl };
  if (session) headers.cookie = session.cookie;
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
    // The benchmarks use this too, outside vitest: a plain wait rather than `expect.poll`.
    settled: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!provider.isSynced || provider.hasUnsyncedChanges) {
        if (Date.now() > deadline) throw new Error(`not every change acknowledged after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Appends a paragraph with `text`, as TipTap would. */
export function writeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/** The paragraphs' texts, in order. */
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
