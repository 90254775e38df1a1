import {
  FANTASTIC_ROLES,
  type FantasticRole,
  ORGANISATION_KINDS,
  type OrganisationKind,
  ProfileUpdateSchema,
  type User,
} from '@atelier/contract';
import { A, useLocation } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { isLocale, locale } from '../../lib/i18n';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { RadioField } from '../../ui/radio-field';
import { SelectField } from '../../ui/select-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { CalendarFeed } from '../events/calendar-feed';
import { AttendedPermanences } from '../events/questions/attended-permanences';
import { MyData } from '../privacy/my-data';
import { PushDevices } from '../push/push-devices';
import { ApiTokens } from '../tokens/api-tokens';
import { t } from './accounts.i18n';
import { AvatarForm } from './avatar.form';
import { PasswordChangeForm } from './password-change.form';
import { draftFromUser, type ProfileDraft, profileChanges } from './profile-draft';
import { RequireSignIn } from './require-sign-in';
import { session } from './session.store';
import './accounts.css';
import { BlockedPeople } from '../moderation/blocked-people';

type Field = keyof ProfileDraft;

const BIO_MAX = 1000;

const FIELD_MESSAGES: Partial<Record<Field, () => string>> = {
  displayName: () => t('field.displayName.invalid'),
  themes: () => t('profile.themes.invalid'),
  bio: () => t('profile.bio.invalid'),
};

function AccountFacts(props: { user: User }) {
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">{t('profile.account')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('profile.email')}</dt>
          <dd>{props.user.email}</dd>
        </div>
        <div>
          <dt>{t('profile.memberSince')}</dt>
          <dd>{formatDate(props.user.createdAt, locale())}</dd>
        </div>
        <div>
          <dt>{t('profile.charter')}</dt>
          <dd>
            <Show when={props.user.charter} fallback={t('profile.charterMissing')}>
              {(charter) =>
                t('profile.charterAccepted', {
                  date: formatDate(charter().acceptedAt, locale()),
                  version: charter().version,
                })
              }
            </Show>
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** « Courriels et notifications »: a page of its own (`/profil/courriels`), the profile being long on a phone. */
function MailSettingsLink() {
  return (
    <section class="card" aria-labelledby="mail-settings-link-title">
      <h2 id="mail-settings-link-title">{t('profile.mail.heading')}</h2>
      <p>{t('profile.mail.intro')}</p>
      <p class="actions">
        <A href="/profil/courriels" class="button button--secondary">
          {t('profile.mail.link')}
        </A>
      </p>
    </section>
  );
}

function ProfileForm(props: { user: User }) {
  const [draft, setDraft] = createStore<ProfileDraft>(draftFromUser(props.user));
  const [saved, setSaved] = createSignal<string | null>(null);
  const form = createForm<Field>({ fieldMessages: FIELD_MESSAGES });
  const set =
    <K extends Field>(key: K) =>
    (value: ProfileDraft[K]) => {
      setSaved(null);
      setDraft(key, value);
    };

  const validate = () => {
    const parsed = ProfileUpdateSchema.safeParse(profileChanges(props.user, draft));
    const errors: Partial<Record<Field, string>> = {};
    if (parsed.success) return errors;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      const key = FIELD_MESSAGES[field];
      errors[field] ??= key ? key() : issue.message;
    }
    return errors;
  };

  const submit = form.handleSubmit(validate, async () => {
    const changes = profileChanges(props.user, draft);
    if (Object.keys(changes).length === 0) {
      setSaved(t('profile.noChange'));
      return;
    }
    const user = await session.updateProfile(changes);
    setDraft(draftFromUser(user));
    setSaved(t('profile.saved'));
  });

  const kinds = () => [
    { value: '', label: t('profile.organisationKind.none') },
    ...(Object.entries(ORGANISATION_KINDS) as [OrganisationKind, string][]).map(([value, label]) => ({ value, label })),
  ];
  const roles = () => [
    ...(Object.entries(FANTASTIC_ROLES) as [FantasticRole, { label: string; nickname: string }][]).map(
      ([value, role]) => ({ value, label: role.label, description: `« ${role.nickname} »` }),
    ),
    { value: '', label: t('profile.fantasticRole.none') },
  ];

  return (
    <section class="card" aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">{t('profile.section')}</h2>
      <form class="form" novalidate onSubmit={submit}>
        <ErrorAlert message={form.formError()} />
        <TextInput
          label={t('field.displayName')}
          name="displayName"
          autocomplete="name"
          required
          value={draft.displayName}
          onInput={set('displayName')}
          hint={t('field.displayName.hint')}
          error={form.error('displayName')}
        />
        <TextInput
          label={t('profile.organisationName')}
          name="organisationName"
          autocomplete="organization"
          value={draft.organisationName}
          onInput={set('organisationName')}
          hint={t('profile.organisationName.hint')}
          error={form.error('organisationName')}
        />
        <SelectField
          label={t('profile.organisationKind')}
          name="organisationKind"
          value={draft.organisationKind}
          options={kinds()}
          onChange={(value) => set('organisationKind')(value as OrganisationKind | '')}
          error={form.error('organisationKind')}
        />
        <TextInput
          label={t('profile.territory')}
          name="territory"
          value={draft.territory}
          onInput={set('territory')}
          hint={t('profile.territory.hint')}
          error={form.error('territory')}
        />
        <RadioField
          label={t('profile.fantasticRole')}
          name="fantasticRole"
          value={draft.fantasticRole}
          options={roles()}
          onChange={(value) => set('fantasticRole')(value as FantasticRole | '')}
          hint={t('profile.fantasticRole.hint')}
          error={form.error('fantasticRole')}
        />
        <TextInput
          label={t('profile.themes')}
          name="themes"
          value={draft.themes}
          onInput={set('themes')}
          hint={t('profile.themes.hint')}
          error={form.error('themes')}
        />
        <TextInput
          label={t('profile.bio')}
          name="bio"
          multiline
          rows={6}
          value={draft.bio}
          onInput={set('bio')}
          hint={t('profile.bio.hint')}
          status={t('profile.bio.count', { count: draft.bio.length })}
          error={form.error('bio') ?? (draft.bio.length > BIO_MAX ? t('profile.bio.invalid') : undefined)}
        />
        <SelectField
          label={t('profile.locale')}
          name="locale"
          value={draft.locale}
          options={[
            { value: 'fr', label: t('locale.fr') },
            { value: 'en', label: t('locale.en') },
          ]}
          onChange={(value) => {
            if (isLocale(value)) set('locale')(value);
          }}
        />
        <CheckboxField
          label={t('profile.listed')}
          name="listedInDirectory"
          checked={draft.listedInDirectory}
          onChange={set('listedInDirectory')}
          hint={t('profile.listed.hint')}
        />
        <StatusMessage message={saved()} />
        <SubmitButton label={t('profile.submit')} busyLabel={t('profile.submitting')} busy={form.busy()} />
      </form>
    </section>
  );
}

function Profile(props: { user: User }) {
  const location = useLocation<{ welcome?: boolean }>();
  return (
    <div class="page profile">
      <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
      <Show when={location.state?.welcome}>
        <div class="notice notice--success" role="status">
          <p>{t('profile.welcome', { name: props.user.displayName })}</p>
        </div>
      </Show>
      <div class="profile__grid">
        <ProfileForm user={props.user} />
        <div class="profile__side">
          {/* « Photo de profil »: shown beside the name in posts and the account menu. */}
          <AvatarForm user={props.user} />
          <AccountFacts user={props.user} />
          <MailSettingsLink />
          <PushDevices />
          <PasswordChangeForm />
          {/* « Accès par programme »: personal API tokens, each shown once. */}
          <ApiTokens />
          {/* « Mon agenda »: the secret address of the personal calendar feed. */}
          <CalendarFeed />
          {/* « Mes permanences »: the permanences this person was marked present at. */}
          <AttendedPermanences userId={props.user.id} />
          {/* « Mes données »: download a copy, or delete the account. */}
          <MyData />
          {/* « Personnes bloquées »: nothing from them reaches this person. */}
          <BlockedPeople />
        </div>
      </div>
    </div>
  );
}

export default function ProfilePage() {
  return (
    <RequireSignIn>
      {/* Not keyed: saving replaces the user object, and the page must not be rebuilt (focus). */}
      <Show when={session.user()}>{(user) => <Profile user={user()} />}</Show>
    </RequireSignIn>
  );
}
