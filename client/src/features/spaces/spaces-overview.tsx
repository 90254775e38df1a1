import type { Membership, SpaceSummary } from '@atelier/contract';
import { A } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { SpaceCard } from './space-card';
import { t } from './space-list.i18n';
import { createSpaceList, groupByKind, SPACE_KINDS } from './spaces.store';
import './spaces-overview.css';
import { Loadable } from '../../ui/loadable';

/** Chantiers, communautés apprenantes, cohortes: one titled group each, empty ones said so. */
export function SpaceGroups(props: {
  spaces: SpaceSummary[];
  /** Level of the group headings; the cards' headings sit one below. */
  level: 2 | 3;
  memberships?: Map<string, Membership>;
}) {
  const groups = () => groupByKind(props.spaces);
  const Heading = (heading: { id: string; children: JSX.Element }) =>
    props.level === 2 ? <h2 id={heading.id}>{heading.children}</h2> : <h3 id={heading.id}>{heading.children}</h3>;
  return (
    <For each={SPACE_KINDS}>
      {(kind) => (
        <section class="spaces__group" aria-labelledby={`spaces-${kind}`}>
          <Heading id={`spaces-${kind}`}>{t(`spaces.kind.${kind}`)}</Heading>
          <Show when={groups()[kind].length > 0} fallback={<p class="muted">{t('spaces.empty')}</p>}>
            <ul class="spaces__list">
              <For each={groups()[kind]}>
                {(space) => (
                  <SpaceCard
                    space={space}
                    level={props.level === 2 ? 3 : 4}
                    membership={props.memberships?.get(space.id)}
                  />
                )}
              </For>
            </ul>
          </Show>
        </section>
      )}
    </For>
  );
}

/** Home: every space the reader may see, grouped as the alliance presents them. */
export function SpacesOverview() {
  const { spaces, refetch } = createSpaceList();
  return (
    <section class="spaces" aria-labelledby="spaces-title">
      <h2 id="spaces-title">{t('spaces.heading')}</h2>
      <Loadable error={t('spaces.error')} retry={refetch} quiet>
        <SpaceGroups spaces={spaces() ?? []} level={3} />
      </Loadable>
      <p>
        <A href="/espaces">{t('spaces.seeAll')}</A>
      </p>
    </section>
  );
}
