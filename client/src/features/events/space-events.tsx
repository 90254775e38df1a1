import type { SpaceResponse } from '@atelier/contract';
import { A } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { Loadable } from '../../ui/loadable';
import { EventItem } from './event-item';
import { t } from './events.i18n';
import { createEventList } from './events.store';
import './events.css';

/** The space's "Événements" tab: its coming events, and creating one for its animateur·ices. */
export function SpaceEvents(props: { data: SpaceResponse }) {
  const { events, refetch } = createEventList(() => ({
    spaceId: props.data.space.id,
    // From a day ago: an event in progress stays listed.
    from: new Date(Date.now() - 86_400_000).toISOString(),
  }));
  const coming = () => (events.latest ?? []).filter((event) => new Date(event.endsAt).getTime() > Date.now());
  return (
    <div class="space-events">
      <Show when={props.data.permissions.manage}>
        <p class="actions">
          <A
            href={`/evenements/nouveau?espace=${encodeURIComponent(props.data.space.slug)}`}
            class="button button--primary"
          >
            {t('events.create')}
          </A>
        </p>
      </Show>
      <Loadable error={t('spaceEvents.error')} retry={refetch}>
        <Switch>
          <Match when={events.latest && coming().length === 0}>
            <p>{t('spaceEvents.empty')}</p>
          </Match>
          <Match when={events.latest}>
            <ul class="event-list" aria-label={t('spaceEvents.listLabel', { space: props.data.space.title })}>
              <For each={coming()}>
                {(event) => (
                  <li>
                    <EventItem event={event} showSpace={false} />
                  </li>
                )}
              </For>
            </ul>
          </Match>
        </Switch>
      </Loadable>
      <p>
        <A href="/agenda">{t('spaceEvents.allAgenda')}</A>
      </p>
    </div>
  );
}
