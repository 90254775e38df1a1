import { useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, on, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../lib/i18n';
import { cleanQuery, QUERY_MAX, SEARCH_PATH, searchHref, spaceOfPath } from './search-url';
import './header-search.css';

/** Where typing `/` means the character, not the shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

export function MagnifierIcon() {
  return (
    <svg class="header-search__icon" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.4" />
      <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The header's search: a GET form to `/recherche` (it works before the script, and the router
 * takes it over after), with « dans cet espace » on a space's pages. From tablets up it folds
 * behind a magnifier button before the navigation (a disclosure, like the phone's menu): signed
 * in, the navigation leaves no room for a field beside it, and a second row on every page would
 * push the content down. On phones the header keeps one row, with no room for the magnifier
 * either: the field is the first thing in the menu's fold (CSS decides, by width). `/` anywhere
 * outside a field opens and focuses it; Escape folds it again. Plain elements only: this is in
 * every first download, where Kobalte is not. Not shown on the search page, which has its own
 * field (`data-search-field="page"`): there `/` goes to that one.
 */
export function HeaderSearch() {
  const location = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const [inSpace, setInSpace] = createSignal(false);
  const space = () => spaceOfPath(location.pathname);
  const onSearchPage = () => location.pathname === SEARCH_PATH;
  const formId = createUniqueId();
  const inputId = createUniqueId();
  let input: HTMLInputElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  createEffect(
    on(
      () => location.pathname,
      () => setOpen(false),
      { defer: true },
    ),
  );

  const openAndFocus = () => {
    setOpen(true);
    input?.focus();
  };

  const onKey = (event: KeyboardEvent) => {
    if (
      event.key === 'Escape' &&
      open() &&
      input &&
      event.target instanceof Node &&
      input.form?.contains(event.target)
    ) {
      setOpen(false);
      // On phones the magnifier is not shown (the field lives in the menu's fold).
      if (toggle?.offsetParent) toggle.focus();
      return;
    }
    if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    // Inside an open dialog or menu, the shortcut would take focus out of it.
    if (event.target instanceof Element && event.target.closest('[role="dialog"], [role="menu"]')) return;
    const pageField = document.querySelector<HTMLInputElement>('[data-search-field="page"]');
    const headerField = input?.isConnected ? input : undefined;
    if (!pageField && !headerField) return;
    event.preventDefault();
    if (pageField) pageField.focus();
    else openAndFocus();
    (pageField ?? headerField)?.select();
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const q = cleanQuery(input?.value ?? '');
    const slug = space();
    navigate(searchHref({ q, space: slug && inSpace() ? slug : null }));
    if (input) input.value = '';
  };

  return (
    <Show when={!onSearchPage()}>
      <button
        ref={toggle}
        type="button"
        class="header-search__toggle button button--secondary"
        aria-expanded={open() ? 'true' : 'false'}
        aria-controls={formId}
        onClick={() => (open() ? setOpen(false) : openAndFocus())}
      >
        <MagnifierIcon />
        <span class="visually-hidden">{t('layout.search.open')}</span>
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too recent for the browsers and screen readers some members use; role="search" on the form is understood everywhere. */}
      <form
        id={formId}
        class="header-search"
        classList={{ 'header-search--open': open() }}
        role="search"
        aria-label={t('layout.search.form')}
        action={SEARCH_PATH}
        method="get"
        onSubmit={submit}
      >
        <label class="visually-hidden" for={inputId}>
          {t('layout.search.label')}
        </label>
        <div class="header-search__row">
          <input
            ref={input}
            id={inputId}
            class="header-search__input"
            type="search"
            name="q"
            maxLength={QUERY_MAX}
            autocomplete="off"
            enterkeyhint="search"
            aria-keyshortcuts="/"
            placeholder={t('layout.search.placeholder')}
            data-search-field="header"
          />
          <button type="submit" class="header-search__submit">
            <MagnifierIcon />
            <span class="visually-hidden">{t('layout.search.submit')}</span>
          </button>
        </div>
        <Show when={space()}>
          {(slug) => (
            <label class="header-search__scope">
              <input
                type="checkbox"
                name="espace"
                value={slug()}
                checked={inSpace()}
                onChange={(event) => setInSpace(event.currentTarget.checked)}
              />
              {t('layout.search.inSpace')}
            </label>
          )}
        </Show>
      </form>
    </Show>
  );
}
