import { A, useBeforeLeave, useLocation, useNavigate } from '@solidjs/router';
import {
  createEffect,
  createSignal,
  ErrorBoundary,
  type JSX,
  lazy,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Suspense,
  Switch,
} from 'solid-js';
import { signInHref } from '../features/accounts/return-path';
import { session } from '../features/accounts/session.store';
import { HeaderSearch } from '../features/search/header-search';
import { t, withMessages } from '../lib/i18n';
import { markNavigated } from '../lib/page';
import { LocaleSwitch } from './locale-switch';
import { toastsWanted } from './toaster';
import './layout.css';

/**
 * The menu (Kobalte DropdownMenu with its positioning engine) is only needed once signed in:
 * loading it apart keeps the first page light for visitors.
 */
const UserMenu = lazy(() => import('./user-menu').then(withMessages).then((module) => ({ default: module.UserMenu })));
/** Mounted at the first toast (see `toaster.tsx`). */
const ToastRegion = lazy(() => import('./toast-region').then((module) => ({ default: module.ToastRegion })));

/** The bell brings the live socket with it: loaded apart too, once signed in. */
const NotificationsBell = lazy(() =>
  import('../features/notifications/notifications-bell')
    .then(withMessages)
    .then((module) => ({ default: module.NotificationsBell })),
);

/** « Messages » with its unread count (live, with the socket): loaded apart too, once signed in. */
const MessagesLink = lazy(() =>
  import('../features/messages/messages-link').then(withMessages).then((module) => ({ default: module.MessagesLink })),
);

/**
 * On phones the navigation folds behind a « Menu » button (a disclosure: aria-expanded), so that
 * the header takes one row; it folds again on every navigation and with Escape. The search field
 * comes first in that fold; on wider screens it folds behind a magnifier (features/search/).
 */
function Header() {
  const location = useLocation();
  const [open, setOpen] = createSignal(false);
  createEffect(
    on(
      () => location.pathname + location.search,
      () => setOpen(false),
      { defer: true },
    ),
  );
  let toggle: HTMLButtonElement | undefined;
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open()) return;
    setOpen(false);
    toggle?.focus();
  };
  onMount(() => document.addEventListener('keydown', closeOnEscape));
  onCleanup(() => document.removeEventListener('keydown', closeOnEscape));
  return (
    <header class="site-header" classList={{ 'site-header--open': open() }}>
      <div class="site-header__inner">
        <A href="/" class="brand" aria-label={t('layout.home')} end>
          <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path d="M9 22c0-7 5-12 14-13-1 9-6 14-13 14" fill="#cfe8d6" />
          </svg>
          <span class="brand__name">{t('app.name')}</span>
        </A>
        <button
          ref={toggle}
          type="button"
          class="site-nav__toggle button button--secondary"
          aria-expanded={open() ? 'true' : 'false'}
          aria-controls="site-nav"
          onClick={() => setOpen((value) => !value)}
        >
          {t('layout.menu')}
        </button>
        <HeaderSearch />
        <nav id="site-nav" class="site-nav" aria-label={t('layout.mainNav')}>
          <ul class="site-nav__list">
            <li>
              <A href="/" class="site-nav__link" end>
                {t('nav.home')}
              </A>
            </li>
            <li>
              <A href="/espaces" class="site-nav__link">
                {t('nav.spaces')}
              </A>
            </li>
            <li>
              <A href="/agenda" class="site-nav__link">
                {t('nav.agenda')}
              </A>
            </li>
            <Switch>
              <Match when={session.status() === 'loading'}>
                {/* Room for the sign-in links while the probe answers, so that nothing below moves. */}
                <li class="site-nav__placeholder" aria-hidden="true">
                  <span class="site-nav__link">{t('nav.signIn')}</span>
                </li>
                <li class="site-nav__placeholder" aria-hidden="true">
                  <span class="site-nav__link site-nav__link--cta">{t('nav.signUp')}</span>
                </li>
              </Match>
              <Match when={session.user()}>
                {(user) => (
                  <>
                    <li>
                      <A href="/annuaire" class="site-nav__link">
                        {t('nav.directory')}
                      </A>
                    </li>
                    <li>
                      <Suspense>
                        <MessagesLink userId={user().id} />
                      </Suspense>
                    </li>
                    <li>
                      <Suspense>
                        <NotificationsBell userId={user().id} />
                      </Suspense>
                    </li>
                    <li>
                      <Suspense>
                        <UserMenu name={user().displayName} id={user().id} avatarUrl={user().avatarUrl} />
                      </Suspense>
                    </li>
                  </>
                )}
              </Match>
              <Match when={session.status() === 'signedOut'}>
                <li>
                  <A href={signInHref(location)} class="site-nav__link">
                    {t('nav.signIn')}
                  </A>
                </li>
                <li>
                  <A href="/inscription" class="site-nav__link site-nav__link--cta">
                    {t('nav.signUp')}
                  </A>
                </li>
              </Match>
            </Switch>
          </ul>
        </nav>
        <LocaleSwitch />
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p>{t('layout.footer.about')}</p>
        <ul class="site-footer__links">
          <li>
            <A href="/inscription#charte">{t('layout.footer.charter')}</A>
          </li>
          <li>
            <A href="/confidentialite">{t('layout.footer.privacy')}</A>
          </li>
          <Show when={import.meta.env.DEV}>
            <li>
              <A href="/dev/boite-mail">{t('layout.footer.mailbox')}</A>
            </li>
          </Show>
        </ul>
      </div>
    </footer>
  );
}

/** A lazy page that failed to download (offline, new deployment): reloading fixes both. */
function PageLoadError() {
  return (
    <div class="page">
      <div class="notice notice--error" role="alert">
        <p>{t('page.loadError')}</p>
        <button type="button" class="button button--secondary" onClick={() => location.reload()}>
          {t('common.retry')}
        </button>
      </div>
    </div>
  );
}

/**
 * Handled here rather than by the router, which would only scroll: focus must land in main
 * so that the next Tab continues from the content.
 */
function skipToContent(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('contenu')?.focus();
}

/** Landmarks shared by every page: skip link, header with navigation, main, footer. */
/** Pages a person who has not adhered to the charter may still open: the charter, its text, privacy. */
const BEFORE_CHARTER = ['/charte', '/inscription', '/confidentialite', '/deconnexion'];

/**
 * A signed-in person who has not adhered to the charter (an account made on a first sign-in
 * through OpenID Connect) is brought to the charter step first, wherever they go.
 */
function useCharterStep() {
  const location = useLocation();
  const navigate = useNavigate();
  createEffect(() => {
    const user = session.user();
    if (!user || user.charter || user.role === 'admin') return;
    if (BEFORE_CHARTER.includes(location.pathname)) return;
    navigate(`/charte?retour=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  });
}

export function Layout(props: { children?: JSX.Element }) {
  useBeforeLeave(() => markNavigated());
  useCharterStep();
  return (
    <>
      <a class="skip-link" href="#contenu" on:click={skipToContent}>
        {t('layout.skipLink')}
      </a>
      <Header />
      <main id="contenu" class="site-main" tabindex="-1">
        <ErrorBoundary fallback={() => <PageLoadError />}>
          <Suspense
            fallback={
              <p class="page page--loading" role="status">
                {t('page.loading')}
              </p>
            }
          >
            {props.children}
          </Suspense>
        </ErrorBoundary>
      </main>
      <Footer />
      <Show when={toastsWanted()}>
        <Suspense>
          <ToastRegion />
        </Suspense>
      </Show>
    </>
  );
}
