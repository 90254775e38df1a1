import { A, useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { createForm, looksLikeEmail } from '../../lib/form';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { displayNameError, newPasswordError } from './account-rules';
import { t } from './accounts.i18n';
import { Charter } from './charter';
import { session } from './session.store';
import './accounts.css';

type Field = 'email' | 'password' | 'displayName' | 'acceptCharter';

export default function SignUpPage() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [accepted, setAccepted] = createSignal(false);

  const form = createForm<Field>({
    fieldMessages: {
      email: () => t('field.email.invalid'),
      password: () => t('field.password.invalid'),
      displayName: () => t('field.displayName.invalid'),
      acceptCharter: () => t('signUp.accept.required'),
    },
    onError: (error) => (error.code === 'email_taken' ? { fields: { email: t('signUp.emailTaken') } } : undefined),
  });

  const validate = () => ({
    email: looksLikeEmail(email()) ? undefined : t('field.email.invalid'),
    password: newPasswordError(password()),
    displayName: displayNameError(displayName()),
    acceptCharter: accepted() ? undefined : t('signUp.accept.required'),
  });

  const submit = form.handleSubmit(validate, async () => {
    await session.register({ email: email().trim(), password: password(), displayName: displayName().trim() });
    navigate('/bienvenue');
  });

  return (
    <div class="page page--narrow">
      <PageHeading title={t('signUp.title')}>{t('signUp.title')}</PageHeading>
      <p class="lead">{t('signUp.intro')}</p>
      <form class="form" novalidate onSubmit={submit}>
        <p class="muted">{t('common.requiredNote')}</p>
        <ErrorAlert message={form.formError()} />
        <TextInput
          label={t('field.email')}
          name="email"
          type="email"
          autocomplete="email"
          required
          value={email()}
          onInput={setEmail}
          hint={t('field.email.hint')}
          error={form.error('email')}
        />
        <TextInput
          label={t('field.password')}
          name="password"
          type="password"
          autocomplete="new-password"
          required
          value={password()}
          onInput={setPassword}
          hint={t('field.password.rule')}
          error={form.error('password')}
        />
        <TextInput
          label={t('field.displayName')}
          name="displayName"
          autocomplete="name"
          required
          value={displayName()}
          onInput={setDisplayName}
          hint={t('field.displayName.hint')}
          error={form.error('displayName')}
        />
        <Charter />
        <CheckboxField
          label={t('signUp.accept')}
          name="acceptCharter"
          required
          checked={accepted()}
          onChange={setAccepted}
          error={form.error('acceptCharter')}
        />
        <SubmitButton label={t('signUp.submit')} busyLabel={t('signUp.submitting')} busy={form.busy()} />
      </form>
      <p class="aside-link">
        {t('signUp.haveAccount')} <A href="/connexion">{t('signUp.signInLink')}</A>
      </p>
    </div>
  );
}
