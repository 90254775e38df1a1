import type { AuditEntry } from '@atelier/contract';
import { createSignal, For, onMount, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { RequireSignIn } from '../accounts/require-sign-in';
import { privacyApi } from './privacy.api';
import { type MessageKey, t } from './privacy.i18n';
import './privacy.css';

/** Labels of the actions this client knows; another feature's new action shows its code. */
const ACTION_LABELS: Record<string, MessageKey> = {
  role_change: 'audit.action.role_change',
  member_removal: 'audit.action.member_removal',
  export: 'audit.action.export',
  erasure: 'audit.action.erasure',
  moderation_keep: 'audit.action.moderation_keep',
  moderation_hide: 'audit.action.moderation_hide',
  moderation_delete: 'audit.action.moderation_delete',
};

const actionLabel = (action: string) => {
  const key = ACTION_LABELS[action] ?? (action.startsWith('moderation') ? 'audit.action.moderation' : undefined);
  return key ? t(key) : action;
};

/** A space role as people read it (the log stores its code). */
const roleLabel = (role: string) =>
  role === 'membre' || role === 'animateur' ? t(`audit.role.${role}` as MessageKey) : role;

/** A short line of what the entry's details say, for the actions this client knows. */
function detailsOf(entry: AuditEntry): string {
  const details = entry.details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof details.title === 'string') parts.push(`« ${details.title} »`);
  if (typeof details.space === 'string') parts.push(t('audit.space', { space: details.space }));
  if (typeof details.from === 'string' && typeof details.to === 'string') {
    parts.push(t('audit.role', { from: roleLabel(details.from), to: roleLabel(details.to) }));
  }
  if (entry.action === 'erasure') parts.push(details.deletePosts ? t('audit.deletePosts') : t('audit.keptPosts'));
  if (typeof details.note === 'string') parts.push(details.note);
  return parts.join(' · ');
}

/** `/admin/journal`: the audit log, newest first, 50 at a time (« Voir plus »). Admins only. */
function AuditLog() {
  const [items, setItems] = createSignal<AuditEntry[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  // The row that takes focus after « Voir plus »: the first of the page just added.
  let focusIndex = -1;
  let firstNew: HTMLTableRowElement | undefined;

  const load = async (after: string | null) => {
    setLoading(true);
    setError(null);
    const before = items().length;
    try {
      const page = await privacyApi.audit(after);
      focusIndex = before;
      setItems([...items(), ...page.items]);
      setCursor(page.nextCursor);
      setLoaded(true);
      // « Voir plus »: focus goes to the first new row, so keyboard and screen-reader users
      // continue where the list grew instead of starting over.
      if (before > 0) queueMicrotask(() => firstNew?.focus());
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 403 ? t('audit.forbidden') : t('audit.error'));
    } finally {
      setLoading(false);
    }
  };

  onMount(() => void load(null));

  return (
    <div class="page audit">
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      <p>{t('audit.lead')}</p>
      <ErrorAlert message={error()} />
      <Show when={loaded()}>
        <Show when={items().length > 0} fallback={<p>{t('audit.empty')}</p>}>
          <section class="audit__scroller" aria-labelledby="audit-caption" tabindex="0">
            <table class="audit__table">
              <caption id="audit-caption">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.what')}</th>
                  <th scope="col">{t('audit.whom')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(entry, index) => (
                    <tr
                      ref={(row) => {
                        if (index() === focusIndex) firstNew = row;
                      }}
                      tabindex="-1"
                    >
                      <td>
                        <time datetime={entry.at}>{formatDateTime(entry.at, locale())}</time>
                      </td>
                      <td>{entry.actor.name}</td>
                      <td>{actionLabel(entry.action)}</td>
                      <td>{entry.target?.name ?? ''}</td>
                      <td>{detailsOf(entry)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </section>
        </Show>
      </Show>
      <Show when={loading()}>
        <p role="status">{t('audit.loadingMore')}</p>
      </Show>
      <Show when={cursor() && !loading()}>
        <button type="button" class="button button--secondary" onClick={() => void load(cursor())}>
          {t('audit.more')}
        </button>
      </Show>
    </div>
  );
}

export default function AuditPage() {
  return (
    <RequireSignIn>
      <AuditLog />
    </RequireSignIn>
  );
}
