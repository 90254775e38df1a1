import type { OpenInvitation } from '@atelier/contract';
import { createSignal, For, onMount, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import type { SpaceStore } from './space.store';
import { t, tc } from './spaces.i18n';

/**
 * Who was invited and has not come yet: a reminder (a new link, at most once a day) or a
 * cancellation for each, every action announced.
 */
export function OpenInvitations(props: { store: SpaceStore }) {
  const [items, setItems] = createSignal<OpenInvitation[] | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const load = async () => {
    try {
      setItems(await props.store.openInvitations());
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  onMount(() => void load());
  const act = async (invitation: OpenInvitation, action: 'remind' | 'cancel') => {
    setError(null);
    setDone(null);
    const who = invitation.displayName ?? invitation.email;
    try {
      if (action === 'remind') await props.store.remindInvitation(invitation.id);
      else await props.store.cancelInvitation(invitation.id);
      setDone(t(action === 'remind' ? 'manage.open.reminded' : 'manage.open.cancelled', { who }));
      await load();
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === 'conflict'
          ? t('manage.open.tooSoon', { who })
          : errorText(failure),
      );
    }
  };
  return (
    <section class="manage__section" aria-labelledby="open-invitations-title">
      <h2 id="open-invitations-title">{t('manage.open')}</h2>
      <ErrorAlert message={error()} />
      <StatusMessage message={done()} />
      <Show when={items()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(list) => (
          <>
            <p>{tc('manage.open.count', list().length)}</p>
            <ul class="open-invitations">
              <For each={list()}>
                {(invitation) => (
                  <li>
                    <span>
                      {invitation.displayName ? `${invitation.displayName} · ` : ''}
                      {invitation.email} · {t('manage.open.sent', { date: formatDate(invitation.createdAt, locale()) })}
                    </span>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => void act(invitation, 'remind')}
                    >
                      {t('manage.open.remind', { who: invitation.displayName ?? invitation.email })}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => void act(invitation, 'cancel')}
                    >
                      {t('manage.open.cancel', { who: invitation.displayName ?? invitation.email })}
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button button--secondary" onClick={() => void load()}>
              {t('manage.open.refresh')}
            </button>
          </>
        )}
      </Show>
    </section>
  );
}
