import type { MailChoice, NotificationSettings, SpaceMailMode } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { PageHeading } from '../../ui/page-heading';
import { RadioField } from '../../ui/radio-field';
import { SelectField } from '../../ui/select-field';
import { RequireSignIn } from '../accounts/require-sign-in';
import { type MessageKey, t } from './mail.i18n';
import { type ChoiceKind, SPACE_MODE_LABELS, SPACE_MODES } from './mail-lists';
import { createMailSettings } from './mail-settings.store';
import './mail.css';

/** One setting of the page: `mentions`, `replies`, `reminders` or `space:<slug>`. */
type SettingKey = ChoiceKind | `space:${string}`;

/** What « each » means for each list: its first option's label. */
const EACH_LABELS: Record<ChoiceKind, MessageKey> = {
  mentions: 'mailSettings.mentions.each',
  replies: 'mailSettings.replies.each',
  reminders: 'mailSettings.reminders.each',
};

type Outcome = { state: 'saving' | 'saved' } | { state: 'failed'; message: string };

/**
 * Saving as the person chooses. What they picked shows at once; « Enregistré » only once the
 * server has answered, and a refusal puts the setting back as the server has it and says why.
 * Only the last change of a setting speaks: earlier answers of the same setting are passed over.
 */
function createAutosave() {
  const [chosen, setChosen] = createStore<Partial<Record<SettingKey, string>>>({});
  const [outcomes, setOutcomes] = createStore<Partial<Record<SettingKey, Outcome>>>({});
  const latest: Partial<Record<SettingKey, number>> = {};

  const save = async (key: SettingKey, value: string, send: () => Promise<unknown>) => {
    const turn = (latest[key] ?? 0) + 1;
    latest[key] = turn;
    setChosen(key, value);
    // One « Enregistré » at a time: the one of the setting just changed.
    for (const [other, outcome] of Object.entries(outcomes) as [SettingKey, Outcome | undefined][]) {
      if (other !== key && outcome?.state === 'saved') setOutcomes(other, undefined);
    }
    setOutcomes(key, { state: 'saving' });
    try {
      await send();
      if (latest[key] !== turn) return;
      setOutcomes(key, { state: 'saved' });
    } catch (failure) {
      if (latest[key] !== turn) return;
      setOutcomes(key, { state: 'failed', message: errorText(failure) });
    }
    setChosen(key, undefined);
  };

  return { chosen: (key: SettingKey) => chosen[key], outcome: (key: SettingKey) => outcomes[key], save };
}

/** The setting's polite status line (kept in the page, so that it is listened to) and its alert. */
function SaveStatus(props: { outcome: Outcome | undefined }) {
  const failure = () => {
    const outcome = props.outcome;
    return outcome?.state === 'failed' ? outcome.message : null;
  };
  return (
    <>
      <p role="status" class="mail-settings__status">
        <Show when={props.outcome?.state === 'saving'}>{t('mailSettings.saving')}</Show>
        <Show when={props.outcome?.state === 'saved'}>
          <span class="mail-settings__saved">
            <span aria-hidden="true">✓ </span>
            {t('mailSettings.saved')}
          </span>
        </Show>
      </p>
      <ErrorAlert message={failure()} />
    </>
  );
}

function MailSettingsForm(props: {
  settings: NotificationSettings;
  setChoice: (kind: ChoiceKind, value: MailChoice) => Promise<unknown>;
  setSpaceMode: (slug: string, mode: SpaceMailMode) => Promise<unknown>;
}) {
  const autosave = createAutosave();
  const choiceOptions = (kind: ChoiceKind) => [
    { value: 'each', label: t(EACH_LABELS[kind]) },
    { value: 'off', label: t('mailSettings.never') },
  ];
  const modeOptions = () => SPACE_MODES.map((mode) => ({ value: mode, label: t(SPACE_MODE_LABELS[mode]) }));
  const isChoice = (value: string): value is MailChoice => value === 'each' || value === 'off';
  const isMode = (value: string): value is SpaceMailMode => (SPACE_MODES as readonly string[]).includes(value);
  // Rows are keyed on the slug: every answer is a new list of new objects, and a row rebuilt
  // would take the focus from its select and replace its status region before it spoke.
  const slugs = createMemo(() => props.settings.spaces.map((space) => space.slug));
  const spaces = createMemo(() => new Map(props.settings.spaces.map((space) => [space.slug, space])));

  const Choice = (choice: { kind: ChoiceKind; label: string; hint?: string }) => (
    <div class="mail-settings__setting">
      <RadioField
        label={choice.label}
        {...(choice.hint ? { hint: choice.hint } : {})}
        name={choice.kind}
        value={autosave.chosen(choice.kind) ?? props.settings[choice.kind]}
        options={choiceOptions(choice.kind)}
        onChange={(value) => {
          if (isChoice(value)) void autosave.save(choice.kind, value, () => props.setChoice(choice.kind, value));
        }}
      />
      <SaveStatus outcome={autosave.outcome(choice.kind)} />
    </div>
  );

  return (
    <>
      <section class="card mail-settings__section" aria-labelledby="mail-personal-title">
        <h2 id="mail-personal-title">{t('mailSettings.personal')}</h2>
        <Choice kind="mentions" label={t('mailSettings.mentions')} />
        <Choice kind="replies" label={t('mailSettings.replies')} />
        <Choice kind="reminders" label={t('mailSettings.reminders')} hint={t('mailSettings.reminders.hint')} />
      </section>
      <section class="card mail-settings__section" aria-labelledby="mail-spaces-title">
        <h2 id="mail-spaces-title">{t('mailSettings.spaces')}</h2>
        <Show
          when={props.settings.spaces.length > 0}
          fallback={
            <>
              <p>{t('mailSettings.empty')}</p>
              <p class="actions">
                <A href="/espaces" class="button button--primary">
                  {t('mailSettings.discover')}
                </A>
              </p>
            </>
          }
        >
          <p>{t('mailSettings.spaces.intro')}</p>
          <p class="muted">{t('mailSettings.spaces.defaults')}</p>
          <For each={slugs()}>
            {(slug) => {
              const key = `space:${slug}` as const;
              const space = () => spaces().get(slug);
              return (
                <Show when={space()}>
                  {(shown) => (
                    <div class="mail-settings__setting">
                      <SelectField
                        label={shown().title}
                        name={`space-${slug}`}
                        value={autosave.chosen(key) ?? shown().mode}
                        options={modeOptions()}
                        onChange={(value) => {
                          if (isMode(value)) void autosave.save(key, value, () => props.setSpaceMode(slug, value));
                        }}
                      />
                      <SaveStatus outcome={autosave.outcome(key)} />
                    </div>
                  )}
                </Show>
              );
            }}
          </For>
        </Show>
      </section>
    </>
  );
}

function MailSettingsContent() {
  const store = createMailSettings();
  return (
    <Loadable error={t('mailSettings.error')} retry={store.reload}>
      <Show when={store.settings()}>
        {(settings) => (
          <MailSettingsForm settings={settings()} setChoice={store.setChoice} setSpaceMode={store.setSpaceMode} />
        )}
      </Show>
    </Loadable>
  );
}

/**
 * `/profil/courriels`: what one receives by mail — mentions, replies, event reminders, and a
 * mode per space — each saved as it is chosen. A page of its own rather than one more card of the profile: on a
 * phone the profile is already long, and the unsubscribe page links straight here.
 */
export default function MailSettingsPage() {
  return (
    <RequireSignIn>
      <div class="page page--narrow mail-settings">
        <p class="mail__crumbs">
          <A href="/profil">{t('mailSettings.back')}</A>
        </p>
        <PageHeading title={t('mailSettings.title')}>{t('mailSettings.title')}</PageHeading>
        <p class="lead">{t('mailSettings.lead')}</p>
        <MailSettingsContent />
      </div>
    </RequireSignIn>
  );
}
