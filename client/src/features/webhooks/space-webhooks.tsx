import { WEBHOOK_EVENTS, type Webhook, type WebhookDelivery, type WebhookEventType } from '@atelier/contract';
import { createResource, createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { webhooksApi } from './webhooks.api';
import { t } from './webhooks.i18n';
import './webhooks.css';
import { ShownOnce } from '../../ui/shown-once';

const eventLabel = (event: WebhookEventType) => t(`webhooks.event.${event}`);

/** The delivery log of one webhook, read when it is opened. */
function DeliveryLog(props: { slug: string; webhook: Webhook }) {
  const [open, setOpen] = createSignal(false);
  const [log] = createResource(
    () => (open() ? props.webhook.id : null),
    (id) => webhooksApi.deliveries(props.slug, id),
  );
  const line = (delivery: WebhookDelivery) =>
    t('webhooks.log.entry', {
      date: formatDateTime(delivery.createdAt, locale()),
      event: delivery.event,
      status: t(`webhooks.status.${delivery.status}`),
    });
  return (
    <details class="webhooks__log" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('webhooks.log')}</summary>
      <Loadable error={t('webhooks.error')} retry={() => setOpen(true)}>
        <Show when={(log()?.items.length ?? 0) > 0} fallback={<p class="muted">{t('webhooks.log.empty')}</p>}>
          <ul>
            <For each={log()?.items}>
              {(delivery) => (
                <li>
                  {line(delivery)}
                  <Show when={delivery.statusCode !== null}>
                    {' · '}
                    {t('webhooks.log.code', {
                      code: String(delivery.statusCode),
                      ms: String(delivery.durationMs ?? 0),
                    })}
                  </Show>
                  <Show when={delivery.error}>{(error) => <span class="webhooks__error"> · {error()}</span>}</Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Loadable>
    </details>
  );
}

/**
 * « Webhooks » in the space's Animation tab: add one (its signing secret shown once), the
 * list with each one's state, switch on or off, remove, and its delivery log.
 */
export function SpaceWebhooks(props: { slug: string }) {
  const [webhooks, { refetch }] = createResource(
    () => props.slug,
    (slug) => webhooksApi.list(slug),
  );
  const [url, setUrl] = createSignal('');
  const [events, setEvents] = createSignal<WebhookEventType[]>(['post.created']);
  const [urlError, setUrlError] = createSignal<string | undefined>();
  const [eventsError, setEventsError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [secret, setSecret] = createSignal<string | null>(null);

  const run = async (work: () => Promise<string | null>) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const done = await work();
      await refetch();
      setMessage(done);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const add = (event: SubmitEvent) => {
    event.preventDefault();
    const address = url().trim();
    setUrlError(/^https?:\/\/\S+$/i.test(address) ? undefined : t('webhooks.url.invalid'));
    setEventsError(events().length > 0 ? undefined : t('webhooks.events.invalid'));
    if (urlError() || eventsError()) return;
    void run(async () => {
      const created = await webhooksApi.create(props.slug, { url: address, events: events() });
      setSecret(created.secret);
      setUrl('');
      return null;
    });
  };

  const toggle = (webhook: Webhook) =>
    void run(async () => {
      await webhooksApi.update(props.slug, webhook.id, { enabled: !webhook.enabled });
      return t(webhook.enabled ? 'webhooks.disabled' : 'webhooks.enabled', { url: webhook.url });
    });
  const remove = (webhook: Webhook) =>
    void run(async () => {
      await webhooksApi.remove(props.slug, webhook.id);
      return t('webhooks.removed', { url: webhook.url });
    });

  return (
    <section class="manage__section webhooks" aria-labelledby="webhooks-title" aria-busy={busy()}>
      <h2 id="webhooks-title">{t('webhooks.heading')}</h2>
      <p>{t('webhooks.intro')}</p>
      <form class="webhooks__form" onSubmit={add} novalidate>
        <TextInput
          label={t('webhooks.url')}
          name="webhook-url"
          type="url"
          value={url()}
          onInput={setUrl}
          hint={t('webhooks.url.hint')}
          error={urlError()}
          required
        />
        <fieldset class="webhooks__events">
          <legend>{t('webhooks.events')}</legend>
          <For each={WEBHOOK_EVENTS}>
            {(event) => (
              <CheckboxField
                label={eventLabel(event)}
                name={`webhook-event-${event}`}
                checked={events().includes(event)}
                onChange={(on) => setEvents((now) => (on ? [...now, event] : now.filter((other) => other !== event)))}
              />
            )}
          </For>
          <Show when={eventsError()}>
            <p class="field__error">{eventsError()}</p>
          </Show>
        </fieldset>
        <SubmitButton label={t('webhooks.add')} busyLabel={t('webhooks.adding')} busy={busy()} />
      </form>
      <Show when={secret()}>
        {(value) => (
          <ShownOnce
            id="webhook-secret"
            title={t('webhooks.created.title')}
            text={t('webhooks.created.text')}
            label={t('webhooks.created.label')}
            value={value()}
            doneLabel={t('webhooks.created.done')}
            onDone={() => setSecret(null)}
          />
        )}
      </Show>
      <StatusMessage message={message()} />
      <ErrorAlert message={error()} />
      <h3>{t('webhooks.list')}</h3>
      <Loadable error={t('webhooks.error')} retry={refetch}>
        <Show when={(webhooks()?.items.length ?? 0) > 0} fallback={<p class="muted">{t('webhooks.empty')}</p>}>
          <ul class="webhooks__list">
            <For each={webhooks()?.items}>
              {(webhook) => (
                <li class="webhooks__item">
                  <p class="webhooks__url" id={`webhook-${webhook.id}`}>
                    {webhook.url}
                  </p>
                  <p class="muted">
                    {webhook.enabled ? t('webhooks.on') : t('webhooks.off')} ·{' '}
                    {webhook.events.map(eventLabel).join(', ')}
                  </p>
                  <Show when={webhook.failureCount > 0}>
                    <p class="muted">{t('webhooks.failures', { count: String(webhook.failureCount) })}</p>
                  </Show>
                  <p class="actions">
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-describedby={`webhook-${webhook.id}`}
                      aria-disabled={busy() || undefined}
                      onClick={() => toggle(webhook)}
                    >
                      {webhook.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-describedby={`webhook-${webhook.id}`}
                      aria-disabled={busy() || undefined}
                      onClick={() => remove(webhook)}
                    >
                      {t('webhooks.remove')}
                    </button>
                  </p>
                  <DeliveryLog slug={props.slug} webhook={webhook} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Loadable>
    </section>
  );
}
