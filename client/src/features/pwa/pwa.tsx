import { render } from 'solid-js/web';
import { OfflineNotice } from './offline-notice';

/**
 * Started by main.tsx once the page has loaded, from this chunk of its own: the first download
 * only carries the `import()`. Registers the service worker (`/sw.js`, built from
 * `client/sw/sw.ts`) and mounts the offline notice beside the app.
 */
export function startPwa() {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    // Private modes and some policies refuse service workers: the site works without one.
    console.warn('Service worker not registered', error);
  });
  const root = document.createElement('div');
  root.id = 'connection-state';
  document.body.append(root);
  render(() => <OfflineNotice />, root);
}
