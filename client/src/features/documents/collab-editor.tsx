import { COLLAB_FIELD, COLLAB_PATH, CollabStatelessSchema } from '@atelier/contract';
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import * as Y from 'yjs';
import { contentLang } from '../../lib/i18n';
import { caretClass } from './caret-colors';
import {
  type CollabRefusal,
  type ConnectionState,
  collabUrl,
  nextConnectionState,
  refusalOf,
  saveStateShown,
  trackSaving,
} from './collab-status';
import { t, tc } from './documents.i18n';
import { EditorToolbar } from './editor-toolbar';
import { type CaretUser, type Presence, presentPeople } from './presence';

export interface CollabEditorHandle {
  /** The current plain text, one line per block (for comparing with a version). */
  text(): string;
}

interface CollabEditorProps {
  documentId: string;
  /** False: a read-only connection; the editor cannot be changed (the server refuses too). */
  canEdit: boolean;
  user: CaretUser;
  ref?: (handle: CollabEditorHandle) => void;
  /** The server changed what this connection may do (rights changed while the page was open). */
  onAccessChange?: (access: 'read' | 'edit') => void;
  /** The editor exists (comments register their highlights on it). */
  onReady?: (editor: Editor) => void;
  /** The content arrived from the server for the first time. */
  onSynced?: () => void;
  /** Adds « Commenter » to the toolbar. */
  onComment?: () => void;
}

/** A stateless message of the contract, or null for anything else. */
function parseStateless(payload: string) {
  try {
    const parsed = CollabStatelessSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A caret in another person's colour, with their name; classes only (the CSP forbids inline styles). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = caretClass(user.color);
  const caret = document.createElement('span');
  caret.className = `collaboration-carets__caret ${colour}`;
  const label = document.createElement('span');
  label.className = `collaboration-carets__label ${colour}`;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

/**
 * The shared document itself: TipTap bound to the Yjs fragment `default`, synced through
 * Hocuspocus on `/collab`. The session cookie goes with the websocket upgrade and is what the
 * server checks; no token is needed (the provider sends an empty one in its auth message).
 *
 * A refusal (close code from the contract) stops the provider's retries: it would be refused
 * again. Anything else (network cut, server restart) is retried by the provider, and the edits
 * made meanwhile stay in the Y.Doc and are sent on reconnection.
 */
export function CollabEditor(props: CollabEditorProps) {
  const id = createUniqueId();
  let host: HTMLDivElement | undefined;
  const [editor, setEditor] = createSignal<Editor>();
  const [version, setVersion] = createSignal(0);
  const [state, setState] = createSignal<ConnectionState>('connecting');
  const [refusal, setRefusal] = createSignal<CollabRefusal | null>(null);
  const [people, setPeople] = createSignal<Presence[]>([]);
  const [synced, setSynced] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  // The server acknowledges a change only once it is written to the database.
  const savingTracker = trackSaving(setSaving);
  const ydoc = new Y.Doc();
  let provider: HocuspocusProvider | undefined;
  let wasConnected = false;
  let socketStatus: 'connecting' | 'connected' | 'disconnected' = 'connecting';

  const online = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  const update = () =>
    setState((current) => nextConnectionState(current, socketStatus, { online: online(), wasConnected }));

  /**
   * `stop`: the socket was closed with a contract code, so the provider must not retry. An
   * authentication failure alone leaves the socket to the server, whose close code (which
   * may say more, such as `not_found`) follows and then stops the provider.
   */
  const refuse = (reason: CollabRefusal, stop: boolean) => {
    setRefusal(reason);
    setState('refused');
    if (stop) provider?.disconnect();
    // Nothing typed now could reach the others: say so by not accepting it.
    editor()?.setEditable(false);
  };

  onMount(() => {
    provider = new HocuspocusProvider({
      url: collabUrl(window.location, COLLAB_PATH),
      name: props.documentId,
      document: ydoc,
      // The session cookie authenticates; the provider's token is not what grants access.
      token: null,
      onStatus: ({ status }) => {
        socketStatus =
          status === WebSocketStatus.Connected
            ? 'connected'
            : status === WebSocketStatus.Connecting
              ? 'connecting'
              : 'disconnected';
        if (status === WebSocketStatus.Connected) wasConnected = true;
        update();
      },
      onClose: ({ event }) => {
        const refused = refusalOf(event);
        if (refused) return refuse(refused, true);
        // The server closed this document but kept the socket open (a reset, or the document
        // was deleted): start over on a new socket, whose authentication says which it was.
        const socket = provider?.configuration.websocketProvider;
        if (socket?.status === WebSocketStatus.Connected) socket.webSocket?.close();
      },
      onAuthenticationFailed: ({ reason }) => refuse(refusalOf({ reason }) ?? 'forbidden', false),
      onStateless: ({ payload }) => {
        const message = parseStateless(payload);
        if (message?.type !== 'access') return;
        // At once, before the page has read the document's permissions again.
        editor()?.setEditable(message.access === 'edit');
        props.onAccessChange?.(message.access);
      },
      onAwarenessChange: ({ states }) => setPeople(presentPeople(states, ydoc.clientID)),
      onSynced: ({ state: isSynced }) => {
        if (!isSynced) return;
        setSynced(true);
        props.onSynced?.();
      },
      onUnsyncedChanges: ({ number }) => savingTracker.unsynced(number),
    });

    const instance = new Editor({
      element: host,
      injectCSS: false,
      editable: props.canEdit,
      extensions: [
        StarterKit.configure({
          heading: { levels: [2, 3] },
          // Yjs keeps the history of one's own changes; ProseMirror's would undo others' too.
          undoRedo: false,
          link: false,
          underline: false,
          horizontalRule: false,
        }),
        Link.configure({ openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' }),
        Collaboration.configure({ document: ydoc, field: COLLAB_FIELD }),
        CollaborationCaret.configure({
          provider,
          user: { ...props.user },
          render: renderCaret,
          selectionRender: (user: Record<string, unknown>) => ({
            nodeName: 'span',
            class: `collaboration-carets__selection ${caretClass(user.color)}`,
          }),
        }),
      ],
      editorProps: {
        attributes: {
          id: `${id}-input`,
          class: 'document-editor__input',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': `${id}-label`,
          ...(contentLang() ? { lang: 'fr' } : {}),
          ...(props.canEdit ? {} : { 'aria-readonly': 'true' }),
        },
      },
      onTransaction: () => setVersion((value) => value + 1),
    });
    setEditor(instance);
    props.onReady?.(instance);
    const states = [...(provider.awareness?.getStates() ?? new Map())].map(([clientId, value]) => ({
      clientId,
      ...value,
    }));
    setPeople(presentPeople(states, ydoc.clientID));

    window.addEventListener('online', update);
    window.addEventListener('offline', update);
  });

  onCleanup(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
    savingTracker.dispose();
    editor()?.destroy();
    provider?.destroy();
    ydoc.destroy();
  });

  props.ref?.({ text: () => editor()?.getText({ blockSeparator: '\n' }) ?? '' });

  const stateText = () => {
    const current = state();
    if (current === 'refused') return t(`document.refused.${refusal() ?? 'forbidden'}`);
    return t(`document.connection.${current}`);
  };
  const saveState = () => saveStateShown(state(), { canEdit: props.canEdit, synced: synced(), saving: saving() });

  return (
    <div class="document-editor">
      <div class="document-editor__status">
        {/* One line for the connection and the saving, read whole when either changes.
            Polite: a reconnection is news, not an emergency; a refusal also shows below. */}
        <p class={`connection-state connection-state--${state()}`} role="status" aria-live="polite" aria-atomic="true">
          <span class="connection-state__dot" aria-hidden="true" />
          {stateText()}
          <Show when={saveState()}>
            {(save) => <span class="connection-state__save"> · {t(`document.save.${save()}`)}</span>}
          </Show>
        </p>
        <section class="presence" aria-labelledby={`${id}-presence`}>
          <h2 id={`${id}-presence`} class="presence__heading">
            {t('document.presence')} <span class="muted">({tc('document.presence.count', people().length)})</span>
          </h2>
          <ul class="presence__list">
            <For each={people()}>
              {(person) => (
                <li class="presence__person">
                  <span class={`presence__dot ${caretClass(person.color)}`} aria-hidden="true" />
                  {person.self ? t('document.presence.you', { name: person.name }) : person.name}
                </li>
              )}
            </For>
          </ul>
        </section>
      </div>
      <Show when={state() === 'refused'}>
        <div class="notice notice--error" role="alert">
          <p>{stateText()}</p>
          <Show when={refusal() === 'unauthenticated'}>
            <p>
              <a href={`/connexion?retour=${encodeURIComponent(window.location.pathname)}`}>
                {t('document.refused.signIn')}
              </a>
            </p>
          </Show>
        </div>
      </Show>
      <span id={`${id}-label`} class="visually-hidden">
        {t('document.editorLabel')}
      </span>
      <Show when={props.canEdit}>
        <EditorToolbar
          editor={editor}
          version={version}
          controls={`${id}-input`}
          disabled={state() === 'refused'}
          onComment={props.onComment}
        />
      </Show>
      {/* TipTap owns this element's children: nothing of Solid's goes inside. */}
      <div ref={host} class="document-editor__host" />
    </div>
  );
}
