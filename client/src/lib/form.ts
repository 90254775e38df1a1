import { createSignal } from 'solid-js';
import { ApiError, fieldErrors } from './api';
import { type MessageKey, t, tc } from './i18n';

/** The message for an API failure, in the reader's language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}` as MessageKey;
    return t(key) === key ? t('error.generic') : t(key);
  }
  return t('error.generic');
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** What a form does with an API failure: per-field messages, a form-level message, or both. */
export interface Failure<F extends string> {
  fields?: FieldErrors<F>;
  message?: string;
}

interface FormOptions<F extends string> {
  /** The message shown for a field the server found invalid, instead of the server's own words. */
  fieldMessages?: Partial<Record<F, () => string>>;
  /** Special cases (e.g. `email_taken`); return undefined to fall back on the generic handling. */
  onError?: (error: ApiError) => Failure<F> | undefined;
}

/**
 * State of one form: field errors, a form-level error, and a busy flag. On failure the first
 * invalid field takes focus, so keyboard and screen-reader users land where the fix is; the
 * summary is also announced through the form's alert.
 */
export function createForm<F extends string>(options: FormOptions<F> = {}) {
  const [errors, setErrors] = createSignal<FieldErrors<F>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const focusFirstInvalid = (form: HTMLFormElement) => {
    queueMicrotask(() => {
      const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      invalid?.focus();
    });
  };

  const fromApiError = (error: unknown): Failure<F> => {
    if (!(error instanceof ApiError)) return { message: errorText(error) };
    const special = options.onError?.(error);
    if (special) return special;
    if (error.code === 'invalid_input') {
      const fields: FieldErrors<F> = {};
      for (const [field, messages] of Object.entries(fieldErrors(error))) {
        const message = options.fieldMessages?.[field as F];
        fields[field as F] = message ? message() : messages.join(' ');
      }
      return { fields, message: t('error.invalid_input') };
    }
    return { message: errorText(error) };
  };

  /**
   * Wraps a submit handler: checks the fields, runs the action once at a time, and turns an
   * ApiError into visible, announced messages.
   */
  const handleSubmit = (validate: () => FieldErrors<F>, action: () => Promise<void>) => async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const form = event.currentTarget as HTMLFormElement;
    const found = validate();
    const count = Object.values(found).filter(Boolean).length;
    setErrors(() => found);
    if (count > 0) {
      setFormError(tc('common.formErrors', count));
      focusFirstInvalid(form);
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      const failure = fromApiError(error);
      setErrors(() => failure.fields ?? {});
      setFormError(failure.message ?? null);
      if (failure.fields && Object.keys(failure.fields).length > 0) focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  };

  return {
    errors,
    error: (field: F) => errors()[field],
    formError,
    setFormError,
    busy,
    handleSubmit,
    clearError: (field: F) => setErrors((current) => ({ ...current, [field]: undefined })),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const looksLikeEmail = (value: string) => EMAIL.test(value.trim());
