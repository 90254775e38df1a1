import type { PushSubscription } from '@atelier/contract';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, InfoNote, StatusMessage } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { t } from './push.i18n';
import { createPushDevices, PushNotAllowed, PushUnavailable } from './push.store';
import { describeUserAgent } from './push-device';
import './push.css';

/** « Chrome sur Android », or whichever half the browser gave, or « Appareil inconnu ». */
function deviceName(device: PushSubscription) {
  const { browser, system } = describeUserAgent(device.userAgent);
  if (browser && system) return t('push.device.name', { browser, system });
  return browser ?? system ?? t('push.device.unknown');
}

function failureText(error: unknown) {
  if (error instanceof PushNotAllowed) return t('push.notAllowed');
  if (error instanceof PushUnavailable || error instanceof DOMException) return t('push.unavailable');
  return errorText(error);
}

/**
 * « Notifications sur cet appareil » on the profile: a toggle for this browser (asks the
 * permission, subscribes with the server's key, posts the subscription), the person's devices
 * with « Retirer », and why nothing can be offered when the browser has no push or the site is
 * blocked in its settings.
 */
export function PushDevices() {
  const store = createPushDevices();
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const run = async (work: () => Promise<unknown>, done: string) => {
    if (busy()) return;
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      await work();
      setMessage(done);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (on: boolean) =>
    void run(on ? store.enable : store.disable, on ? t('push.enabled') : t('push.disabled'));

  return (
    <section class="card push-devices" aria-labelledby="push-devices-title" aria-busy={busy()}>
      <h2 id="push-devices-title">{t('push.heading')}</h2>
      <p>{t('push.intro')}</p>
      <Loadable error={t('push.error')} retry={store.reload}>
        <Switch>
          <Match when={store.support() === 'unsupported'}>
            <InfoNote>
              <p>{t('push.unsupported')}</p>
            </InfoNote>
          </Match>
          <Match when={store.support() === 'denied'}>
            <InfoNote>
              <p>{t('push.denied')}</p>
            </InfoNote>
          </Match>
          <Match when={store.devices() !== undefined}>
            <CheckboxField
              label={t('push.toggle')}
              name="push"
              checked={store.current() !== null}
              onChange={toggle}
              hint={busy() ? t('push.busy') : t('push.toggle.hint')}
            />
          </Match>
        </Switch>
        <StatusMessage message={message()} />
        <ErrorAlert message={error()} />
        <Show when={store.devices()}>
          {(devices) => (
            <>
              <h3>{t('push.devices')}</h3>
              <Show when={devices().items.length > 0} fallback={<p class="muted">{t('push.devices.empty')}</p>}>
                <ul class="push-devices__list">
                  <For each={devices().items}>
                    {(device) => (
                      <li class="push-devices__item">
                        <div id={`push-device-${device.id}`}>
                          <p class="push-devices__name">
                            {deviceName(device)}
                            <Show when={device.id === store.current()}> ({t('push.device.current')})</Show>
                          </p>
                          <p class="push-devices__meta">
                            {t('push.device.added', { date: formatDate(device.createdAt, locale()) })}
                          </p>
                        </div>
                        <button
                          type="button"
                          class="button button--secondary"
                          aria-describedby={`push-device-${device.id}`}
                          disabled={busy()}
                          onClick={() =>
                            void run(
                              () => store.remove(device.id),
                              t('push.device.removed', { device: deviceName(device) }),
                            )
                          }
                        >
                          {t('push.device.remove')}
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </Loadable>
    </section>
  );
}
