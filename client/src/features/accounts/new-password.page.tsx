import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createForm } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { newPasswordError } from './account-rules';
import { t } from './accounts.i18n';
import { session } from './session.store';
import './accounts.css';

/** Landing page of the reset link: choose a new password, and be signed in. */
export default function NewPasswordPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = () => (typeof params.token === 'string' ? params.token : '');
  const [password, setPassword] = createSignal('');
  const [expired, setExpired] = createSignal(false);

  const form = createForm<'password'>({
    fieldMessages: { password: () => t('field.password.invalid') },
    onError: (error) => {
      const tokenProblem =
        error.code === 'invalid_token' || (error.code === 'invalid_input' && 'body.token' in error.details);
      if (!tokenProblem) return undefined;
      setExpired(true);
      return { message: t('reset.invalidToken') };
    },
  });

  const submit = form.handleSubmit(
    () => ({ password: newPasswordError(password()) }),
    async () => {
      await session.confirmPasswordReset({ token: token(), password: password() });
      notify(t('reset.done'));
      navigate('/profil', { replace: true });
    },
  );

  return (
    <div class="page page--narrow">
      <PageHeading title={t('reset.title')}>{t('reset.title')}</PageHeading>
      <Show
        when={token()}
        fallback={
          <>
            <ErrorAlert message={t('reset.missingToken')} />
            <p class="actions">
              <A href="/mot-de-passe-oublie" class="button button--primary">
                {t('reset.newLink')}
              </A>
            </p>
          </>
        }
      >
        <p class="lead">{t('reset.intro')}</p>
        <form class="form" novalidate onSubmit={submit}>
          <ErrorAlert message={form.formError()}>
            <Show when={expired()}>
              <p>
                <A href="/mot-de-passe-oublie">{t('reset.newLink')}</A>
              </p>
            </Show>
          </ErrorAlert>
          <TextInput
            label={t('reset.password')}
            name="password"
            type="password"
            autocomplete="new-password"
            required
            value={password()}
            onInput={setPassword}
            hint={t('field.password.rule')}
            error={form.error('password')}
          />
          <SubmitButton label={t('reset.submit')} busyLabel={t('reset.submitting')} busy={form.busy()} />
        </form>
      </Show>
    </div>
  );
}
