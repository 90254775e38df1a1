import { Navigate, useLocation } from '@solidjs/router';
import { type JSX, Match, Switch } from 'solid-js';
import { t } from './accounts.i18n';
import { session } from './session.store';

/** Shows its children to a signed-in person; sends anyone else to sign in, then back here. */
export function RequireSignIn(props: { children: JSX.Element }) {
  const location = useLocation();
  const back = () => encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <Switch>
      <Match when={session.status() === 'loading'}>
        <p class="page" role="status">
          {t('common.loading')}
        </p>
      </Match>
      <Match when={session.status() === 'signedOut'}>
        <Navigate href={`/connexion?retour=${back()}`} />
      </Match>
      <Match when={session.status() === 'signedIn'}>{props.children}</Match>
    </Switch>
  );
}
