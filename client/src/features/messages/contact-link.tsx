import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { session } from '../accounts/session.store';
import { t } from './messages.i18n';

/**
 * « Contacter » a person (directory cards, organisation pages): the new-message page with
 * them named. Signed-in people only, never on oneself. Whether they take messages is the
 * server's answer when sending (their choice stays theirs: it is not shown in advance).
 */
export function ContactLink(props: { person: { id: string; displayName: string } }) {
  const href = () =>
    `/messages/nouveau?a=${encodeURIComponent(props.person.id)}&nom=${encodeURIComponent(props.person.displayName)}`;
  return (
    <Show when={session.user() && session.user()?.id !== props.person.id}>
      <A
        href={href()}
        class="button button--secondary contact-link"
        aria-label={t('messages.contactPerson', { name: props.person.displayName })}
      >
        {t('messages.contact')}
      </A>
    </Show>
  );
}
