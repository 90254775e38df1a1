import {
  LICENCES,
  type Licence,
  PUBLICATION_KINDS,
  type PublicationCreateBody,
  type PublicationKind,
  type PublicationSummary,
  SUGGESTED_THEMES,
} from '@atelier/contract';
import { A } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { createForm } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { SelectField } from '../../ui/select-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { publicationsApi } from './publications.api';
import { t } from './publications.i18n';

type Field = 'title' | 'summary' | 'kind' | 'themes' | 'territories' | 'licence' | 'source';

const listOf = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

export const kindLabel = (kind: PublicationKind) => t(`publications.kind.${kind}`);

/**
 * « Publier » beside a file or a link of the space, for those who run it: the button (which
 * says whether the form is open) goes among the item's actions, the form below them.
 */
export function createPublishToggle(source: () => PublicationCreateBody['source'], name: () => string) {
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  return {
    Button: () => (
      <button
        ref={button}
        type="button"
        class="button button--secondary"
        aria-expanded={open()}
        aria-label={t('publish.openNamed', { name: name() })}
        onClick={() => setOpen(!open())}
      >
        {t('publish.short')}
      </button>
    ),
    Form: () => (
      <Show when={open()}>
        <PublishForm
          source={source()}
          defaultTitle={name()}
          onCancel={() => {
            setOpen(false);
            button?.focus();
          }}
        />
      </Show>
    ),
  };
}

/**
 * Publishing a named version, a file or a link to the commons: title, genre, themes (the 4
 * fondamentaux and the 5 dimensions offered as boxes, others typed), territories and licence.
 * Once published, a link to the public page replaces the form.
 */
export function PublishForm(props: {
  source: PublicationCreateBody['source'];
  defaultTitle: string;
  onCancel: () => void;
}) {
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  const [title, setTitle] = createSignal(props.defaultTitle);
  const [summary, setSummary] = createSignal('');
  const [kind, setKind] = createSignal<PublicationKind>('publication');
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [moreThemes, setMoreThemes] = createSignal('');
  const [territories, setTerritories] = createSignal('');
  const [licence, setLicence] = createSignal<Licence>('CC-BY-SA-4.0');
  const [published, setPublished] = createSignal<PublicationSummary | null>(null);
  const form = createForm<Field>({
    onError: (error) => (error.code === 'conflict' ? { message: t('publish.already') } : undefined),
  });
  const id = (name: string) => `publish-${props.source.id}-${name}`;
  const toggle = (theme: string, on: boolean) =>
    setChosen((current) => (on ? [...current, theme] : current.filter((item) => item !== theme)));
  const submit = form.handleSubmit(
    () => ({}),
    async () => {
      const { publication } = await publicationsApi.publish({
        source: props.source,
        title: title().trim(),
        summary: summary().trim(),
        kind: kind(),
        themes: [...new Set([...chosen(), ...listOf(moreThemes())])],
        territories: listOf(territories()),
        licence: licence(),
      });
      setPublished(publication);
      notify(t('publish.done', { title: publication.title }));
    },
  );

  return (
    <section class="publish" aria-labelledby={id('heading')}>
      <h3 id={id('heading')} ref={heading} tabindex="-1">
        {t('publish.heading')}
      </h3>
      <Show
        when={published()}
        fallback={
          <form class="form" novalidate onSubmit={submit}>
            <p class="muted">{t('publish.intro')}</p>
            <ErrorAlert message={form.formError()} />
            <TextInput
              label={t('publish.title')}
              name="title"
              required
              maxLength={200}
              value={title()}
              onInput={setTitle}
              error={form.error('title')}
            />
            <TextInput
              label={t('publish.summary')}
              name="summary"
              multiline
              rows={3}
              maxLength={1000}
              value={summary()}
              onInput={setSummary}
              error={form.error('summary')}
            />
            <SelectField
              label={t('publish.kind')}
              name="kind"
              value={kind()}
              options={(Object.keys(PUBLICATION_KINDS) as PublicationKind[]).map((value) => ({
                value,
                label: kindLabel(value),
              }))}
              onChange={(value) => setKind(value as PublicationKind)}
              error={form.error('kind')}
            />
            <fieldset class="publish__themes">
              <legend>{t('publish.themes')}</legend>
              <For each={SUGGESTED_THEMES}>
                {(theme, index) => (
                  <div class="publish__theme">
                    <input
                      id={id(`theme-${index()}`)}
                      type="checkbox"
                      checked={chosen().includes(theme)}
                      onChange={(event) => toggle(theme, event.currentTarget.checked)}
                    />
                    <label for={id(`theme-${index()}`)} lang="fr">
                      {theme}
                    </label>
                  </div>
                )}
              </For>
              <TextInput
                label={t('publish.themes.more')}
                name="themes"
                maxLength={800}
                value={moreThemes()}
                onInput={setMoreThemes}
                hint={t('publish.themes.hint')}
                error={form.error('themes')}
              />
            </fieldset>
            <TextInput
              label={t('publish.territories')}
              name="territories"
              maxLength={2000}
              value={territories()}
              onInput={setTerritories}
              hint={t('publish.territories.hint')}
              error={form.error('territories')}
            />
            <SelectField
              label={t('publish.licence')}
              name="licence"
              value={licence()}
              options={(Object.keys(LICENCES) as Licence[]).map((value) => ({ value, label: LICENCES[value].label }))}
              onChange={(value) => setLicence(value as Licence)}
              hint={t('publish.licence.hint')}
              error={form.error('licence')}
            />
            <div class="actions">
              <SubmitButton label={t('publish.submit')} busyLabel={t('publish.busy')} busy={form.busy()} />
              <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
                {t('publish.cancel')}
              </button>
            </div>
          </form>
        }
      >
        {(publication) => (
          <p role="status">
            {t('publish.done', { title: publication().title })}{' '}
            <A href={`/ressources/${publication().id}`}>{t('publish.see')}</A>
          </p>
        )}
      </Show>
    </section>
  );
}
