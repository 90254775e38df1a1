import type { Membership, SpaceSummary } from '@atelier/contract';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { contentLang } from '../../lib/i18n';
import { type MessageKey, t, tc } from './space-list.i18n';
import './space-card.css';

export const spaceHref = (space: Pick<SpaceSummary, 'slug'>) => `/espaces/${encodeURIComponent(space.slug)}`;

/** "Vous êtes membre", "Vous animez cet espace", "Demande en attente". */
export function myStateKey(membership: Membership): MessageKey {
  if (membership.status === 'pending') return 'spaces.mine.pending';
  return membership.role === 'animateur' ? 'spaces.mine.animateur' : 'spaces.mine.membre';
}

interface SpaceCardProps {
  space: SpaceSummary;
  /** The heading level that fits the page's outline. */
  level: 2 | 3 | 4;
  /** The reader's own membership, when known. */
  membership?: Membership | undefined;
  /** Say which kind of space it is (lists that mix kinds). */
  showKind?: boolean;
}

/** A space in a list: its name links to its page; facts in words; the reader's own state. */
export function SpaceCard(props: SpaceCardProps) {
  return (
    <li class="space-card" data-archived={props.space.status === 'archived' ? '' : undefined}>
      <Show when={props.showKind}>
        <p class="space-card__kind">{t(`space.kind.${props.space.kind}`)}</p>
      </Show>
      <Dynamic component={`h${props.level}`} class="space-card__title">
        <A href={spaceHref(props.space)} class="space-card__link">
          {props.space.title}
        </A>
      </Dynamic>
      <Show when={props.space.summary}>
        <p class="space-card__summary" lang={contentLang()}>
          {props.space.summary}
        </p>
      </Show>
      <ul class="space-card__facts">
        <li>{t(`spaces.visibility.${props.space.visibility}`)}</li>
        <li>{t(`spaces.joinPolicy.${props.space.joinPolicy}`)}</li>
        <li>{tc('spaces.members', props.space.memberCount)}</li>
      </ul>
      <Show when={props.space.status === 'archived' || props.membership}>
        <p class="space-card__badges">
          <Show when={props.space.status === 'archived'}>
            <span class="badge badge--archived">{t('spaces.archived')}</span>
          </Show>
          <Show when={props.membership}>
            {(membership) => (
              <span class="badge" classList={{ 'badge--pending': membership().status === 'pending' }}>
                {t(myStateKey(membership()))}
              </span>
            )}
          </Show>
        </p>
      </Show>
    </li>
  );
}
