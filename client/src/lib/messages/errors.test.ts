import { ERROR_CODES } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { errorText } from '../form';
import { loadCatalogue, translate } from '../i18n';
import { errorsEn } from './errors.en';
import { errorsFr } from './errors.fr';

const codes = Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[];

describe('error messages', () => {
  it('give every error code of the contract a French and an English message', () => {
    const missing = codes.flatMap((code) => {
      const key = `error.${code}` as const;
      return [...(errorsFr[key]?.trim() ? [] : [`fr: ${key}`]), ...(errorsEn[key]?.trim() ? [] : [`en: ${key}`])];
    });
    expect(missing).toEqual([]);
  });

  it('are what a person reads for each code, never the generic fallback', async () => {
    await loadCatalogue('en');
    const generic = translate('fr', 'error.generic');
    for (const code of codes) {
      const french = translate('fr', `error.${code}`);
      expect(french, code).not.toBe(`error.${code}`);
      expect(translate('en', `error.${code}`), code).not.toBe(french);
      expect(errorText(new ApiError(code, ERROR_CODES[code], 'server words')), code).toBe(french);
      if (code !== 'internal_error') expect(french, code).not.toBe(generic);
    }
  });
});
