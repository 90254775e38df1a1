import type { SpaceDetail } from '@atelier/contract';
import { For, Show } from 'solid-js';
import { linkify } from '../../lib/linkify';
import { t, tc } from './spaces.i18n';

/** Plain text with blank lines between paragraphs; web addresses become links, nothing is HTML. */
export function Paragraphs(props: { text: string }) {
  const paragraphs = () =>
    props.text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean);
  return (
    <For each={paragraphs()}>
      {(paragraph) => (
        <p class="space-about__paragraph">
          <For each={linkify(paragraph)}>
            {(piece) => (piece.kind === 'link' ? <a href={piece.value}>{piece.value}</a> : piece.value)}
          </For>
        </p>
      )}
    </For>
  );
}

/** What the space is for: description, goals, and the territories of a cohort. */
export function SpaceAbout(props: { space: SpaceDetail }) {
  return (
    <div class="space-about">
      <Show when={props.space.description}>
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t('space.about')}</h2>
          <Paragraphs text={props.space.description} />
        </section>
      </Show>
      <Show when={props.space.goals.length > 0}>
        <section aria-labelledby="goals-title">
          <h2 id="goals-title">{t('space.goals')}</h2>
          <ul class="space-about__goals">
            <For each={props.space.goals}>{(goal) => <li>{goal}</li>}</For>
          </ul>
        </section>
      </Show>
      <Show when={props.space.projects.length > 0}>
        <section aria-labelledby="projects-title">
          <h2 id="projects-title">
            {t(props.space.kind === 'cohorte' ? 'space.projects.cohorte' : 'space.projects.other')}
          </h2>
          <p class="muted">{tc('space.projects.count', props.space.projects.length)}</p>
          <ul class="space-about__projects">
            <For each={props.space.projects}>
              {(project) => (
                <li>
                  <Show
                    when={project.territoryId}
                    fallback={<span class="space-about__territory">{project.territory}</span>}
                  >
                    {(id) => (
                      <a
                        class="space-about__territory"
                        href={`/carte?territoire=${id()}`}
                        title={t('space.projects.onMap', { territory: project.territory })}
                      >
                        {project.territory}
                      </a>
                    )}
                  </Show>
                  <Show when={project.theme}>{(theme) => <span class="space-about__theme"> — {theme()}</span>}</Show>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </div>
  );
}

/** Who runs it, with whom, when, for whom, how to get in: the facts beside the membership panel. */
export function SpaceFacts(props: { space: SpaceDetail }) {
  return (
    <section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('space.facts')}</h2>
      <dl class="space-facts">
        <Show when={props.space.animateurs.length > 0}>
          <div>
            <dt>{t('space.animateurs')}</dt>
            <dd>{props.space.animateurs.map((person) => person.displayName).join(', ')}</dd>
          </div>
        </Show>
        <Show when={props.space.partners.length > 0}>
          <div>
            <dt>{t('space.partners')}</dt>
            <dd>{props.space.partners.join(', ')}</dd>
          </div>
        </Show>
        <Show when={props.space.period}>
          <div>
            <dt>{t('space.period')}</dt>
            <dd>{props.space.period}</dd>
          </div>
        </Show>
        <div>
          <dt>{t('space.audience')}</dt>
          <dd>{props.space.audience ?? t('space.audience.all')}</dd>
        </div>
        <div>
          <dt>{t('space.visibility')}</dt>
          <dd>{t(`spaces.visibility.${props.space.visibility}`)}</dd>
        </div>
        <div>
          <dt>{t('space.joinPolicy')}</dt>
          <dd>{t(`spaces.joinPolicy.${props.space.joinPolicy}`)}</dd>
        </div>
        <div>
          <dt>{t('space.memberCount')}</dt>
          <dd>{tc('spaces.members', props.space.memberCount)}</dd>
        </div>
      </dl>
    </section>
  );
}
