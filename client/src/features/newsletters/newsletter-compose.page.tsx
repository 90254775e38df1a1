import { NEWSLETTER_SUBJECT_MAX_CHARS, type Newsletter, type SpaceResponse } from '@atelier/contract';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { TextInput } from '../../ui/text-field';
import { RichComposer, type RichComposerHandle } from '../discussions/rich-composer';
import { InsertMenu } from './insert-menu';
import { blockHtml, type InsertBlock } from './newsletter-blocks';
import { NewsletterPreview } from './newsletter-preview';
import { t, tc } from './newsletters.i18n';
import { type ComposerStore, createComposerStore } from './newsletters.store';
import { archivePath, issuePath } from './paths';
import '../discussions/discussions.css';
import './newsletters.css';

/** The form: subject, body with its insert menu, who it reaches, save, preview and send. */
function Composer(props: { store: ComposerStore; data: SpaceResponse; initial: Newsletter | null }) {
  const navigate = useNavigate();
  const slug = () => props.data.space.slug;
  const [subject, setSubject] = createSignal(props.initial?.subject ?? '');
  const [subjectError, setSubjectError] = createSignal<string | undefined>();
  const [bodyError, setBodyError] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [preview, setPreview] = createSignal<Newsletter | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [sendError, setSendError] = createSignal<string | null>(null);
  let editor: RichComposerHandle | undefined;
  let subjectBox: HTMLDivElement | undefined;
  let previewHeading: HTMLElement | undefined;

  const count = () => props.store.recipientCount();

  /** Checks, then saves; null when something must be fixed first (said where it is). */
  const save = async (): Promise<Newsletter | null> => {
    if (busy() || !editor) return null;
    setError(null);
    setStatus(null);
    setSubjectError(undefined);
    setBodyError(null);
    if (!subject().trim()) {
      setSubjectError(t('newsletters.compose.subject.missing'));
      subjectBox?.querySelector('input')?.focus();
      return null;
    }
    if (editor.isEmpty()) {
      setBodyError(t('error.post_empty'));
      editor.focus();
      return null;
    }
    setBusy(true);
    try {
      const saved = await props.store.save(subject().trim(), editor.html());
      setStatus(t('newsletters.compose.saved'));
      return saved;
    } catch (failure) {
      setError(errorText(failure));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const showPreview = async () => {
    const saved = await save();
    if (!saved) return;
    setPreview(saved);
    previewHeading?.focus();
  };

  const askToSend = async () => {
    if (await save()) {
      setSendError(null);
      setConfirming(true);
    }
  };

  const send = async () => {
    const draft = props.store.current();
    if (!draft || sending()) return;
    setSending(true);
    setSendError(null);
    try {
      await props.store.send(draft.id);
      setConfirming(false);
      navigate(issuePath(slug(), draft.id));
    } catch (failure) {
      setSendError(errorText(failure));
    } finally {
      setSending(false);
    }
  };

  const insert = (block: InsertBlock) => {
    editor?.insert(blockHtml(block, window.location.origin));
    setStatus(t('newsletters.insert.done', { title: block.title }));
  };

  return (
    <>
      <form
        class="newsletter-form"
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ErrorAlert message={error()} />
        <div ref={subjectBox}>
          <TextInput
            label={t('newsletters.compose.subject')}
            name="subject"
            value={subject()}
            onInput={setSubject}
            hint={t('newsletters.compose.subject.hint')}
            required
            maxLength={NEWSLETTER_SUBJECT_MAX_CHARS}
            error={subjectError()}
          />
        </div>
        <div class="newsletter-form__insert">
          <InsertMenu blocks={props.store.blocks} onInsert={insert} onClosed={() => editor?.focus()} />
        </div>
        <RichComposer
          label={t('newsletters.compose.body')}
          hint={t('newsletters.compose.body.hint')}
          initial={props.initial?.body}
          onSubmit={() => void save()}
          error={bodyError()}
          ref={(handle) => {
            editor = handle;
          }}
        />
        <Show when={count() !== null}>
          <p class="newsletter-form__recipients" id="newsletter-recipients">
            {tc('newsletters.compose.recipients', count() ?? 0)}
          </p>
        </Show>
        <p class="muted">{t('newsletters.compose.actionsHint')}</p>
        <div class="actions newsletter-form__actions">
          <button type="submit" class="button button--secondary" aria-disabled={busy() || undefined}>
            {busy() ? t('newsletters.compose.saving') : t('newsletters.compose.save')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => void showPreview()}>
            {t('newsletters.compose.preview')}
          </button>
          <button
            type="button"
            class="button button--primary"
            aria-describedby={count() === null ? undefined : 'newsletter-recipients'}
            onClick={() => void askToSend()}
          >
            {t('newsletters.compose.send')}
          </button>
        </div>
        <StatusMessage message={status()} />
      </form>
      <Show when={preview()}>
        {(shown) => (
          <NewsletterPreview
            issue={shown()}
            spaceTitle={props.data.space.title}
            ref={(heading) => {
              previewHeading = heading;
            }}
          />
        )}
      </Show>
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t('newsletters.confirm.title')}
        description={
          <p>
            {tc('newsletters.confirm.text', count() ?? 0, {
              subject: subject().trim(),
              space: props.data.space.title,
            })}
          </p>
        }
        confirmLabel={tc('newsletters.confirm.send', count() ?? 0)}
        busyLabel={t('newsletters.confirm.busy')}
        busy={sending()}
        error={sendError()}
        onConfirm={() => void send()}
      />
    </>
  );
}

/**
 * `/espaces/:slug/infolettres/nouvelle` and `/espaces/:slug/infolettres/:id/modifier`: the
 * composer of the space's animateur·ices. Others are told it is theirs to write.
 */
export default function NewsletterComposePage() {
  const params = useParams<{ slug: string; id?: string }>();
  const store = createComposerStore(() => params.slug, params.id ?? null);
  const title = () => t(params.id ? 'newsletters.compose.edit' : 'newsletters.compose.new');
  return (
    <div class="page newsletter-page">
      <p class="newsletter-crumbs">
        <A href={archivePath(params.slug)}>
          {t('newsletters.back', { space: store.space.latest?.space.title ?? params.slug })}
        </A>
      </p>
      <PageHeading title={title()}>{title()}</PageHeading>
      <Switch
        fallback={
          <p class="page--loading" role="status">
            {t('common.loading')}
          </p>
        }
      >
        <Match when={store.space.error || store.loaded.error}>
          <div class="notice notice--error" role="alert">
            <p>{errorText(store.space.error ?? store.loaded.error)}</p>
          </div>
        </Match>
        <Match when={store.space.latest && !store.space.latest.permissions.manage}>
          <p class="notice notice--info">{t('newsletters.compose.forbidden')}</p>
        </Match>
        <Match when={store.loaded.latest && store.loaded.latest.status !== 'draft'}>
          <p class="notice notice--info">
            {t('newsletters.compose.sent')}{' '}
            <A href={issuePath(params.slug, params.id ?? '')}>{store.loaded.latest?.subject}</A>
          </p>
        </Match>
        <Match when={store.space.latest && (!params.id || store.loaded.latest)}>
          <p class="lead">{t('newsletters.compose.space', { space: store.space.latest?.space.title ?? '' })}</p>
          <Composer store={store} data={store.space.latest as SpaceResponse} initial={store.loaded.latest ?? null} />
        </Match>
      </Switch>
    </div>
  );
}
