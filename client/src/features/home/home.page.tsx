import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { PermanenceCard } from '../events/permanence-card';
import { SpacesOverview } from '../spaces/spaces-overview';
import { ForYou } from './for-you';
import { type MessageKey, t } from './home.i18n';
import './home.css';

const FORMATS: { title: MessageKey; text: MessageKey }[] = [
  { title: 'home.how.chantiers.title', text: 'home.how.chantiers' },
  { title: 'home.how.communautes.title', text: 'home.how.communautes' },
  { title: 'home.how.cohortes.title', text: 'home.how.cohortes' },
  { title: 'home.how.permanence.title', text: 'home.how.permanence' },
];

function JoinCall() {
  return (
    <section class="card join" aria-labelledby="join-title">
      <h2 id="join-title">{t('home.cta.heading')}</h2>
      <p>{t('home.cta.text')}</p>
      <p class="actions">
        <A href="/inscription" class="button button--primary">
          {t('home.cta.signUp')}
        </A>
        <A href="/connexion" class="button button--secondary">
          {t('home.cta.signIn')}
        </A>
      </p>
    </section>
  );
}

/** Signed in: « Pour vous ». Otherwise what the Atelier is, the next permanence, the spaces, and the way in. */
export default function HomePage() {
  return (
    <Show when={session.user()} fallback={<Brochure />}>
      {(user) => <ForYou name={user().displayName} />}
    </Show>
  );
}

function Brochure() {
  return (
    <div class="page page--wide home">
      <div class="home__intro">
        <div class="home__lead">
          <PageHeading title={t('home.title')}>{t('home.heading')}</PageHeading>
          <p class="lead">{t('home.lead')}</p>
          <JoinCall />
        </div>
        <PermanenceCard />
      </div>
      <section class="home__how" aria-labelledby="how-title">
        <h2 id="how-title">{t('home.how.heading')}</h2>
        <ul class="formats">
          <For each={FORMATS}>
            {(format) => (
              <li class="formats__item">
                <h3>{t(format.title)}</h3>
                <p>{t(format.text)}</p>
              </li>
            )}
          </For>
        </ul>
        <p class="home__allies">
          {t('home.allies.text')} <A href="/allie-es">{t('home.allies.link')}</A> ·{' '}
          <A href="/carte">{t('home.map.link')}</A> · <A href="/ressources">{t('home.commons.link')}</A>
        </p>
      </section>
      <SpacesOverview />
    </div>
  );
}
