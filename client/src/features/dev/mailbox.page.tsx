import type { OutboxMessage } from '@atelier/contract';
import { For, Match, Show, Switch } from 'solid-js';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { linkify } from '../../lib/linkify';
import { PageHeading } from '../../ui/page-heading';
import { t, tc } from './mailbox.i18n';
import { createMailbox } from './mailbox.store';
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

export default function MailboxPage() {
  const { mailbox, refetch } = createMailbox();
  return (
    <div class="page">
      <PageHeading title={t('mailbox.title')}>{t('mailbox.title')}</PageHeading>
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
