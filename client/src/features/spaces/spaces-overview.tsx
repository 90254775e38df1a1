import type { SpaceSummary } from '@atelier/contract';
import { ErrorBoundary, For, Show, Suspense } from 'solid-js';
import { t, tc } from '../../lib/i18n';
import { createSpaceList, groupByKind, SPACE_KINDS } from './spaces.store';
import './spaces-overview.css';

function SpaceCard(props: { space: SpaceSummary }) {
  return (
    <li class="space-card">
      <h4 class="space-card__title">{props.space.title}</h4>
      <Show when={props.space.summary}>
        <p class="space-card__summary">{props.space.summary}</p>
      </Show>
      <ul class="space-card__facts">
        <li>{t(`spaces.visibility.${props.space.visibility}`)}</li>
        <li>{t(`spaces.joinPolicy.${props.space.joinPolicy}`)}</li>
        <li>{tc('spaces.members', props.space.memberCount)}</li>
      </ul>
      <Show when={props.space.status === 'archived'}>
        <p class="badge">{t('spaces.archived')}</p>
      </Show>
    </li>
  );
}

/** Every space the reader may see, grouped as the alliance presents them. */
export function SpacesOverview() {
  const { spaces, refetch } = createSpaceList();
  const groups = () => groupByKind(spaces() ?? []);
  return (
    <section class="spaces" aria-labelledby="spaces-title">
      <h2 id="spaces-title">{t('spaces.heading')}</h2>
      <ErrorBoundary
        fallback={(_, reset) => (
          <div class="notice notice--error">
            <p>{t('spaces.error')}</p>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                void refetch();
                reset();
              }}
            >
              {t('common.retry')}
            </button>
          </div>
        )}
      >
        <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>
          <For each={SPACE_KINDS}>
            {(kind) => (
              <section class="spaces__group" aria-labelledby={`spaces-${kind}`}>
                <h3 id={`spaces-${kind}`}>{t(`spaces.kind.${kind}`)}</h3>
                <Show when={groups()[kind].length > 0} fallback={<p class="muted">{t('spaces.empty')}</p>}>
                  <ul class="spaces__list">
                    <For each={groups()[kind]}>{(space) => <SpaceCard space={space} />}</For>
                  </ul>
                </Show>
              </section>
            )}
          </For>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
