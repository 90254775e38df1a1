import { createSignal, onCleanup, Show } from 'solid-js';
import { connectionState } from '../../lib/socket';
import { t } from './discussions.i18n';

/** A discreet note while the live connection is being restored, or when a reload is needed; silent otherwise. */
export function ConnectionIndicator() {
  return (
    <p class="connection" role="status">
      <Show when={connectionState() === 'reconnecting'}>
        <span class="connection__text">{t('discussions.reconnecting')}</span>
      </Show>
      <Show when={connectionState() === 'outdated'}>
        <span class="connection__text">{t('discussions.outdated')} </span>
        <button type="button" class="button button--secondary" onClick={() => window.location.reload()}>
          {t('discussions.reload')}
        </button>
      </Show>
    </p>
  );
}

const QUIET_MS = 2000;

/**
 * Live announcements for screen readers without a flood: messages within two seconds are
 * grouped, and the region says the latest (or how many) once.
 */
export function useAnnouncer() {
  const [message, setMessage] = createSignal('');
  let queued: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  return {
    message,
    say(text: string, many?: (count: number) => string) {
      queued.push(text);
      if (timer) return;
      timer = setTimeout(() => {
        setMessage(queued.length > 1 && many ? many(queued.length) : (queued.at(-1) ?? ''));
        queued = [];
        timer = undefined;
      }, QUIET_MS);
    },
  };
}
export type Announcer = ReturnType<typeof useAnnouncer>;

export function LiveAnnouncer(props: { announcer: Announcer }) {
  return (
    <div role="status" class="visually-hidden">
      {props.announcer.message()}
    </div>
  );
}
