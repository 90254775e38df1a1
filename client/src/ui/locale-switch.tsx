import type { Locale } from '@atelier/contract';
import { ToggleGroup } from '@kobalte/core/toggle-group';
import { For } from 'solid-js';
import { chooseLocale, locale, t } from '../lib/i18n';

const LOCALES: Locale[] = ['fr', 'en'];

/**
 * Two toggle buttons (aria-pressed) showing "FR" / "EN"; each is named in full in its own
 * language ("Français", "English") for assistive technologies.
 */
export function LocaleSwitch() {
  return (
    <ToggleGroup
      class="locale-switch"
      value={locale()}
      onChange={(value) => {
        if (value === 'fr' || value === 'en') chooseLocale(value);
      }}
      aria-label={t('locale.label')}
    >
      <For each={LOCALES}>
        {(value) => (
          <ToggleGroup.Item class="locale-switch__item" value={value} lang={value}>
            <span aria-hidden="true">{t(`locale.${value}.short`)}</span>
            <span class="visually-hidden">{t(`locale.${value}`)}</span>
          </ToggleGroup.Item>
        )}
      </For>
    </ToggleGroup>
  );
}
