import { type DemoPerson, FANTASTIC_ROLES, type OutboxMessage } from '@atelier/contract';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { linkify } from '../../lib/linkify';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { t, tc } from './mailbox.i18n';
import { createDemoPeople, createMailbox } from './mailbox.store';
import './mailbox.css';
import { Loadable } from '../../ui/loadable';

/** The plain-text body with its addresses as links. The HTML part is never injected. */
function MessageText(props: { text: string }) {
  return (
    <pre class="mail__body">
      <For each={linkify(props.text)}>
        {(piece) => (piece.kind === 'link' ? <a href={piece.value}>{piece.value}</a> : piece.value)}
      </For>
    </pre>
  );
}

function MessageCard(props: { message: OutboxMessage }) {
  return (
    <li class="mail card">
      <h2 class="mail__subject">{props.message.subject}</h2>
      <dl class="mail__meta">
        <div>
          <dt>{t('mailbox.to')}</dt>
          <dd>{props.message.to}</dd>
        </div>
        <div>
          <dt>{t('mailbox.date')}</dt>
          <dd>
            <time datetime={props.message.createdAt}>{formatDateTime(props.message.createdAt, locale())}</time>
          </dd>
        </div>
        <div>
          <dt>{t('mailbox.status')}</dt>
          <dd>{t(`mailbox.status.${props.message.status}`)}</dd>
        </div>
      </dl>
      <MessageText text={props.message.text} />
    </li>
  );
}

/** The living demo's people, each signed in with one click; then « Pour vous ». */
function DemoPeople() {
  const people = createDemoPeople();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal<string | null>(null);
  const [failed, setFailed] = createSignal<DemoPerson | null>(null);
  const signIn = async (person: DemoPerson) => {
    setBusy(person.id);
    setFailed(null);
    try {
      await session.signInAsDemoPerson(person.id);
      navigate('/');
    } catch {
      setFailed(person);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Show when={(people() ?? []).length > 0}>
      <section class="demo-people" aria-labelledby="demo-people-title">
        <h2 id="demo-people-title">{t('demo.title')}</h2>
        <p>{t('demo.intro')}</p>
        <Show when={failed()}>
          {(person) => (
            <p class="notice notice--error" role="alert">
              {t('demo.failed', { name: person().displayName })}
            </p>
          )}
        </Show>
        <ul class="demo-people__list">
          <For each={people()}>
            {(person) => (
              <li class="demo-person card">
                <p class="demo-person__name">{person.displayName}</p>
                <p class="demo-person__about muted">
                  <Show when={person.fantasticRole}>
                    {(role) => <span lang="fr">{FANTASTIC_ROLES[role()].label} · </span>}
                  </Show>
                  {person.organisationName}
                  <Show when={person.role === 'admin'}> · {t('demo.admin')}</Show>
                </p>
                <button
                  type="button"
                  class="button button--secondary"
                  aria-label={t('demo.signInAs', { name: person.displayName })}
                  disabled={busy() !== null}
                  onClick={() => void signIn(person)}
                >
                  {t('demo.signIn')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

export default function MailboxPage() {
  const { mailbox, refetch } = createMailbox();
  return (
    <div class="page">
      <PageHeading title={t('mailbox.title')}>{t('mailbox.title')}</PageHeading>
      <DemoPeople />
      <h2>{t('mailbox.messages')}</h2>
      <p class="lead">{t('mailbox.intro')}</p>
      <p>
        <button type="button" class="button button--secondary" onClick={() => void refetch()}>
          {t('mailbox.refresh')}
        </button>
      </p>
      <Loadable error={t('mailbox.error')} retry={refetch}>
        <Show when={mailbox()}>
          {(box) => (
            <Switch>
              <Match when={!box().available}>
                <div class="notice notice--info">
                  <p>{t('mailbox.unavailable')}</p>
                </div>
              </Match>
              <Match when={box().available}>
                <Show when={box().items.length > 0} fallback={<p class="muted">{t('mailbox.empty')}</p>}>
                  <p class="muted" role="status">
                    {tc('mailbox.count', box().items.length)}
                  </p>
                  <ul class="mailbox">
                    <For each={box().items}>{(message) => <MessageCard message={message} />}</For>
                  </ul>
                </Show>
              </Match>
            </Switch>
          )}
        </Show>
      </Loadable>
    </div>
  );
}
