import { PasswordSchema, RegisterBodySchema } from '@atelier/contract';
import { t } from './accounts.i18n';

/**
 * Field checks before sending, taken from the contract's own schemas so that the page and the
 * server never disagree on a rule (length, control characters, password minimum).
 */
export const displayNameError = (value: string) => {
  if (value.trim() === '') return t('field.displayName.required');
  return RegisterBodySchema.shape.displayName.safeParse(value).success ? undefined : t('field.displayName.invalid');
};

export const newPasswordError = (value: string) =>
  PasswordSchema.safeParse(value).success ? undefined : t('field.password.invalid');
