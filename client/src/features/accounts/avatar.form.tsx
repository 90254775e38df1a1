import { AVATAR_ALLOWED_TYPES, AVATAR_MAX_BYTES, type User } from '@atelier/contract';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { locale } from '../../lib/i18n';
import { Avatar } from '../../ui/avatar';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { fileProblem, formatBytes } from '../documents/file-rules';
import { t } from './accounts.i18n';
import { session } from './session.store';

const maxSize = () => formatBytes(AVATAR_MAX_BYTES, locale());
const tooLarge = (file: File) => t('avatar.tooLarge', { size: formatBytes(file.size, locale()), max: maxSize() });

/** Why a picture was refused, by the server's error code, in words a person can act on. */
function avatarError(error: unknown, file: File): string {
  if (!(error instanceof ApiError)) return errorText(error);
  switch (error.code) {
    case 'file_too_large':
    case 'payload_too_large':
      return tooLarge(file);
    case 'file_type_forbidden':
    case 'unsupported_media_type':
      return t('avatar.forbiddenType');
    case 'image_unreadable':
      return t('avatar.unreadable');
    case 'invalid_input':
      return t('avatar.missing');
    default:
      return errorText(error);
  }
}

/**
 * « Photo de profil »: the current picture (or the initials), a file picker and « Retirer la
 * photo ». The size is checked here first (no point sending 30 MB to hear "too large"); the
 * type is the server's decision, from the content. Outcomes are announced: refusals through the
 * alert, successes through the polite status region.
 */
export function AvatarForm(props: { user: User }) {
  const id = createUniqueId();
  let input: HTMLInputElement | undefined;
  const [busy, setBusy] = createSignal<'upload' | 'remove' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);

  const refuse = (message: string) => {
    setError(message);
    input?.focus();
  };

  const upload = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setStatus(null);
    const file = input?.files?.[0];
    if (!file || fileProblem(file, AVATAR_MAX_BYTES) === 'empty') return refuse(t('avatar.missing'));
    if (fileProblem(file, AVATAR_MAX_BYTES) === 'too_large') return refuse(tooLarge(file));
    setError(null);
    setBusy('upload');
    try {
      await session.setAvatar(file);
      if (input) input.value = '';
      setStatus(t('avatar.saved'));
    } catch (failure) {
      refuse(avatarError(failure, file));
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
      await session.removeAvatar();
      setStatus(t('avatar.removed'));
      // The button goes with the picture: focus moves to the picker rather than the page.
      input?.focus();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('avatar.heading')}</h2>
      <div class="avatar-form__current">
        <Avatar name={props.user.displayName} id={props.user.id} url={props.user.avatarUrl} size="large" />
        <p>{props.user.avatarUrl ? t('avatar.current') : t('avatar.none')}</p>
      </div>
      <form class="form" novalidate onSubmit={upload}>
        <ErrorAlert message={error()} />
        <StatusMessage message={status()} />
        <div class="field">
          <label class="field__label" for={`${id}-file`}>
            {t('avatar.file')}
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            class="avatar-form__file"
            type="file"
            name="file"
            accept={AVATAR_ALLOWED_TYPES.join(',')}
            aria-describedby={`${id}-hint`}
            aria-invalid={error() ? 'true' : undefined}
            onChange={() => {
              setError(null);
              setStatus(null);
            }}
          />
          <p class="field__hint" id={`${id}-hint`}>
            {t('avatar.hint', { max: maxSize() })}
          </p>
        </div>
        <div class="actions">
          <SubmitButton label={t('avatar.submit')} busyLabel={t('avatar.submitting')} busy={busy() === 'upload'} />
          <Show when={props.user.avatarUrl}>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy() !== null || undefined}
              aria-busy={busy() === 'remove' || undefined}
              onClick={() => void remove()}
            >
              {busy() === 'remove' ? t('avatar.removing') : t('avatar.remove')}
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}
