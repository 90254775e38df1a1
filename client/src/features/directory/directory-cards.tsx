import {
  type DirectoryOrganisation,
  type DirectoryPerson,
  FANTASTIC_ROLES,
  type FantasticRole,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from '@atelier/contract';
import { For, Show } from 'solid-js';
import { ContactLink } from '../messages/contact-link';
import { t, tc } from './directory.i18n';

/** "Collectivité (commune, métropole…)" → "Collectivité": the details belong in the filter, not on every card. */
export const shortKind = (kind: OrganisationKind) => ORGANISATION_KINDS[kind].replace(/\s*\(.*$/, '');

export const roleLabel = (role: FantasticRole) =>
  t('directory.role', { label: FANTASTIC_ROLES[role].label, nickname: FANTASTIC_ROLES[role].nickname });

/**
 * One listed person. The name is a heading (screen-reader users jump from card to card with
 * the H key) and can take focus, so that "Afficher plus" can move focus to the first new card.
 */
export function PersonCard(props: { person: DirectoryPerson }) {
  const organisation = () =>
    [props.person.organisationName, props.person.organisationKind && shortKind(props.person.organisationKind)]
      .filter(Boolean)
      .join(' · ');
  return (
    <li class="directory-card">
      <h3 class="directory-card__title" tabindex="-1">
        {props.person.displayName}
      </h3>
      <dl class="directory-card__facts">
        <Show when={organisation()}>
          <div>
            <dt>{t('directory.person.organisation')}</dt>
            <dd>{organisation()}</dd>
          </div>
        </Show>
        <Show when={props.person.territory}>
          <div>
            <dt>{t('directory.person.territory')}</dt>
            <dd>{props.person.territory}</dd>
          </div>
        </Show>
        <Show when={props.person.fantasticRole}>
          {(role) => (
            <div>
              <dt>{t('directory.person.role')}</dt>
              <dd>{roleLabel(role())}</dd>
            </div>
          )}
        </Show>
        <Show when={props.person.themes.length > 0}>
          <div>
            <dt>{t('directory.person.themes')}</dt>
            <dd>
              <ul class="directory-card__themes">
                <For each={props.person.themes}>{(theme) => <li class="badge">{theme}</li>}</For>
              </ul>
            </dd>
          </div>
        </Show>
      </dl>
      <Show when={props.person.bio}>
        <p class="directory-card__bio">{props.person.bio}</p>
      </Show>
      <ContactLink person={props.person} />
    </li>
  );
}

/** One organisation, as its listed people describe it. */
export function OrganisationCard(props: { organisation: DirectoryOrganisation }) {
  return (
    <li class="directory-card">
      <h3 class="directory-card__title" tabindex="-1">
        {props.organisation.name}
      </h3>
      <dl class="directory-card__facts">
        <Show when={props.organisation.kind}>
          {(kind) => (
            <div>
              <dt>{t('directory.organisation.kind')}</dt>
              <dd>{shortKind(kind())}</dd>
            </div>
          )}
        </Show>
        <Show when={props.organisation.territories.length > 0}>
          <div>
            <dt>{t('directory.organisation.territories')}</dt>
            <dd>{props.organisation.territories.join(' · ')}</dd>
          </div>
        </Show>
      </dl>
      <p class="directory-card__count">{tc('directory.organisation.members', props.organisation.memberCount)}</p>
    </li>
  );
}
