import type { Locale } from '@atelier/contract';
import { For } from 'solid-js';
import { chooseLocale, locale, t } from '../lib/i18n';

const LOCALES: Locale[] = ['fr', 'en'];

/**
 * Two toggle buttons (aria-pressed) in a fieldset named by its legend, showing "FR" / "EN";
 * each is named in full in its own language ("Français", "English") for assistive technologies.
 * Plain buttons rather than a toggle-group primitive: the switch is in every first download,
 * and two buttons need no roving focus.
 */
export function LocaleSwitch() {
  return (
    <fieldset class="locale-switch">
      <legend class="visually-hidden">{t('locale.label')}</legend>
      <For each={LOCALES}>
        {(value) => (
          <button
            type="button"
            class="locale-switch__item"
            lang={value}
            aria-pressed={locale() === value}
            onClick={() => {
              if (locale() !== value) chooseLocale(value);
            }}
          >
            <span aria-hidden="true">{t(`locale.${value}.short`)}</span>
            <span class="visually-hidden">{t(`locale.${value}`)}</span>
          </button>
        )}
      </For>
    </fieldset>
  );
}
