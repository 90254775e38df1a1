/**
 * Whether the page shows a saved copy: the browser says it is offline, or the service worker
 * answered from its saved copies because the server could not be reached (a signal the browser's
 * own flag misses: a captive portal, a server down). Pure, so that it is tested without a browser.
 */
export interface ConnectionFacts {
  /** `navigator.onLine`. */
  online: boolean;
  /** The service worker's last word: it served a saved copy, and the network has not answered since. */
  servedFromCache: boolean;
}

export const readingSavedCopy = (facts: ConnectionFacts) => !facts.online || facts.servedFromCache;
