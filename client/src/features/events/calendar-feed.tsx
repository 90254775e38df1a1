import { createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { t } from './events.i18n';
import { createCalendarFeed } from './events.store';
import './events.css';

/**
 * "Mon agenda" on the profile page: the secret address of the person's calendar feed (what
 * they registered for or follow), to paste into a calendar application; a new address makes
 * the old one stop working, for when it was shared by mistake.
 */
export function CalendarFeed() {
  const store = createCalendarFeed();
  const feed = store.feed;
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let input: HTMLInputElement | undefined;

  const absolute = (url: string) => new URL(url, location.origin).toString();

  const copy = async () => {
    const url = feed();
    if (!url) return;
    setError(null);
    try {
      await navigator.clipboard.writeText(absolute(url));
      setMessage(t('calendarFeed.copied'));
    } catch {
      // No clipboard (permissions, older browser): select the text for a manual copy.
      input?.select();
      setMessage(t('calendarFeed.selectToCopy'));
    }
  };

  const rotate = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await store.rotate();
      setConfirming(false);
      setMessage(t('calendarFeed.rotated'));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card calendar-feed" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t('calendarFeed.heading')}</h2>
      <p>{t('calendarFeed.intro')}</p>
      <Loadable error={t('calendarFeed.error')} retry={store.reload}>
        <Show when={feed()}>
          {(url) => (
            <>
              <div class="field">
                <label class="field__label" for="calendar-feed-url">
                  {t('calendarFeed.label')}
                </label>
                <p id="calendar-feed-hint" class="field__hint">
                  {t('calendarFeed.hint')}
                </p>
                <input
                  ref={input}
                  id="calendar-feed-url"
                  class="field__input calendar-feed__url"
                  type="text"
                  readOnly
                  value={absolute(url())}
                  aria-describedby="calendar-feed-hint"
                  onFocus={(event) => event.currentTarget.select()}
                />
              </div>
              <p class="actions">
                <button type="button" class="button button--primary" onClick={() => void copy()}>
                  {t('calendarFeed.copy')}
                </button>
                <button type="button" class="button button--secondary" onClick={() => setConfirming(true)}>
                  {t('calendarFeed.rotate')}
                </button>
              </p>
            </>
          )}
        </Show>
      </Loadable>
      <StatusMessage message={message()} />
      <ErrorAlert message={error()} />
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t('calendarFeed.rotateTitle')}
        description={<p>{t('calendarFeed.rotateText')}</p>}
        confirmLabel={t('calendarFeed.rotateConfirm')}
        busyLabel={t('calendarFeed.rotating')}
        busy={busy()}
        error={error()}
        onConfirm={() => void rotate()}
      />
    </section>
  );
}
