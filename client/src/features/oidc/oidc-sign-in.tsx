import { OIDC_ERROR_CODES, type OidcErrorCode } from '@atelier/contract';
import { Show } from 'solid-js';
import { ErrorAlert } from '../../ui/feedback';
import { session } from '../accounts/session.store';
import { t } from './oidc.i18n';
import './oidc.css';

const isOidcError = (value: unknown): value is OidcErrorCode =>
  typeof value === 'string' && (OIDC_ERROR_CODES as readonly string[]).includes(value);

/**
 * « Se connecter avec ProConnect » on the sign-in page, when the server has a provider, and the
 * reason a sign-in through it came back refused (`?erreur=`). The button is a plain link: the
 * browser leaves for the provider (`rel="external"` keeps the router out of it).
 */
export function OidcSignIn(props: { error: unknown; returnTo: string }) {
  const href = () => `/api/auth/oidc/start?returnTo=${encodeURIComponent(props.returnTo)}`;
  return (
    <>
      <ErrorAlert message={isOidcError(props.error) ? t(`error.${props.error}`) : null} />
      <Show when={session.oidcProvider()}>
        {(provider) => (
          <section class="sign-in__way sign-in__oidc" aria-labelledby="oidc-heading">
            <h2 id="oidc-heading">{t('oidc.heading')}</h2>
            <p class="muted">{t('oidc.intro')}</p>
            <a class="button" rel="external" href={href()}>
              {t('oidc.button', { name: provider().name })}
            </a>
          </section>
        )}
      </Show>
    </>
  );
}
