import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createForm, looksLikeEmail } from '../../lib/form';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { t } from './accounts.i18n';
import { session } from './session.store';
import './accounts.css';

/** Asks for a reset link. The answer never says whether the address has an account. */
export default function ForgotPasswordPage() {
  const [email, setEmail] = createSignal('');
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const form = createForm<'email'>({ fieldMessages: { email: () => t('field.email.invalid') } });

  const submit = form.handleSubmit(
    () => ({ email: looksLikeEmail(email()) ? undefined : t('field.email.invalid') }),
    async () => {
      const address = email().trim();
      await session.requestPasswordReset(address);
      setSentTo(address);
    },
  );

  return (
    <div class="page page--narrow">
      <PageHeading title={t('forgot.title')}>{t('forgot.title')}</PageHeading>
      <p class="lead">{t('forgot.intro')}</p>
      <StatusMessage message={sentTo() ? t('forgot.sent', { email: sentTo() ?? '' }) : null} />
      <Show when={!sentTo()}>
        <form class="form" novalidate onSubmit={submit}>
          <ErrorAlert message={form.formError()} />
          <TextInput
            label={t('field.email')}
            name="email"
            type="email"
            autocomplete="email"
            required
            value={email()}
            onInput={setEmail}
            error={form.error('email')}
          />
          <SubmitButton label={t('forgot.submit')} busyLabel={t('forgot.submitting')} busy={form.busy()} />
        </form>
      </Show>
      <p class="aside-link">
        <A href="/connexion">{t('forgot.back')}</A>
      </p>
    </div>
  );
}
