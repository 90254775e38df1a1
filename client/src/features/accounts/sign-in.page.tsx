import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createForm, looksLikeEmail } from '../../lib/form';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { OidcSignIn } from '../oidc/oidc-sign-in';
import { t } from './accounts.i18n';
import { safeReturnPath } from './return-path';
import { session } from './session.store';
import './accounts.css';

type Field = 'email' | 'password';
type Method = 'password' | 'mail';

/** The 6-digit code from the mail, once the person asked for one. */
function CodeForm(props: { email: string; onSignedIn: () => void; onRestart: () => void }) {
  const [code, setCode] = createSignal('');
  const form = createForm<'code'>({
    fieldMessages: { code: () => t('signIn.code.invalid') },
    onError: (error) =>
      error.code === 'invalid_token' || error.code === 'invalid_credentials' || error.code === 'invalid_input'
        ? { fields: { code: t('signIn.code.wrong') } }
        : undefined,
  });
  const submit = form.handleSubmit(
    () => ({ code: /^\d{6}$/.test(code().trim()) ? undefined : t('signIn.code.invalid') }),
    async () => {
      await session.verifyMailLink({ email: props.email, code: code().trim() });
      props.onSignedIn();
    },
  );
  return (
    <form class="form form--inset" novalidate onSubmit={submit}>
      <ErrorAlert message={form.formError()} />
      <TextInput
        label={t('signIn.code')}
        name="code"
        inputMode="numeric"
        autocomplete="one-time-code"
        maxLength={6}
        required
        value={code()}
        onInput={(value) => setCode(value.replace(/\D/g, ''))}
        hint={t('signIn.code.hint')}
        error={form.error('code')}
        class="field--short"
      />
      <div class="actions">
        <SubmitButton label={t('signIn.code.submit')} busyLabel={t('signIn.code.submitting')} busy={form.busy()} />
        <button type="button" class="button button--link" onClick={() => props.onRestart()}>
          {t('signIn.code.otherEmail')}
        </button>
      </div>
    </form>
  );
}

export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [method, setMethod] = createSignal<Method>('password');
  /** The address a link and code were sent to; shows the code form. */
  const [mailSentTo, setMailSentTo] = createSignal<string | null>(null);

  const form = createForm<Field>({
    fieldMessages: { email: () => t('field.email.invalid'), password: () => t('field.password.empty') },
    onError: (error) =>
      error.code === 'invalid_credentials' ? { message: t('signIn.invalidCredentials') } : undefined,
  });

  const goOn = () => navigate(safeReturnPath(params.retour, '/'), { replace: true });

  const emailError = () => (looksLikeEmail(email()) ? undefined : t('field.email.invalid'));

  const withPassword = form.handleSubmit(
    () => ({ email: emailError(), password: password() ? undefined : t('field.password.empty') }),
    async () => {
      await session.login({ email: email().trim(), password: password() });
      goOn();
    },
  );

  const withMail = form.handleSubmit(
    () => ({ email: emailError() }),
    async () => {
      const address = email().trim();
      await session.requestMailLink(address);
      setMailSentTo(address);
    },
  );

  const submit = (event: SubmitEvent) => {
    const chosen: Method = (event.submitter as HTMLButtonElement | null)?.value === 'mail' ? 'mail' : 'password';
    setMethod(chosen);
    return chosen === 'mail' ? withMail(event) : withPassword(event);
  };

  return (
    <div class="page page--narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <p class="lead">{t('signIn.intro')}</p>
      <OidcSignIn error={params.erreur} returnTo={safeReturnPath(params.retour, '/')} />
      <form class="form" novalidate onSubmit={submit}>
        <ErrorAlert message={form.formError()} />
        <TextInput
          label={t('field.email')}
          name="email"
          type="email"
          autocomplete="username"
          required
          value={email()}
          onInput={setEmail}
          error={form.error('email')}
        />
        <fieldset class="sign-in__way">
          <legend>{t('signIn.password.heading')}</legend>
          <TextInput
            label={t('field.password')}
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={setPassword}
            error={form.error('password')}
          />
          <p class="sign-in__forgot">
            <A href="/mot-de-passe-oublie">{t('signIn.forgot')}</A>
          </p>
          <SubmitButton
            label={t('signIn.submit')}
            busyLabel={t('signIn.submitting')}
            busy={form.busy() && method() === 'password'}
            value="password"
          />
        </fieldset>
        <fieldset class="sign-in__way">
          <legend>{t('signIn.mail.heading')}</legend>
          <p class="muted">{t('signIn.mail.intro')}</p>
          <SubmitButton
            label={t('signIn.mail.submit')}
            busyLabel={t('signIn.mail.submitting')}
            busy={form.busy() && method() === 'mail'}
            variant="secondary"
            value="mail"
          />
        </fieldset>
      </form>
      <StatusMessage message={mailSentTo() ? t('signIn.mail.sent', { email: mailSentTo() ?? '' }) : null} />
      <Show when={mailSentTo()}>
        {(address) => <CodeForm email={address()} onSignedIn={goOn} onRestart={() => setMailSentTo(null)} />}
      </Show>
      <p class="aside-link">
        {t('signIn.noAccount')} <A href="/inscription">{t('signIn.signUpLink')}</A>
      </p>
    </div>
  );
}
