import type { Event, SpaceSummary } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { createForm, errorText } from '../../../lib/form';
import { ErrorAlert, StatusMessage } from '../../../ui/feedback';
import { FormDialog } from '../../../ui/form-dialog';
import { SelectField } from '../../../ui/select-field';
import { TextInput } from '../../../ui/text-field';
import { textToHtml } from '../../discussions/thread-state';
import { createSpaceChoices, eventReport } from './animation.store';
import { reportPath, threadPath } from './links';
import { t } from './questions.i18n';
import { spaceOptions } from './questions-state';

/** « Publier le compte rendu »: a shared document linked to the event, then a link to it. */
export function ReportBlock(props: { event: Event; onPublished: (event: Event) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const publish = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      props.onPublished(await eventReport.publish(props.event.id));
      setDone(t('animation.report.done'));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="animation__block" aria-labelledby="animation-report">
      <h3 id="animation-report">{t('animation.report')}</h3>
      <ErrorAlert message={error()} />
      <StatusMessage message={done()} />
      <Show
        when={props.event.reportDocumentId}
        fallback={
          <>
            <p class="muted">{t('animation.report.text')}</p>
            <button
              type="button"
              class="button button--primary"
              aria-disabled={busy() || undefined}
              aria-busy={busy() || undefined}
              onClick={() => void publish()}
            >
              <Show when={busy()} fallback={t('animation.report.publish')}>
                <span class="spinner" aria-hidden="true" />
                {t('animation.report.busy')}
              </Show>
            </button>
          </>
        }
      >
        {(documentId) => (
          <p>
            <A class="button button--secondary" href={reportPath(props.event, documentId())}>
              {t('animation.report.open')}
            </A>
          </p>
        )}
      </Show>
    </section>
  );
}

type FollowUpField = 'title' | 'body' | 'spaceId';

/**
 * « Ouvrir un fil de suite »: title and first message in a modal Kobalte Dialog, in the event's
 * space by default (an alliance-wide event has none: the animateur picks one), then a link to
 * the thread.
 */
export function FollowUpBlock(props: { event: Event; onOpened: (event: Event) => void }) {
  const [open, setOpen] = createSignal(false);
  let opener: HTMLElement | null = null;
  let link: HTMLAnchorElement | undefined;
  const [title, setTitle] = createSignal('');
  const [body, setBody] = createSignal('');
  const [spaceId, setSpaceId] = createSignal(props.event.space?.id ?? '');
  const [done, setDone] = createSignal<string | null>(null);
  const form = createForm<FollowUpField>();
  const choices = createSpaceChoices();
  const spaces = choices.spaces;
  // Where the thread is: the space chosen here, or found from the thread once linked.
  const [threadSpace, setThreadSpace] = createSignal<Pick<SpaceSummary, 'id' | 'slug'> | null>(null);
  const [linked] = createResource(
    () => (threadSpace() ? false : props.event.followUpThreadId),
    (threadId) => eventReport.followUpSlug(props.event, threadId),
  );
  const slug = () => threadSpace()?.slug ?? (linked.error ? null : linked());

  const validate = () => {
    const errors: Partial<Record<FollowUpField, string>> = {};
    if (!title().trim()) errors.title = t('animation.followUp.titleRequired');
    if (!body().trim()) errors.body = t('animation.followUp.bodyRequired');
    if (!spaceId()) errors.spaceId = t('animation.followUp.spaceRequired');
    return errors;
  };
  const submit = form.handleSubmit(validate, async () => {
    const chosen = spaceId();
    const event = await eventReport.openFollowUp(props.event.id, {
      title: title().trim(),
      body: textToHtml(body()),
      ...(chosen && chosen !== props.event.space?.id ? { spaceId: chosen } : {}),
    });
    const space = spaces()?.find((item) => item.id === chosen) ?? props.event.space;
    if (space) setThreadSpace({ id: space.id, slug: space.slug });
    setOpen(false);
    props.onOpened(event);
    setDone(t('animation.followUp.done'));
  });

  return (
    <section class="animation__block" aria-labelledby="animation-follow-up">
      <h3 id="animation-follow-up">{t('animation.followUp')}</h3>
      <StatusMessage message={done()} />
      <Show
        when={props.event.followUpThreadId}
        fallback={
          <>
            <p class="muted">{t('animation.followUp.text')}</p>
            <button
              type="button"
              class="button button--secondary"
              aria-haspopup="dialog"
              onClick={(event) => {
                opener = event.currentTarget;
                if (!title()) setTitle(t('animation.followUp.defaultTitle', { title: props.event.title }));
                choices.want();
                setOpen(true);
              }}
            >
              {t('animation.followUp.openDialog')}
            </button>
          </>
        }
      >
        {(threadId) => (
          <Show when={slug()}>
            {(spaceSlug) => (
              <p>
                <A ref={link} class="button button--secondary" href={threadPath(spaceSlug(), threadId())}>
                  {t('animation.followUp.open')}
                </A>
              </p>
            )}
          </Show>
        )}
      </Show>
      <FormDialog
        open={open()}
        onOpenChange={setOpen}
        // Once the thread is open its button is gone: focus the link to it.
        focusAfterClose={() => (link?.isConnected ? link : opener?.isConnected ? opener : null)}
        title={t('animation.followUp.openDialog')}
        description={t('animation.followUp.text')}
        formClass="form"
        onSubmit={submit}
        submitLabel={t('animation.followUp.submit')}
        busyLabel={t('animation.followUp.busy')}
        busy={form.busy()}
        onCancel={() => setOpen(false)}
      >
        <ErrorAlert message={form.formError()} />
        <TextInput
          label={t('animation.followUp.title')}
          name="title"
          value={title()}
          onInput={setTitle}
          maxLength={200}
          required
          error={form.error('title')}
        />
        <TextInput
          label={t('animation.followUp.body')}
          name="body"
          value={body()}
          onInput={setBody}
          multiline
          rows={5}
          required
          error={form.error('body')}
        />
        <Show when={spaces()}>
          {(list) => (
            <SelectField
              label={t('animation.followUp.space')}
              name="spaceId"
              value={spaceId()}
              options={[
                ...(spaceId() ? [] : [{ value: '', label: t('animation.transmit.choose') }]),
                ...spaceOptions(list()),
              ]}
              onChange={setSpaceId}
              error={form.error('spaceId')}
              required
            />
          )}
        </Show>
      </FormDialog>
    </section>
  );
}
