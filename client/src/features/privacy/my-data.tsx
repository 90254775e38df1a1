import { ERASURE_CONFIRMATION } from '@atelier/contract';
import { A, useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { errorText } from '../../lib/form';
import { CheckboxField } from '../../ui/checkbox-field';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { session } from '../accounts/session.store';
import { privacyApi } from './privacy.api';
import { t } from './privacy.i18n';
import './privacy.css';

/**
 * « Mes données » in the profile: ask for a copy (the link comes by mail — the page says so,
 * never "ready"), or delete the account after typing SUPPRIMER; then signed out, taken home
 * with a message.
 */
export function MyData() {
  const navigate = useNavigate();
  const [exporting, setExporting] = createSignal(false);
  const [requested, setRequested] = createSignal(false);
  const [exportError, setExportError] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal(false);
  const [typed, setTyped] = createSignal('');
  const [deletePosts, setDeletePosts] = createSignal(false);
  const [typedError, setTypedError] = createSignal<string | undefined>();
  const [erasing, setErasing] = createSignal(false);
  const [eraseError, setEraseError] = createSignal<string | null>(null);

  const requestExport = async () => {
    if (exporting()) return;
    setExporting(true);
    setExportError(null);
    try {
      await privacyApi.requestExport();
      setRequested(true);
    } catch (failure) {
      setExportError(errorText(failure));
    } finally {
      setExporting(false);
    }
  };

  const openDialog = (value: boolean) => {
    setOpen(value);
    if (!value) {
      setTyped('');
      setDeletePosts(false);
      setTypedError(undefined);
      setEraseError(null);
    }
  };

  const erase = async () => {
    if (typed().trim() !== ERASURE_CONFIRMATION) {
      setTypedError(t('myData.erase.confirmError'));
      return;
    }
    setTypedError(undefined);
    setErasing(true);
    setEraseError(null);
    try {
      await privacyApi.erase({ confirm: ERASURE_CONFIRMATION, deletePosts: deletePosts() });
    } catch (failure) {
      setEraseError(errorText(failure));
      setErasing(false);
      return;
    }
    // Erased on the server (its answer came): only now say so, signed out, at home.
    await session.logout().catch(() => undefined);
    setOpen(false);
    notify(t('myData.erased'));
    navigate('/', { replace: true });
  };

  return (
    <section class="card my-data" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('myData.heading')}</h2>
      <p>{t('myData.lead')}</p>
      <p>
        <A href="/confidentialite">{t('myData.privacyLink')}</A>
      </p>
      <ErrorAlert message={exportError()} />
      <StatusMessage message={requested() ? t('myData.exportRequested') : null} />
      <div class="my-data__actions">
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={exporting() || undefined}
          aria-busy={exporting() || undefined}
          onClick={requestExport}
        >
          {exporting() ? t('myData.exporting') : t('myData.export')}
        </button>
        <button type="button" class="button button--secondary my-data__erase" onClick={() => openDialog(true)}>
          {t('myData.erase')}
        </button>
      </div>
      <ConfirmDialog
        open={open()}
        onOpenChange={openDialog}
        title={t('myData.erase.title')}
        description={<p>{t('myData.erase.description')}</p>}
        confirmLabel={t('myData.erase.confirm')}
        busyLabel={t('myData.erase.busy')}
        busy={erasing()}
        error={eraseError()}
        onConfirm={erase}
      >
        <div class="form my-data__confirm">
          <TextInput
            label={t('myData.erase.confirmLabel')}
            name="confirm"
            value={typed()}
            onInput={setTyped}
            autocomplete="off"
            error={typedError()}
            required
          />
          <CheckboxField
            label={t('myData.erase.deletePosts')}
            name="deletePosts"
            checked={deletePosts()}
            onChange={setDeletePosts}
          />
        </div>
      </ConfirmDialog>
    </section>
  );
}
