import type { UnsubscribeResult } from '@atelier/contract';
import { A, useParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert, InfoNote } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { PageHeading } from '../../ui/page-heading';
import { signInHref } from '../accounts/return-path';
import { session } from '../accounts/session.store';
import { t } from './mail.i18n';
import { canUndo, MAIL_SETTINGS_PATH, restoredSentence, type Sentence, stoppedSentence } from './mail-lists';
import { createUnsubscribe } from './unsubscribe.store';
import './mail.css';

const say = (sentence: Sentence) => t(sentence.key, sentence.params);

/** « Gérer tous vos courriels »: the settings page, through the sign-in page when signed out. */
function ManageLink() {
  const signedIn = () => session.status() === 'signedIn';
  return (
    <p class="aside-link">
      <A href={signedIn() ? MAIL_SETTINGS_PATH : signInHref({ pathname: MAIL_SETTINGS_PATH, search: '' })}>
        {t('unsubscribe.manage')}
      </A>
      <Show when={!signedIn()}>
        {' '}
        <span class="muted">{t('unsubscribe.manage.signIn')}</span>
      </Show>
    </p>
  );
}

/** The list that stopped, and « Annuler » while there is something to put back. */
function Unsubscribed(props: { result: UnsubscribeResult; undo: () => Promise<void> }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let message: HTMLParagraphElement | undefined;

  const sentence = () =>
    props.result.current === 'off'
      ? stoppedSentence(props.result.list)
      : restoredSentence(props.result.list, props.result.current);

  const undo = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await props.undo();
      // The button is gone with what it undid: the focus goes to the sentence saying so.
      queueMicrotask(() => message?.focus());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card unsubscribe__result">
      <p ref={message} tabindex="-1" class="unsubscribe__message">
        {say(sentence())}
      </p>
      <Show when={canUndo(props.result)}>
        <p>{t('unsubscribe.undoHint')}</p>
        <ErrorAlert message={error()} />
        <p class="actions">
          <button
            type="button"
            class="button button--secondary"
            aria-disabled={busy() || undefined}
            aria-busy={busy() || undefined}
            onClick={() => void undo()}
          >
            <Show when={busy()} fallback={t('unsubscribe.undo')}>
              <span class="spinner" aria-hidden="true" />
              {t('unsubscribe.undoing')}
            </Show>
          </button>
        </p>
      </Show>
    </div>
  );
}

/**
 * `/desabonnement/:token`: where a mail's « Se désabonner » link lands, signed in or not. The
 * list the token names is stopped as the page opens; the page says which, offers to undo, and
 * leads to the settings of every mail.
 */
export default function UnsubscribePage() {
  const params = useParams<{ token: string }>();
  const store = createUnsubscribe(() => params.token);
  const status = () => store.outcome()?.status;
  const result = () => {
    const outcome = store.outcome();
    return outcome?.status === 'done' ? outcome.result : undefined;
  };
  return (
    <div class="page page--narrow unsubscribe">
      <PageHeading title={t('unsubscribe.title')}>{t('unsubscribe.title')}</PageHeading>
      <Loadable error={t('unsubscribe.error')} retry={store.retry}>
        <Show when={status()}>
          <Switch>
            <Match when={status() === 'invalid'}>
              <ErrorAlert message={t('unsubscribe.invalid')} />
            </Match>
            <Match when={status() === 'gone'}>
              <InfoNote>
                <p>{t('unsubscribe.gone')}</p>
              </InfoNote>
            </Match>
            <Match when={result()}>{(done) => <Unsubscribed result={done()} undo={store.undo} />}</Match>
          </Switch>
          <ManageLink />
        </Show>
      </Loadable>
    </div>
  );
}
