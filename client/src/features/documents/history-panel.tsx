// The parts, not the `Dialog` object: Kobalte's AlertDialog (ConfirmDialog) reassigns that
// object's `Content` to its own, which would make this an alertdialog.
import { DOCUMENT_TITLE_MAX_CHARS, type DocumentVersion } from '@atelier/contract';
import * as Dialog from '@kobalte/core/dialog';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { createForm, errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { focusInstead } from '../../ui/dialog-focus';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { createHistoryStore, type HistoryStore } from './document.store';
import { t, tc } from './documents.i18n';
import { diffVersions, isUnchanged } from './version-diff';
import '../../ui/dialog.css';
import { t as publishText } from '../publications/publications.i18n';
import { PublishForm } from '../publications/publish-form';

/** How a version is named in the list and in the buttons' labels. */
const versionLabel = (version: DocumentVersion) => {
  if (version.kind === 'named') return version.name ?? t('history.kind.named');
  if (version.kind === 'restore')
    return version.name ? t('history.kind.restoreOf', { name: version.name }) : t('history.kind.restore');
  return t('history.kind.auto');
};

/**
 * How a version is named in buttons' labels, headings and messages: automatic versions, taken
 * every few minutes and all alike in the list, are told apart by their time.
 */
const versionName = (version: DocumentVersion) =>
  version.kind === 'auto'
    ? t('history.kind.autoAt', { date: formatDateTime(version.createdAt, locale()) })
    : versionLabel(version);

function SaveVersionForm(props: { history: HistoryStore; onSaved: (version: DocumentVersion) => void }) {
  const [name, setName] = createSignal('');
  const form = createForm<'name'>();
  const submit = form.handleSubmit(
    () => (name().trim() ? {} : { name: t('error.invalid_input') }),
    async () => {
      const version = await props.history.save(name().trim());
      setName('');
      props.onSaved(version);
    },
  );
  return (
    <form class="history__save" onSubmit={submit} aria-labelledby="history-save-heading" novalidate>
      <h3 id="history-save-heading">{t('history.save.heading')}</h3>
      <ErrorAlert message={form.formError()} />
      <TextInput
        label={t('history.save.name')}
        name="name"
        hint={t('history.save.hint')}
        value={name()}
        onInput={(value) => {
          setName(value);
          form.clearError('name');
        }}
        required
        maxLength={DOCUMENT_TITLE_MAX_CHARS}
        error={form.error('name')}
      />
      <p class="actions">
        <SubmitButton label={t('history.save.submit')} busyLabel={t('history.save.busy')} busy={form.busy()} />
      </p>
    </form>
  );
}

/** Differences as <ins>/<del>, each named in words for screen readers, not by colour alone. */
function DiffView(props: { before: string; after: string }) {
  const diff = () => diffVersions(props.before, props.after);
  return (
    <Show when={!isUnchanged(diff())} fallback={<p>{t('history.diff.same')}</p>}>
      <p>
        {t('history.diff.summary', {
          added: tc('history.diff.wordsAdded', diff().addedWords),
          removed: tc('history.diff.wordsRemoved', diff().removedWords),
        })}
      </p>
      <p class="muted history__legend">{t('history.diff.legend')}</p>
      <div class="history__diff">
        <For each={diff().parts}>
          {(part) => (
            <Switch fallback={<span>{part.text}</span>}>
              <Match when={part.kind === 'added'}>
                <ins>
                  <span class="visually-hidden">[{t('history.diff.added')} </span>
                  {part.text}
                  <span class="visually-hidden"> {t('history.diff.end')}]</span>
                </ins>
              </Match>
              <Match when={part.kind === 'removed'}>
                <del>
                  <span class="visually-hidden">[{t('history.diff.removed')} </span>
                  {part.text}
                  <span class="visually-hidden"> {t('history.diff.end')}]</span>
                </del>
              </Match>
            </Switch>
          )}
        </For>
      </div>
    </Show>
  );
}

type Selection = { version: DocumentVersion; mode: 'view' | 'compare' };

/**
 * "Historique": a modal Kobalte Dialog listing the versions (newest first). Members save a
 * named version and restore an old one; everyone may view a version or compare it with the
 * current text. Restoring is a new change the server applies live: every open editor,
 * this one included, receives it through Yjs.
 */
export function HistoryPanel(props: {
  documentId: string;
  title: string;
  canEdit: boolean;
  canPublish: boolean;
  currentText: () => string;
}) {
  const [open, setOpen] = createSignal(false);
  const history = createHistoryStore(() => props.documentId, open);
  const versions = history.versions;
  const [selected, setSelected] = createSignal<Selection | null>(null);
  const [detail] = createResource(() => selected()?.version.id ?? false, history.version);
  const [status, setStatus] = createSignal<string | null>(null);
  const [restoring, setRestoring] = createSignal<DocumentVersion | null>(null);
  const [restoreBusy, setRestoreBusy] = createSignal(false);
  const [restoreError, setRestoreError] = createSignal<string | null>(null);
  /** The named version whose publishing form is open. */
  const [publishing, setPublishing] = createSignal<string | null>(null);
  let close: HTMLButtonElement | undefined;
  let trigger: HTMLButtonElement | undefined;
  let detailHeading: HTMLHeadingElement | undefined;

  const select = (version: DocumentVersion, mode: Selection['mode']) => {
    setSelected({ version, mode });
    queueMicrotask(() => detailHeading?.focus());
  };

  const restore = async () => {
    const target = restoring();
    if (!target) return;
    setRestoreBusy(true);
    setRestoreError(null);
    try {
      await history.restore(target.id);
      setRestoring(null);
      setSelected(null);
      setStatus(t('history.restore.done', { version: versionName(target) }));
    } catch (error) {
      setRestoreError(errorText(error));
    } finally {
      setRestoreBusy(false);
    }
  };

  return (
    <Dialog.Root
      open={open()}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setSelected(null);
          setStatus(null);
        }
      }}
    >
      <Dialog.Trigger ref={trigger} class="button button--secondary">
        {t('history.open')}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content
            class="dialog dialog--history"
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              close?.focus();
            }}
            onCloseAutoFocus={(event) => focusInstead(event, trigger)}
          >
            <div class="history__head">
              <Dialog.Title class="dialog__title">{t('history.title')}</Dialog.Title>
              <button ref={close} type="button" class="button button--secondary" onClick={() => setOpen(false)}>
                {t('history.close')}
              </button>
            </div>
            <Dialog.Description class="muted">{t('history.description')}</Dialog.Description>
            <StatusMessage message={status()} />
            <Show when={props.canEdit}>
              <SaveVersionForm
                history={history}
                onSaved={(version) => {
                  setStatus(t('history.save.done', { name: versionLabel(version) }));
                }}
              />
            </Show>
            <h3>{t('history.list')}</h3>
            <Switch>
              <Match when={versions.error}>
                <ErrorAlert message={errorText(versions.error)} />
              </Match>
              <Match when={versions()?.length === 0}>
                <p>{t('history.empty')}</p>
              </Match>
              <Match when={versions()}>
                {(items) => (
                  <ol class="history__list">
                    <For each={items()}>
                      {(version) => (
                        <li
                          class="history__version"
                          classList={{ 'history__version--named': version.kind === 'named' }}
                        >
                          <p class="history__name">
                            {versionLabel(version)}
                            <Show when={version.kind === 'named'}>
                              {' '}
                              <span class="badge">{t('history.kind.named')}</span>
                            </Show>
                          </p>
                          <p class="muted history__meta">
                            {version.createdBy
                              ? t('history.by', {
                                  date: formatDateTime(version.createdAt, locale()),
                                  name: version.createdBy.displayName,
                                })
                              : t('history.at', { date: formatDateTime(version.createdAt, locale()) })}
                          </p>
                          <p class="history__actions">
                            <For
                              each={
                                [
                                  ['view', 'history.view'],
                                  ['compare', 'history.compare'],
                                ] as const
                              }
                            >
                              {([mode, key]) => (
                                <button
                                  type="button"
                                  class="button button--secondary"
                                  aria-label={t('history.actionLabel', {
                                    action: t(key),
                                    version: versionName(version),
                                  })}
                                  aria-pressed={
                                    selected()?.version.id === version.id && selected()?.mode === mode
                                      ? 'true'
                                      : 'false'
                                  }
                                  onClick={() => select(version, mode)}
                                >
                                  {t(key)}
                                </button>
                              )}
                            </For>
                            <Show when={props.canEdit}>
                              <button
                                type="button"
                                class="button button--secondary"
                                aria-label={t('history.actionLabel', {
                                  action: t('history.restore'),
                                  version: versionName(version),
                                })}
                                onClick={() => setRestoring(version)}
                              >
                                {t('history.restore')}
                              </button>
                            </Show>
                          </p>
                        </li>
                      )}
                    </For>
                  </ol>
                )}
              </Match>
              <Match when={versions.loading}>
                <p role="status">{t('common.loading')}</p>
              </Match>
            </Switch>
            <Show when={selected()}>
              {(current) => (
                <section class="history__detail" aria-labelledby="history-detail-heading">
                  <h3 id="history-detail-heading" ref={detailHeading} tabindex="-1">
                    {t(current().mode === 'view' ? 'history.viewing' : 'history.comparing', {
                      version: versionName(current().version),
                    })}
                  </h3>
                  <Switch>
                    <Match when={detail.error}>
                      <ErrorAlert message={errorText(detail.error)} />
                    </Match>
                    <Match when={detail.loading}>
                      <p role="status">{t('common.loading')}</p>
                    </Match>
                    <Match when={detail()}>
                      {(loaded) => (
                        <Show
                          when={current().mode === 'compare'}
                          fallback={
                            // The server's sanitized HTML of that version.
                            <div class="document-version" lang={contentLang()} innerHTML={loaded().html} />
                          }
                        >
                          <DiffView before={loaded().text} after={props.currentText()} />
                        </Show>
                      )}
                    </Match>
                  </Switch>
                  <Show when={props.canPublish && current().version.kind === 'named'}>
                    <Show
                      when={publishing() === current().version.id}
                      fallback={
                        <p>
                          <button
                            type="button"
                            class="button button--secondary"
                            onClick={() => setPublishing(current().version.id)}
                          >
                            {publishText('publish.open')}
                          </button>
                        </p>
                      }
                    >
                      <PublishForm
                        source={{ type: 'document_version', id: current().version.id }}
                        defaultTitle={props.title}
                        onCancel={() => setPublishing(null)}
                      />
                    </Show>
                  </Show>
                </section>
              )}
            </Show>
            <ConfirmDialog
              open={restoring() !== null}
              onOpenChange={(next) => {
                if (!next) {
                  setRestoring(null);
                  setRestoreError(null);
                }
              }}
              title={t('history.restore.title')}
              description={
                <p>{t('history.restore.text', { version: restoring() ? versionName(restoring()!) : '' })}</p>
              }
              confirmLabel={t('history.restore.confirm')}
              busyLabel={t('history.restore.busy')}
              busy={restoreBusy()}
              error={restoreError()}
              onConfirm={() => void restore()}
              focusAfterClose={() => close}
            />
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
