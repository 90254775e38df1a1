import type { BulkInvitationResult, BulkLineProblem } from '@atelier/contract';
import { createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import type { SpaceStore } from './space.store';
import { type MessageKey, t, tc } from './spaces.i18n';

const PROBLEMS: Record<BulkLineProblem, MessageKey> = {
  invalid_email: 'manage.bulk.problem.invalid_email',
  duplicate_email: 'manage.bulk.problem.duplicate_email',
  invalid_name: 'manage.bulk.problem.invalid_name',
  invalid_organisation: 'manage.bulk.problem.invalid_organisation',
  invalid_territory: 'manage.bulk.problem.invalid_territory',
  unknown_territory: 'manage.bulk.problem.unknown_territory',
  unknown_role4F: 'manage.bulk.problem.unknown_role4F',
};

/**
 * A cohort at once: the lines of a CSV pasted or read from a file, checked by the server
 * (every wrong line named) before anything is sent; then one click sends them all, or none.
 */
export function BulkInvite(props: { store: SpaceStore }) {
  const [csv, setCsv] = createSignal('');
  const [checked, setChecked] = createSignal<BulkInvitationResult | null>(null);
  const [sent, setSent] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const edit = (value: string) => {
    setCsv(value);
    setChecked(null);
    setSent(null);
  };
  const run = async (dryRun: boolean) => {
    if (busy() || !csv().trim()) return;
    setBusy(true);
    setError(null);
    try {
      const result = await props.store.inviteFromCsv(csv(), dryRun);
      if (dryRun) setChecked(result);
      else {
        setChecked(null);
        setSent(tc('manage.bulk.sent', result.invited));
        setCsv('');
      }
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file) edit(await file.text());
  };
  const canSend = () => {
    const result = checked();
    return result !== null && result.errors.length === 0 && result.ready > 0;
  };

  return (
    <section class="manage__section" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('manage.bulk')}</h2>
      <p>{t('manage.bulk.intro')}</p>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <ErrorAlert message={error()} />
        <div class="field">
          <label class="field__label" for="bulk-file">
            {t('manage.bulk.file')}
          </label>
          <input
            id="bulk-file"
            type="file"
            accept=".csv,text/csv"
            class="field__input"
            onChange={(event) => void readFile(event.currentTarget)}
          />
        </div>
        <div class="field">
          <label class="field__label" for="bulk-lines">
            {t('manage.bulk.lines')}
          </label>
          <span class="field__hint" id="bulk-lines-hint">
            {t('manage.bulk.linesHint')}
          </span>
          <textarea
            id="bulk-lines"
            class="field__input field__input--multiline"
            rows={6}
            aria-describedby="bulk-lines-hint"
            value={csv()}
            onInput={(event) => edit(event.currentTarget.value)}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button button--secondary" disabled={busy() || !csv().trim()}>
            {t('manage.bulk.check')}
          </button>
        </div>
      </form>
      <Show when={checked()}>
        {(result) => (
          <div class="bulk-preview" role="status">
            <p>
              {tc('manage.bulk.ready', result().ready)}
              <Show when={result().skipped > 0}> {tc('manage.bulk.skipped', result().skipped)}</Show>
            </p>
            <Show when={result().errors.length > 0}>
              <p>{tc('manage.bulk.problems', result().errors.length)}</p>
              <ul class="bulk-preview__errors">
                <For each={result().errors}>
                  {(problem) => (
                    <li>{t('manage.bulk.line', { line: problem.line, problem: t(PROBLEMS[problem.code]) })}</li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
      <Show when={canSend()}>
        <button type="button" class="button button--primary" disabled={busy()} onClick={() => void run(false)}>
          {tc('manage.bulk.send', checked()?.ready ?? 0)}
        </button>
      </Show>
      <StatusMessage message={sent()} />
    </section>
  );
}
