import { COLLAB_FIELD, COLLAB_PATH } from '@atelier/contract';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { expect } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { TestPerson } from './factories/people';

/** Collab test helpers: Node providers that carry a person's session cookie, like a browser. */

/** A `ws` WebSocket class that sends the given headers (Cookie, Origin) with the upgrade. */
export function socketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
      // Closing a socket that is still connecting emits an error; a test tearing down does
      // that on purpose, and the provider reports real failures through its own events.
      this.on('error', () => undefined);
    }
  };
}

export interface TestProvider {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<number>;
  /** Set when the server refused the document (permission denied), with its reason. */
  refusal: () => string | null;
  /** Set when the server closed the document's connection (a close message), with its reason. */
  closedReason: () => string | null;
  /** Stateless messages received from the server, parsed. */
  stateless: unknown[];
  destroy(): void;
}

/**
 * A provider for `documentId` as `person` (null: anonymous) would open it. Reconnection is
 * off unless asked, so that a refused socket stays refused in tests.
 */
export function openProvider(
  baseUrl: string,
  documentId: string,
  person: TestPerson | null,
  options: { doc?: Y.Doc; origin?: string; reconnect?: boolean; connect?: boolean } = {},
): TestProvider {
  const headers: Record<string, string> = { origin: options.origin ?? baseUrl };
  if (person?.headers.cookie) headers.cookie = person.headers.cookie;
  const doc = options.doc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    WebSocketPolyfill: socketWithHeaders(headers),
    autoConnect: options.connect ?? true,
    maxAttempts: options.reconnect ? 0 : 1,
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
    initialDelay: 0,
  });
  let refusal: string | null = null;
  let closedReason: string | null = null;
  const stateless: unknown[] = [];
  let resolveClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => {
    resolveClosed = resolve;
  });
  socket.on('close', ({ event }: { event: { code: number } }) => resolveClosed(event.code));
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentId,
    document: doc,
    token: 'unused',
    onAuthenticationFailed: ({ reason }) => {
      refusal = reason;
    },
    onClose: ({ event }) => {
      closedReason = event.reason;
    },
    onStateless: ({ payload }) => void stateless.push(JSON.parse(payload)),
  });
  provider.attach();
  return {
    provider,
    socket,
    doc,
    closed,
    refusal: () => refusal,
    closedReason: () => closedReason,
    stateless,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until the provider has synced with the server and every change was acknowledged. */
export async function settled(test: TestProvider, what = 'provider synced') {
  await expect.poll(() => test.provider.isSynced && !test.provider.hasUnsyncedChanges, { message: what }).toBe(true);
}

/** Appends a paragraph with `text` to the document's content (as an editor would). */
export function appendParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/** The paragraphs' texts of a document. */
export const paragraphs = (doc: Y.Doc): string[] =>
  doc
    .getXmlFragment(COLLAB_FIELD)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => String(t.toString()))
            .join('')
        : '',
    );

/**
 * Types a long text as a person would, one change (Yjs transaction) at a time: `updates`
 * changes of `charsPerUpdate` characters, a new paragraph every 40 changes.
 */
export function typeLongText(doc: Y.Doc, input: { updates: number; charsPerUpdate: number }) {
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  const words = 'la transition écologique des territoires se construit ensemble ';
  const chunk = words.repeat(Math.ceil(input.charsPerUpdate / words.length)).slice(0, input.charsPerUpdate);
  for (let i = 0; i < input.updates; i++) {
    doc.transact(() => {
      if (i % 40 === 0) appendParagraph(doc, '');
      const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.insert(text.length, chunk);
    });
  }
}
