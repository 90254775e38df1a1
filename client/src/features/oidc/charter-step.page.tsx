import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createForm } from '../../lib/form';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, InfoNote } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { Charter } from '../accounts/charter';
import { RequireSignIn } from '../accounts/require-sign-in';
import { safeReturnPath } from '../accounts/return-path';
import { session } from '../accounts/session.store';
import { t } from './oidc.i18n';
import './oidc.css';

/**
 * `/charte`: where a first sign-in through the provider lands. The account exists, but
 * membership means adhering to the charter, asked here exactly as sign-up asks it (the same
 * text, the same box, the same message when it is not ticked).
 */
function CharterStep() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [accepted, setAccepted] = createSignal(false);
  const form = createForm<'acceptCharter'>({ fieldMessages: { acceptCharter: () => t('signUp.accept.required') } });
  const next = () => safeReturnPath(params.retour, '/');
  const organisation = () => {
    const slug = typeof params.organisation === 'string' ? params.organisation : '';
    const name = session.user()?.profile.organisationName;
    return /^[a-z0-9-]{1,120}$/.test(slug) && name ? { slug, name } : null;
  };

  const submit = form.handleSubmit(
    () => ({ acceptCharter: accepted() ? undefined : t('signUp.accept.required') }),
    async () => {
      await session.acceptCharter();
      navigate(next(), { replace: true });
    },
  );

  return (
    <div class="page page--narrow">
      <PageHeading title={t('charterStep.title')}>{t('charterStep.title')}</PageHeading>
      <Show
        when={!session.user()?.charter}
        fallback={
          <p>
            {t('charterStep.done')} <A href={next()}>{t('charterStep.continue')}</A>
          </p>
        }
      >
        <p class="lead">{t('charterStep.intro', { name: session.user()?.displayName ?? '' })}</p>
        <Show when={organisation()}>
          {(found) => (
            <InfoNote>
              <p>
                {t('charterStep.organisation', { name: found().name })}{' '}
                <A href={`/allie-es/${found().slug}`}>{t('charterStep.organisationLink')}</A>
              </p>
            </InfoNote>
          )}
        </Show>
        <form class="form" novalidate onSubmit={submit}>
          <ErrorAlert message={form.formError()} />
          <Charter />
          <CheckboxField
            label={t('signUp.accept')}
            name="acceptCharter"
            required
            checked={accepted()}
            onChange={setAccepted}
            error={form.error('acceptCharter')}
          />
          <SubmitButton label={t('charterStep.submit')} busyLabel={t('charterStep.submitting')} busy={form.busy()} />
        </form>
      </Show>
    </div>
  );
}

export default function CharterStepPage() {
  return (
    <RequireSignIn>
      <CharterStep />
    </RequireSignIn>
  );
}
