import type { Home } from '@atelier/contract';
import { A } from '@solidjs/router';
import { For, type JSX, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime, formatEventRange, formatTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { PermanenceCard } from '../events/permanence-card';
import { t, tc } from './home.i18n';
import { createHomeStore } from './home.store';

const threadHref = (item: Home['unreadThreads'][number]) =>
  `/espaces/${encodeURIComponent(item.space.slug)}/fils/${encodeURIComponent(item.thread.id)}`;
const documentHref = (item: Home['documents'][number]) =>
  `/espaces/${encodeURIComponent(item.space.slug)}/documents/${encodeURIComponent(item.document.id)}`;

/** One part of the page: a heading, its list, and what to say when it is empty. */
function Part(props: { id: string; title: string; empty: string; count: number; children: JSX.Element }) {
  return (
    <section class="card for-you__part" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Show when={props.count > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="for-you__list">{props.children}</ul>
      </Show>
    </section>
  );
}

/**
 * « Pour vous », the signed-in home page: what is new in my spaces, my next events and my seat
 * there, documents others changed, the next permanence. Looking at it marks nothing read.
 */
export function ForYou(props: { name: string }) {
  const store = createHomeStore();
  return (
    <div class="page page--wide for-you">
      <PageHeading title={t('forYou.title')}>{t('forYou.heading', { name: props.name })}</PageHeading>
      <p class="lead">{t('forYou.lead')}</p>
      <Show when={store.readAt()}>
        {(at) => <p class="muted">{t('forYou.asOf', { time: formatTime(at(), locale()) })}</p>}
      </Show>
      <Switch fallback={<p role="status">{t('common.loading')}</p>}>
        <Match when={store.home.error}>
          <ErrorAlert message={errorText(store.home.error)}>
            <button type="button" class="button button--secondary" onClick={() => void store.reload()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        </Match>
        <Match when={store.home.latest}>
          {(home) => (
            <div class="for-you__grid">
              <Part
                id="for-you-threads"
                title={t('forYou.threads')}
                empty={t('forYou.threads.empty')}
                count={home().unreadThreads.length}
              >
                <For each={home().unreadThreads}>
                  {(item) => (
                    <li>
                      <A href={threadHref(item)} lang={contentLang()}>
                        {item.thread.title}
                      </A>{' '}
                      <span class="badge badge--unread">{tc('forYou.unread', item.thread.unreadCount)}</span>
                      <br />
                      <span class="muted" lang={contentLang()}>
                        {item.space.title}
                      </span>
                    </li>
                  )}
                </For>
              </Part>
              <Part
                id="for-you-events"
                title={t('forYou.events')}
                empty={t('forYou.events.empty')}
                count={home().nextEvents.length}
              >
                <For each={home().nextEvents}>
                  {(item) => (
                    <li>
                      <A href={`/evenements/${encodeURIComponent(item.event.id)}`} lang={contentLang()}>
                        {item.event.title}
                      </A>{' '}
                      <span class="badge">
                        {item.event.cancelledAt
                          ? t('forYou.cancelled')
                          : item.registration.status === 'registered'
                            ? t('forYou.seat')
                            : t('forYou.waitlist', { position: item.registration.position ?? '' })}
                      </span>
                      <br />
                      <span class="muted">
                        {formatEventRange(item.event.startsAt, item.event.endsAt, locale(), item.event.timezone)}
                      </span>
                    </li>
                  )}
                </For>
              </Part>
              <Part
                id="for-you-documents"
                title={t('forYou.documents')}
                empty={t('forYou.documents.empty')}
                count={home().documents.length}
              >
                <For each={home().documents}>
                  {(item) => (
                    <li>
                      <A href={documentHref(item)} lang={contentLang()}>
                        {item.document.title}
                      </A>
                      <br />
                      <span class="muted">
                        {t('forYou.editedBy', {
                          name: item.document.lastEditedBy?.displayName ?? '',
                          date: item.document.lastEditedAt ? formatDateTime(item.document.lastEditedAt, locale()) : '',
                        })}
                      </span>
                    </li>
                  )}
                </For>
              </Part>
              <PermanenceCard
                registrationOf={(eventId) =>
                  home().nextEvents.find((item) => item.event.id === eventId && !item.event.cancelledAt)?.registration
                }
              />
            </div>
          )}
        </Match>
      </Switch>
      <p class="actions">
        <button type="button" class="button button--secondary" onClick={() => void store.reload()}>
          {t('forYou.refresh')}
        </button>
        <A href="/agenda" class="button button--secondary">
          {t('forYou.agenda')}
        </A>
        <A href="/espaces" class="button button--secondary">
          {t('forYou.spaces')}
        </A>
        <A href="/allie-es" class="button button--secondary">
          {t('forYou.allies')}
        </A>
        <A href="/carte" class="button button--secondary">
          {t('forYou.map')}
        </A>
        <A href="/ressources" class="button button--secondary">
          {t('forYou.commons')}
        </A>
      </p>
    </div>
  );
}
