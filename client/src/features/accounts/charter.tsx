import { CHARTER } from '@atelier/contract';
import { For } from 'solid-js';
import { t } from './accounts.i18n';

/** The alliance's charter: its four commitments, always in French, the alliance's own words. */
export function Charter(props: { headingLevel?: 2 | 3 }) {
  const Heading = () =>
    props.headingLevel === 3 ? (
      <h3 id="charte-title">{t('charter.heading')}</h3>
    ) : (
      <h2 id="charte-title">{t('charter.heading')}</h2>
    );
  return (
    <section id="charte" class="charter" aria-labelledby="charte-title">
      <Heading />
      <p>{t('charter.intro')}</p>
      <ol class="charter__list" lang="fr">
        <For each={CHARTER.commitments}>{(commitment) => <li>{commitment}</li>}</For>
      </ol>
      <p class="muted charter__version">{t('charter.version', { version: CHARTER.version })}</p>
    </section>
  );
}
