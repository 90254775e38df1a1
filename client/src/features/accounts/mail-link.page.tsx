import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, onMount, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { t } from './accounts.i18n';
import { session } from './session.store';

type State = 'checking' | 'missing' | 'invalid' | 'failed';

/** Landing page of the emailed sign-in link: redeems the token once, then goes to the profile. */
export default function MailLinkPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [state, setState] = createSignal<State>('checking');
  const [failure, setFailure] = createSignal('');

  onMount(async () => {
    const token = typeof params.token === 'string' ? params.token : '';
    if (!token) {
      setState('missing');
      return;
    }
    try {
      await session.verifyMailLink({ token });
      navigate('/', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'invalid_token' || error.code === 'invalid_input')) {
        setState('invalid');
      } else {
        setFailure(errorText(error));
        setState('failed');
      }
    }
  });

  return (
    <div class="page page--narrow">
      <PageHeading title={t('mailLink.title')}>{t('mailLink.title')}</PageHeading>
      <Switch>
        <Match when={state() === 'checking'}>
          <p role="status">{t('mailLink.checking')}</p>
        </Match>
        <Match when={state() === 'missing'}>
          <ErrorAlert message={t('mailLink.missing')} />
        </Match>
        <Match when={state() === 'invalid'}>
          <ErrorAlert message={t('mailLink.invalid')} />
        </Match>
        <Match when={state() === 'failed'}>
          <ErrorAlert message={failure()} />
        </Match>
      </Switch>
      <Switch>
        <Match when={state() !== 'checking'}>
          <p class="actions">
            <A href="/connexion" class="button button--primary">
              {t('mailLink.retry')}
            </A>
          </p>
        </Match>
      </Switch>
    </div>
  );
}
