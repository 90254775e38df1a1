import { COMMENT_QUOTE_MAX_CHARS, type Document } from '@atelier/contract';
import { A, useParams } from '@solidjs/router';
import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, Match, onCleanup, Show, Switch, untrack } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ErrorAlert, InfoNote, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { session } from '../accounts/session.store';
import { caretColor } from './caret-colors';
import { CollabEditor, type CollabEditorHandle } from './collab-editor';
import {
  anchorOf,
  commentHighlights,
  focusPassage,
  type Ranges,
  refreshHighlights,
  selectedPassage,
} from './comment-highlights';
import { createCommentsStore } from './comments.store';
import { CommentsPanel, type PendingComment } from './comments-panel';
import { createDocumentStore, type DocumentStore } from './document.store';
import { t } from './documents.i18n';
import { HistoryPanel } from './history-panel';
import type { CaretUser } from './presence';
import { createTitleForm } from './resource-forms';
import './documents.css';

const resourcesPath = (slug: string) => `/espaces/${encodeURIComponent(slug)}?onglet=documents`;

/** The way back: the space's Ressources tab, or the agenda for a document of the whole alliance. */
function BackLink(props: { slug: string | undefined; spaceTitle?: string; class?: string }) {
  return (
    <Show
      when={props.slug}
      fallback={
        <A href="/agenda" class={props.class}>
          {t('document.backToAgenda')}
        </A>
      }
    >
      {(slug) => (
        <A href={resourcesPath(slug())} class={props.class}>
          {t('document.back', { space: props.spaceTitle ?? slug() })}
        </A>
      )}
    </Show>
  );
}

function RenameForm(props: { store: DocumentStore; document: Document; onDone: (document?: Document) => void }) {
  const { form, submit, TitleField } = createTitleForm(props.document.title, async (title) =>
    props.onDone(await props.store.rename(title)),
  );
  return (
    <form class="document__rename" onSubmit={submit} novalidate>
      <ErrorAlert message={form.formError()} />
      <TitleField label={t('document.rename.label')} />
      <p class="actions">
        <SubmitButton label={t('document.rename.save')} busyLabel={t('history.save.busy')} busy={form.busy()} />
        <button type="button" class="button button--secondary" onClick={() => props.onDone()}>
          {t('document.rename.cancel')}
        </button>
      </p>
    </form>
  );
}

/**
 * The comments of the document page: the threads' store, their highlights in the editor, the
 * passage chosen for a new thread, the thread shown, and « Commenter » beside a selection.
 */
function useComments(documentId: () => string) {
  const store = createCommentsStore(documentId);
  const [editor, setEditor] = createSignal<Editor>();
  const [synced, setSynced] = createSignal(false);
  const [ranges, setRanges] = createSignal<Ranges>(new Map());
  const [pending, setPending] = createSignal<PendingComment | null>(null);
  const [active, setActive] = createSignal<string | null>(null);
  const [hint, setHint] = createSignal<string | null>(null);
  const [float, setFloat] = createSignal<{ top: number; left: number } | null>(null);
  let main: HTMLDivElement | undefined;
  let floatButton: HTMLButtonElement | undefined;

  /** Open threads, and the passage being commented on, are highlighted. */
  const highlighted = () => [
    ...store
      .threads()
      .filter((thread) => thread.resolvedAt === null)
      .map(({ id, anchor }) => ({ id, anchor })),
    ...(pending() ? [{ id: 'pending', anchor: pending()!.anchor }] : []),
  ];

  const start = () => {
    const instance = editor();
    if (!instance || !store.canComment()) return;
    const passage = selectedPassage(instance);
    const quote =
      passage && passage.text.length > COMMENT_QUOTE_MAX_CHARS
        ? `${passage.text.slice(0, COMMENT_QUOTE_MAX_CHARS - 1)}…`
        : passage?.text;
    const anchor = passage && quote ? anchorOf(instance.state, passage.from, passage.to, quote) : null;
    if (!anchor || !quote) {
      setHint(null);
      queueMicrotask(() => setHint(t('comments.selectFirst')));
      return;
    }
    setHint(null);
    setFloat(null);
    setPending({ anchor, quote, key: crypto.randomUUID() });
    queueMicrotask(() => document.querySelector<HTMLTextAreaElement>('.comments__new textarea')?.focus());
  };

  /** « Commenter » beside the selection, for those who may comment. */
  const placeFloat = () => {
    const instance = editor();
    const passage =
      instance && !instance.isDestroyed && store.canComment() && !pending() ? selectedPassage(instance) : null;
    if (!instance || !passage || !main) return setFloat(null);
    const box = main.getBoundingClientRect();
    const end = instance.view.coordsAtPos(passage.to);
    setFloat({ top: end.bottom - box.top + 6, left: Math.max(0, Math.min(end.left - box.left, box.width - 140)) });
  };
  createEffect(() => {
    const at = float();
    if (!at || !floatButton) return;
    // The CSSOM, not a style attribute: the Content-Security-Policy forbids inline styles.
    floatButton.style.top = `${at.top}px`;
    floatButton.style.left = `${at.left}px`;
  });
  const onSelectionChange = () => placeFloat();
  document.addEventListener('selectionchange', onSelectionChange);
  onCleanup(() => document.removeEventListener('selectionchange', onSelectionChange));

  const activate = (threadId: string, focus: boolean) => {
    setActive(threadId);
    const instance = editor();
    const range = ranges().get(threadId);
    if (!instance || !range) return;
    if (focus) return focusPassage(instance, range);
    const { node } = instance.view.domAtPos(range.from);
    (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const attach = (instance: Editor) => {
    setEditor(instance);
    instance.registerPlugin(
      commentHighlights({
        threads: highlighted,
        active,
        onRanges: setRanges,
        onShortcut: start,
        onActivate: (threadId) => {
          setActive(threadId);
          document
            .querySelector<HTMLElement>(`[data-thread="${threadId}"]`)
            ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        },
      }),
    );
    instance.on('selectionUpdate', placeFloat);
  };
  // The threads, the chosen passage or the thread shown changed: highlight again.
  createEffect(() => {
    highlighted();
    active();
    const instance = editor();
    if (instance) untrack(() => refreshHighlights(instance));
  });

  return {
    store,
    attach,
    start,
    activate,
    active,
    synced,
    setSynced,
    ranges,
    pending,
    setPending,
    hint,
    float,
    setMain: (element: HTMLDivElement) => {
      main = element;
    },
    setFloatButton: (element: HTMLButtonElement) => {
      floatButton = element;
    },
  };
}

function DocumentView(props: { slug: string | undefined; store: DocumentStore; document: Document }) {
  const [renaming, setRenaming] = createSignal(false);
  const [status, setStatus] = createSignal<string | null>(null);
  let renameButton: HTMLButtonElement | undefined;
  let editorHandle: CollabEditorHandle | undefined;
  const me = session.user();
  // Read once: the editor is not rebuilt when someone signs in elsewhere; the page reloads then.
  const user: CaretUser = me
    ? { id: me.id, name: me.displayName, color: caretColor(me.id) }
    : { id: null, name: t('document.presence.anonymous'), color: caretColor(String(Math.random())) };

  const comments = useComments(() => props.document.id);

  const meta = () => {
    const doc = props.document;
    if (doc.lastEditedAt && doc.lastEditedBy)
      return t('document.meta.edited', {
        date: formatDateTime(doc.lastEditedAt, locale()),
        name: doc.lastEditedBy.displayName,
      });
    return t('document.meta.created', { date: formatDateTime(doc.createdAt, locale()), name: doc.author.displayName });
  };

  return (
    <div class="page page--wide document">
      <p class="document__crumbs">
        <BackLink slug={props.slug} spaceTitle={props.store.spaceTitle()} />
      </p>
      <header class="document__head">
        <PageHeading title={props.document.title}>{props.document.title}</PageHeading>
        <Show when={renaming()}>
          <RenameForm
            store={props.store}
            document={props.document}
            onDone={(renamed) => {
              setRenaming(false);
              if (renamed) {
                setStatus(t('document.rename.done', { title: renamed.title }));
              }
              queueMicrotask(() => renameButton?.focus());
            }}
          />
        </Show>
        <p class="muted document__meta">{meta()}</p>
        <StatusMessage message={status()} />
        <div class="document__actions">
          <Show when={props.document.canEdit && !renaming()}>
            <button
              ref={renameButton}
              type="button"
              class="button button--secondary"
              onClick={() => {
                setStatus(null);
                setRenaming(true);
                queueMicrotask(() => document.querySelector<HTMLInputElement>('.document__rename input')?.focus());
              }}
            >
              {t('document.rename')}
            </button>
          </Show>
          <HistoryPanel
            documentId={props.document.id}
            title={props.document.title}
            canEdit={props.document.canEdit}
            canPublish={props.document.canPublish}
            currentText={() => editorHandle?.text() ?? ''}
          />
          <span class="document__export">
            <span class="document__export-label">{t('document.export')}</span>
            <a
              class="button button--secondary"
              href={props.store.exportUrl('markdown')}
              download=""
              aria-label={t('document.export.markdownLabel')}
            >
              {t('document.export.markdown')}
            </a>
            <a
              class="button button--secondary"
              href={props.store.exportUrl('html')}
              download=""
              aria-label={t('document.export.htmlLabel')}
            >
              {t('document.export.html')}
            </a>
          </span>
        </div>
      </header>
      <Show when={!props.document.canEdit}>
        <InfoNote>
          <p>{t('document.readOnly')}</p>
        </InfoNote>
      </Show>
      <div class="document__body">
        <div class="document__main" ref={comments.setMain}>
          <CollabEditor
            documentId={props.document.id}
            canEdit={props.document.canEdit}
            user={user}
            ref={(handle) => {
              editorHandle = handle;
            }}
            onAccessChange={(access) => {
              setStatus(t(access === 'read' ? 'document.readOnlyNow' : 'document.editableAgain'));
              // The page's own controls (rename, restore) follow the permissions read again.
              props.store.refresh().catch(() => undefined);
            }}
            onReady={comments.attach}
            onSynced={() => comments.setSynced(true)}
            onComment={comments.store.canComment() ? comments.start : undefined}
          />
          <Show when={comments.float()}>
            <button
              ref={comments.setFloatButton}
              type="button"
              class="button button--primary comment-float"
              aria-keyshortcuts="Control+Alt+M"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => comments.start()}
            >
              {t('comments.comment')}
            </button>
          </Show>
        </div>
        <CommentsPanel
          store={comments.store}
          ranges={comments.ranges}
          synced={comments.synced}
          pending={comments.pending}
          onCancelPending={() => comments.setPending(null)}
          onStart={comments.start}
          hint={comments.hint}
          active={comments.active}
          onActivate={comments.activate}
          signedIn={me !== null}
        />
      </div>
    </div>
  );
}

function DocumentUnavailable(props: { error: unknown; slug: string | undefined; onRetry: () => void }) {
  const missing = () =>
    props.error instanceof ApiError &&
    (props.error.status === 404 || props.error.status === 403 || props.error.code === 'invalid_input');
  return (
    <div class="page page--narrow">
      <Show
        when={missing()}
        fallback={
          <>
            <PageHeading title={t('document.loadError')}>{t('document.loadError')}</PageHeading>
            <div class="notice notice--error" role="alert">
              <p>{errorText(props.error)}</p>
            </div>
            <p class="actions">
              <button type="button" class="button button--primary" onClick={() => props.onRetry()}>
                {t('common.retry')}
              </button>
            </p>
          </>
        }
      >
        <PageHeading title={t('document.notFound.title')}>{t('document.notFound.title')}</PageHeading>
        <p class="lead">{t('document.notFound.text')}</p>
      </Show>
      <p class="actions">
        <BackLink slug={props.slug} class="button button--secondary" />
      </p>
    </div>
  );
}

function DocumentLoader(props: { slug: string | undefined; documentId: string }) {
  const store = createDocumentStore(
    () => props.documentId,
    () => props.slug,
  );
  const doc = store.document;
  return (
    <Switch
      fallback={
        <p class="page page--loading" role="status">
          {t('page.loading')}
        </p>
      }
    >
      <Match when={doc.error}>
        {(error) => <DocumentUnavailable error={error()} slug={props.slug} onRetry={() => void store.reload()} />}
      </Match>
      <Match when={doc()}>{(loaded) => <DocumentView slug={props.slug} store={store} document={loaded()} />}</Match>
    </Switch>
  );
}

/**
 * `/espaces/:slug/documents/:documentId` (or `/documents/:documentId` for a document of the whole
 * alliance, such as a permanence's compte rendu): a shared document, written together live. Its own
 * chunk: the editor, Yjs and the provider are downloaded only here.
 */
export default function DocumentPage() {
  const params = useParams<{ slug?: string; documentId: string }>();
  return (
    <Show when={params.documentId} keyed>
      {(documentId) => <DocumentLoader slug={params.slug} documentId={documentId} />}
    </Show>
  );
}
