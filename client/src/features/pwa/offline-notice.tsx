import { createSignal, onCleanup, Show } from 'solid-js';
import { readingSavedCopy } from './connection-state';
import { t } from './pwa.i18n';
import { FROM_CACHE, FROM_NETWORK, isServiceWorkerMessage } from './sw-messages';
import './pwa.css';

/**
 * « Hors ligne : vous lisez une copie enregistrée », while the page reads what the service
 * worker kept. A polite live region that stays in the page, so that screen readers hear the
 * notice when the connection drops, and again when it comes back (it empties).
 */
export function OfflineNotice() {
  const [online, setOnline] = createSignal(navigator.onLine);
  const [servedFromCache, setServedFromCache] = createSignal(false);
  const update = () => setOnline(navigator.onLine);
  const onMessage = (event: MessageEvent) => {
    if (!isServiceWorkerMessage(event.data)) return;
    if (event.data.type === FROM_CACHE) setServedFromCache(true);
    if (event.data.type === FROM_NETWORK) setServedFromCache(false);
  };
  addEventListener('online', update);
  addEventListener('offline', update);
  navigator.serviceWorker?.addEventListener('message', onMessage);
  onCleanup(() => {
    removeEventListener('online', update);
    removeEventListener('offline', update);
    navigator.serviceWorker?.removeEventListener('message', onMessage);
  });
  return (
    <div role="status">
      <Show when={readingSavedCopy({ online: online(), servedFromCache: servedFromCache() })}>
        <p class="offline-notice">{t('pwa.offline')}</p>
      </Show>
    </div>
  );
}
