import type { FlagTargetType } from '@atelier/contract';
import { createSignal, Show } from 'solid-js';
import { session } from '../accounts/session.store';
import { FlagDialog } from './flag-dialog';
import { t } from './moderation.i18n';

/**
 * « Signaler » on a document or a file, named after it; shown to signed-in people who did not
 * write it (the server decides the rest). Focus returns here when the dialog closes.
 */
export function FlagButton(props: { type: FlagTargetType; id: string; name: string; authorId: string | null }) {
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  const shown = () => {
    const me = session.user()?.id;
    return me !== undefined && me !== props.authorId;
  };
  return (
    <Show when={shown()}>
      <button
        ref={button}
        type="button"
        class="button button--secondary"
        aria-label={t('flag.actionNamed', { name: props.name })}
        onClick={() => setOpen(true)}
      >
        {t('flag.action')}
      </button>
      <FlagDialog
        open={open()}
        onOpenChange={setOpen}
        target={{ type: props.type, id: props.id }}
        focusAfterClose={() => button}
      />
    </Show>
  );
}
