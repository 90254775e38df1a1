import { createSignal } from 'solid-js';
import { createForm } from '../../lib/form';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { newPasswordError } from './account-rules';
import { t } from './accounts.i18n';
import { session } from './session.store';

type Field = 'currentPassword' | 'newPassword';

/** Changing the password closes the other sessions; this one continues with a new token. */
export function PasswordChangeForm() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [done, setDone] = createSignal(false);

  const form = createForm<Field>({
    fieldMessages: {
      currentPassword: () => t('password.wrongCurrent'),
      newPassword: () => t('field.password.invalid'),
    },
    onError: (error) =>
      error.code === 'invalid_credentials' ? { fields: { currentPassword: t('password.wrongCurrent') } } : undefined,
  });

  const submit = form.handleSubmit(
    () => ({
      currentPassword: current() ? undefined : t('field.password.empty'),
      newPassword: newPasswordError(next()),
    }),
    async () => {
      setDone(false);
      await session.changePassword({ currentPassword: current(), newPassword: next() });
      setCurrent('');
      setNext('');
      setDone(true);
    },
  );

  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.heading')}</h2>
      <form class="form" novalidate onSubmit={submit}>
        <ErrorAlert message={form.formError()} />
        <StatusMessage message={done() ? t('password.changed') : null} />
        <TextInput
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          value={current()}
          onInput={setCurrent}
          error={form.error('currentPassword')}
        />
        <TextInput
          label={t('password.new')}
          name="newPassword"
          type="password"
          autocomplete="new-password"
          required
          value={next()}
          onInput={setNext}
          hint={t('field.password.rule')}
          error={form.error('newPassword')}
        />
        <SubmitButton
          label={t('password.submit')}
          busyLabel={t('password.submitting')}
          busy={form.busy()}
          variant="secondary"
        />
      </form>
    </section>
  );
}
