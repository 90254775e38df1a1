import { LOGO_ALLOWED_TYPES, LOGO_MAX_BYTES, type OrganisationDetail } from '@atelier/contract';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { locale } from '../../lib/i18n';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { fileProblem, formatBytes } from '../documents/file-rules';
import { organisationsApi } from './organisations.api';
import { t } from './organisations.i18n';

const maxSize = () => formatBytes(LOGO_MAX_BYTES, locale());
const tooLarge = (file: File) =>
  t('organisation.logo.tooLarge', { size: formatBytes(file.size, locale()), max: maxSize() });

/** Why a logo was refused, by the server's error code, in words a person can act on. */
function logoError(error: unknown, file: File): string {
  if (!(error instanceof ApiError)) return errorText(error);
  switch (error.code) {
    case 'file_too_large':
    case 'payload_too_large':
      return tooLarge(file);
    case 'file_type_forbidden':
    case 'unsupported_media_type':
      return t('organisation.logo.forbiddenType');
    case 'image_unreadable':
      return t('organisation.logo.unreadable');
    case 'invalid_input':
      return t('organisation.logo.missing');
    default:
      return errorText(error);
  }
}

/**
 * « Logo », for admins and referents: the current logo (its alt is the organisation's name:
 * here it is what the section is about), a file picker and « Retirer le logo ». As for a
 * profile picture, the size is checked here first and the type is the server's decision.
 */
export function LogoForm(props: { detail: OrganisationDetail; onChange: (detail: OrganisationDetail) => void }) {
  const id = createUniqueId();
  let input: HTMLInputElement | undefined;
  const [busy, setBusy] = createSignal<'upload' | 'remove' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  const organisation = () => props.detail.organisation;

  const refuse = (message: string) => {
    setError(message);
    input?.focus();
  };

  const upload = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setStatus(null);
    const file = input?.files?.[0];
    if (!file || fileProblem(file, LOGO_MAX_BYTES) === 'empty') return refuse(t('organisation.logo.missing'));
    if (fileProblem(file, LOGO_MAX_BYTES) === 'too_large') return refuse(tooLarge(file));
    setError(null);
    setBusy('upload');
    try {
      props.onChange(await organisationsApi.setLogo(organisation().slug, file));
      if (input) input.value = '';
      setStatus(t('organisation.logo.saved'));
    } catch (failure) {
      refuse(logoError(failure, file));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (busy()) return;
    setError(null);
    setStatus(null);
    setBusy('remove');
    try {
      props.onChange(await organisationsApi.removeLogo(organisation().slug));
      setStatus(t('organisation.logo.removed'));
      // The button goes with the logo: focus moves to the picker rather than the page.
      input?.focus();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="organisation__logo-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('organisation.logo.heading')}</h3>
      <Show when={organisation().logoUrl} fallback={<p class="muted">{t('organisation.logo.none')}</p>}>
        {(url) => <img class="organisation__logo" src={url()} alt={organisation().name} width="256" height="256" />}
      </Show>
      <form class="form" novalidate onSubmit={upload}>
        <ErrorAlert message={error()} />
        <StatusMessage message={status()} />
        <div class="field">
          <label class="field__label" for={`${id}-file`}>
            {t('organisation.logo.file')}
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            name="file"
            accept={LOGO_ALLOWED_TYPES.join(',')}
            aria-describedby={`${id}-hint`}
            aria-invalid={error() ? 'true' : undefined}
            onChange={() => {
              setError(null);
              setStatus(null);
            }}
          />
          <p class="field__hint" id={`${id}-hint`}>
            {t('organisation.logo.hint', { max: maxSize() })}
          </p>
        </div>
        <div class="actions">
          <SubmitButton
            label={t('organisation.logo.submit')}
            busyLabel={t('organisation.logo.submitting')}
            busy={busy() === 'upload'}
          />
          <Show when={organisation().logoUrl}>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy() !== null || undefined}
              aria-busy={busy() === 'remove' || undefined}
              onClick={() => void remove()}
            >
              {busy() === 'remove' ? t('organisation.logo.removing') : t('organisation.logo.remove')}
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}
