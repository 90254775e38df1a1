import { FILE_MAX_BYTES, type SpaceFile } from '@atelier/contract';
import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { locale } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import type { UploadHandle } from './documents.api';
import { t } from './documents.i18n';
import { FILE_ACCEPT, fileProblem, formatBytes } from './file-rules';
import type { ResourcesStore } from './resources.store';

/** The reason a file was refused, in words a person can act on. */
function uploadError(error: unknown, file: File): string {
  const lang = locale();
  const max = formatBytes(FILE_MAX_BYTES, lang);
  if (error instanceof ApiError) {
    if (error.code === 'file_too_large' || error.code === 'payload_too_large' || error.status === 413)
      return t('resources.files.tooLarge', { name: file.name, size: formatBytes(file.size, lang), max });
    if (error.code === 'file_type_forbidden' || error.code === 'unsupported_media_type' || error.status === 415)
      return t('resources.files.forbiddenType');
  }
  return errorText(error);
}

/**
 * Choosing or dropping one file, sending it with a progress bar. The size is checked here
 * first (no point sending 30 MB to hear "too large"); the type is the server's decision.
 */
export function FileUpload(props: { store: ResourcesStore; onUploaded: (file: SpaceFile) => void }) {
  const id = createUniqueId();
  const [progress, setProgress] = createSignal<{ name: string; fraction: number } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [dragging, setDragging] = createSignal(false);
  let input: HTMLInputElement | undefined;
  let current: UploadHandle | null = null;
  onCleanup(() => current?.abort());

  const send = async (file: File) => {
    if (current) return;
    setError(null);
    const problem = fileProblem(file);
    if (problem) {
      const lang = locale();
      setError(
        problem === 'empty'
          ? t('resources.files.empty.file', { name: file.name })
          : t('resources.files.tooLarge', {
              name: file.name,
              size: formatBytes(file.size, lang),
              max: formatBytes(FILE_MAX_BYTES, lang),
            }),
      );
      return;
    }
    setProgress({ name: file.name, fraction: 0 });
    current = props.store.upload(file, (fraction) => setProgress({ name: file.name, fraction }));
    try {
      props.onUploaded(await current.done);
    } catch (failure) {
      if (!(failure instanceof DOMException && failure.name === 'AbortError')) setError(uploadError(failure, file));
    } finally {
      current = null;
      setProgress(null);
      if (input) input.value = '';
    }
  };

  const percent = () => Math.round((progress()?.fraction ?? 0) * 100);

  return (
    // The whole card takes a dropped file; the real (visually hidden) input is the keyboard's way in.
    <fieldset
      class="resource-form card drop-zone"
      classList={{ 'drop-zone--active': dragging() }}
      onDragEnter={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer?.files[0];
        if (file) void send(file);
      }}
    >
      <legend class="drop-zone__legend">{t('resources.files.upload')}</legend>
      <ErrorAlert message={error()} />
      <div class="drop-zone__row">
        <input
          ref={input}
          id={`${id}-input`}
          class="drop-zone__input"
          type="file"
          name="file"
          accept={FILE_ACCEPT}
          aria-describedby={`${id}-hint`}
          disabled={progress() !== null}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void send(file);
          }}
        />
        <label class="button button--secondary drop-zone__choose" for={`${id}-input`}>
          {t('resources.files.choose')}
        </label>
        <span class="drop-zone__or">{t('resources.files.drop')}</span>
        <p class="field__hint drop-zone__hint" id={`${id}-hint`}>
          {t('resources.files.hint', { max: formatBytes(FILE_MAX_BYTES, locale()) })}
        </p>
      </div>
      <div role="status" class="upload-status">
        <Show when={progress()}>
          {(running) => (
            <div class="upload-progress">
              <label for={`${id}-progress`}>
                {t('resources.files.progress', { name: running().name, percent: percent() })}
              </label>
              <progress id={`${id}-progress`} max={100} value={percent()} />
              <button type="button" class="button button--secondary" onClick={() => current?.abort()}>
                {t('resources.files.cancelUpload')}
              </button>
            </div>
          )}
        </Show>
      </div>
    </fieldset>
  );
}
