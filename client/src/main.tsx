// Base styles first: component styles that follow may refine them.
import './styles/base.css';
import { render } from 'solid-js/web';
import { App } from './app';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');
render(() => <App />, root);

// The service worker and the offline notice, once the page has loaded, from a chunk of their own.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => void import('./features/pwa/pwa').then((pwa) => pwa.startPwa()), { once: true });
}
