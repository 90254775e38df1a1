import { For, onMount, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { notify } from '../../ui/toaster';
import { blocks } from './blocks.store';
import { t } from './moderation.i18n';

/** « Personnes bloquées » in the profile: who one blocked, each with « Débloquer ». */
export function BlockedPeople() {
  onMount(() => void blocks.ensureLoaded());
  const unblock = async (person: { id: string; displayName: string }) => {
    try {
      await blocks.setBlock(person, false);
      notify(t('unblock.done', { name: person.displayName }));
      document.getElementById('blocked-people-heading')?.focus();
    } catch (error) {
      notify(errorText(error));
    }
  };
  return (
    <section class="profile__section" aria-labelledby="blocked-people-heading">
      <h2 id="blocked-people-heading" tabindex="-1">
        {t('blocks.heading')}
      </h2>
      <Show when={blocks.blocked().size > 0} fallback={<p>{t('blocks.empty')}</p>}>
        <ul class="blocked-people">
          <For each={[...blocks.blocked().entries()]}>
            {([id, person]) => (
              <li>
                {person.displayName}{' '}
                <span class="muted">{t('blocks.since', { date: formatDate(person.blockedAt, locale()) })}</span>{' '}
                <button
                  type="button"
                  class="button button--link"
                  aria-label={t('unblock.actionOf', { name: person.displayName })}
                  onClick={() => void unblock({ id, displayName: person.displayName })}
                >
                  {t('unblock.action')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
