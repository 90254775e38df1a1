import { ApiError } from '../../../lib/api';
import { errorText } from '../../../lib/form';
import { t } from './questions.i18n';

/** The questions' own refusals in words that say what to do; anything else as usual. */
export function questionErrorText(failure: unknown): string {
  if (failure instanceof ApiError) {
    if (failure.code === 'not_registered') return t('questions.error.not_registered');
    if (failure.code === 'event_cancelled') return t('questions.error.event_cancelled');
    if (failure.code === 'questions_closed') return t('questions.error.closed');
  }
  return errorText(failure);
}
