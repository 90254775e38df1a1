import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { createForm, errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { displayNameError, newPasswordError } from '../accounts/account-rules';
import { t as accountsT } from '../accounts/accounts.i18n';
import { Charter } from '../accounts/charter';
import { session } from '../accounts/session.store';
import { createInvitation } from './invitation.store';
import { spaceHref } from './space-card';
import { t } from './spaces.i18n';
import '../accounts/accounts.css';
import './spaces.css';

type Invitation = NonNullable<ReturnType<ReturnType<typeof createInvitation>['preview']>>;
type Accept = ReturnType<typeof createInvitation>['accept'];

function AcceptButton(props: { invitation: Invitation; accept: Accept }) {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const accept = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const result = await props.accept();
      notify(t('invitation.joined', { title: result.space.title }));
      navigate(spaceHref(result.space));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorAlert message={error()} />
      <p class="actions">
        <button
          type="button"
          class="button button--primary"
          aria-busy={busy() || undefined}
          aria-disabled={busy() || undefined}
          onClick={() => void accept()}
        >
          <Show when={busy()} fallback={t('invitation.accept')}>
            <span class="spinner" aria-hidden="true" />
            {t('invitation.accepting')}
          </Show>
        </button>
      </p>
    </>
  );
}

type Field = 'displayName' | 'password' | 'acceptCharter';

/** No account yet for the invited address: create it with the invitation, in one step. */
function AccountForm(props: { invitation: Invitation; accept: Accept }) {
  const navigate = useNavigate();
  const [displayName, setDisplayName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [accepted, setAccepted] = createSignal(false);
  const form = createForm<Field>({
    fieldMessages: {
      displayName: () => accountsT('field.displayName.invalid'),
      password: () => accountsT('field.password.invalid'),
      acceptCharter: () => accountsT('signUp.accept.required'),
    },
  });
  const submit = form.handleSubmit(
    () => ({
      displayName: displayNameError(displayName()),
      password: newPasswordError(password()),
      acceptCharter: accepted() ? undefined : accountsT('signUp.accept.required'),
    }),
    async () => {
      const result = await props.accept({ displayName: displayName().trim(), password: password() });
      notify(t('invitation.joined', { title: result.space.title }));
      navigate(spaceHref(result.space));
    },
  );
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">{t('invitation.create.title')}</h2>
      <p>{t('invitation.create.intro', { email: props.invitation.email })}</p>
      <form class="form" novalidate onSubmit={submit}>
        <p class="muted">{t('common.requiredNote')}</p>
        <ErrorAlert message={form.formError()} />
        {/* The address is the invitation's own: shown, not typed (helps password managers). */}
        <input type="hidden" name="email" autocomplete="username" value={props.invitation.email} />
        <TextInput
          label={accountsT('field.displayName')}
          name="displayName"
          autocomplete="name"
          required
          value={displayName()}
          onInput={setDisplayName}
          hint={accountsT('field.displayName.hint')}
          error={form.error('displayName')}
        />
        <TextInput
          label={accountsT('field.password')}
          name="password"
          type="password"
          autocomplete="new-password"
          required
          value={password()}
          onInput={setPassword}
          hint={accountsT('field.password.rule')}
          error={form.error('password')}
        />
        <Charter headingLevel={3} />
        <CheckboxField
          label={accountsT('signUp.accept')}
          name="acceptCharter"
          required
          checked={accepted()}
          onChange={setAccepted}
          error={form.error('acceptCharter')}
        />
        <SubmitButton
          label={t('invitation.create.submit')}
          busyLabel={t('invitation.create.submitting')}
          busy={form.busy()}
        />
      </form>
    </section>
  );
}

function InvitationView(props: { invitation: Invitation; accept: Accept; token: string }) {
  const returnTo = () => encodeURIComponent(`/invitation?token=${props.token}`);
  const user = () => session.user();
  const sameEmail = () => user()?.email.toLowerCase() === props.invitation.email.toLowerCase();
  return (
    <>
      <div class="card invitation__preview">
        <p class="space-card__kind">{t(`space.kind.${props.invitation.space.kind}`)}</p>
        <p class="invitation__space">{props.invitation.space.title}</p>
        <p>
          {props.invitation.invitedBy
            ? t('invitation.by', { name: props.invitation.invitedBy.displayName })
            : t('invitation.byNobody')}{' '}
          {t(props.invitation.role === 'animateur' ? 'invitation.asAnimateur' : 'invitation.asMembre')}
        </p>
        <p class="muted">{t('invitation.expires', { date: formatDate(props.invitation.expiresAt, locale()) })}</p>
        <p>
          <A href={spaceHref(props.invitation.space)}>{t('invitation.seeSpace')}</A>
        </p>
      </div>
      <Switch>
        <Match when={session.status() === 'loading'}>
          <p role="status">{t('common.loading')}</p>
        </Match>
        <Match when={user() && sameEmail()}>
          <AcceptButton invitation={props.invitation} accept={props.accept} />
        </Match>
        <Match when={user()}>
          {(signedIn) => (
            <div class="notice notice--info">
              <p>{t('invitation.otherAccount', { email: props.invitation.email, current: signedIn().email })}</p>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => void session.logout().catch(() => undefined)}
              >
                {t('nav.signOut')}
              </button>
            </div>
          )}
        </Match>
        <Match when={props.invitation.accountExists}>
          <p>{t('invitation.signIn', { email: props.invitation.email })}</p>
          <p class="actions">
            <A href={`/connexion?retour=${returnTo()}`} class="button button--primary">
              {t('nav.signIn')}
            </A>
          </p>
        </Match>
        <Match when={!props.invitation.accountExists}>
          <AccountForm invitation={props.invitation} accept={props.accept} />
        </Match>
      </Switch>
    </>
  );
}

/** `/invitation?token=…`: the landing page of an invitation mail. */
export default function InvitationPage() {
  const [params] = useSearchParams<{ token?: string }>();
  const token = () => (typeof params.token === 'string' ? params.token : undefined);
  const invitation = createInvitation(token);
  const expired = () =>
    invitation.malformed() ||
    (invitation.preview.error instanceof ApiError &&
      (invitation.preview.error.code === 'invalid_token' || invitation.preview.error.code === 'invalid_input'));
  return (
    <div class="page page--narrow">
      <PageHeading title={t('invitation.title')}>{t('invitation.title')}</PageHeading>
      <Switch fallback={<p role="status">{t('common.loading')}</p>}>
        <Match when={expired()}>
          <div class="notice notice--error" role="alert">
            <p>{t('invitation.invalid')}</p>
          </div>
          <p>{t('invitation.invalid.help')}</p>
          <p class="actions">
            <A href="/espaces" class="button button--secondary">
              {t('space.backToSpaces')}
            </A>
          </p>
        </Match>
        <Match when={invitation.preview.error}>
          {(error) => (
            <div class="notice notice--error" role="alert">
              <p>{errorText(error())}</p>
            </div>
          )}
        </Match>
        <Match when={invitation.preview()}>
          {(preview) => <InvitationView invitation={preview()} accept={invitation.accept} token={token() ?? ''} />}
        </Match>
      </Switch>
    </div>
  );
}
