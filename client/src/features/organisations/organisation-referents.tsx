import type { OrganisationDetail } from '@atelier/contract';
import { createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { Avatar } from '../../ui/avatar';
import { ErrorAlert } from '../../ui/feedback';
import { notify } from '../../ui/toaster';
import { organisationsApi } from './organisations.api';
import { t } from './organisations.i18n';

/**
 * For admins and referents: every confirmed member (listed in the directory or not), each with
 * a « Référent·e » toggle button (aria-pressed). A referent may step down too; the page then
 * no longer shows this panel, so the outcome is a toast rather than a status inside it.
 */
export function Referents(props: { detail: OrganisationDetail; onChange: (detail: OrganisationDetail) => void }) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const toggle = async (userId: string, name: string, referent: boolean) => {
    if (busy()) return;
    setBusy(userId);
    setError(null);
    try {
      props.onChange(await organisationsApi.setReferent(props.detail.organisation.slug, userId, referent));
      notify(t(referent ? 'organisation.referents.named' : 'organisation.referents.unnamed', { name }));
    } catch (failure) {
      setError(`${t('organisation.actionFailed')} ${errorText(failure)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="organisation__referents" aria-labelledby="organisation-referents-heading">
      <h2 id="organisation-referents-heading">{t('organisation.referents.heading')}</h2>
      <p class="muted">{t('organisation.referents.hint')}</p>
      <ErrorAlert message={error()} />
      <Show when={props.detail.confirmed.length > 0} fallback={<p class="muted">{t('organisation.referents.none')}</p>}>
        <ul class="organisation__referents-list">
          <For each={props.detail.confirmed}>
            {(person) => (
              <li>
                <Avatar name={person.displayName} id={person.userId} url={person.avatarUrl} />
                <span>{person.displayName}</span>
                <button
                  type="button"
                  class={`button ${person.referent ? 'button--primary' : 'button--secondary'}`}
                  aria-pressed={person.referent ? 'true' : 'false'}
                  aria-label={t('organisation.referents.toggleLabel', { name: person.displayName })}
                  aria-disabled={busy() !== null || undefined}
                  aria-busy={busy() === person.userId || undefined}
                  onClick={() => void toggle(person.userId, person.displayName, !person.referent)}
                >
                  {t('organisation.referents.toggle')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
