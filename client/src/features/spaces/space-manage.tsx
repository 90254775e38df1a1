import type { JoinRequest, MembershipRole } from '@atelier/contract';
import { createSignal, For, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm, errorText, looksLikeEmail } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { RadioField } from '../../ui/radio-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { SpaceWebhooks } from '../webhooks/space-webhooks';
import { BulkInvite } from './bulk-invite';
import { OpenInvitations } from './open-invitations';
import { createRequestsStore, type SpaceStore } from './space.store';
import { draftFromSpace, type SpaceDraft, spaceChanges } from './space-draft';
import { SPACE_FIELD_MESSAGES, type SpaceField, SpaceFields, validateDraft } from './space-form';
import { PersonFacts } from './space-members';
import { t } from './spaces.i18n';

/** Pending requests: approve or decline, each announced, focus back on the list's heading. */
function JoinRequests(props: { store: SpaceStore }) {
  let heading: HTMLHeadingElement | undefined;
  const requests = createRequestsStore(() => props.store.space()!.space.slug);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const load = () => requests.reload().catch((failure) => setError(errorText(failure)));
  onMount(() => void load());

  const decide = async (request: JoinRequest, approve: boolean) => {
    if (requests.deciding()) return;
    setError(null);
    setDone(null);
    try {
      if (approve) await requests.approve(request.user.id);
      else await requests.decline(request.user.id);
      setDone(t(approve ? 'manage.requests.approved' : 'manage.requests.declined', { name: request.user.displayName }));
      heading?.focus();
      await props.store.refresh().catch(() => undefined);
    } catch (failure) {
      setError(errorText(failure));
      // Someone else may have decided meanwhile: show the list as it is now.
      void requests.reload().catch(() => undefined);
    }
  };

  return (
    <section class="manage__section" aria-labelledby="requests-title">
      <h2 id="requests-title" ref={heading} tabindex="-1">
        {t('manage.requests')}
      </h2>
      <ErrorAlert message={error()} />
      <StatusMessage message={done()} />
      <Show
        when={requests.state.status === 'ready' || requests.state.items.length > 0}
        fallback={
          <Show when={requests.state.status === 'loading'}>
            <p role="status">{t('common.loading')}</p>
          </Show>
        }
      >
        <Show when={requests.state.items.length > 0} fallback={<p class="muted">{t('manage.requests.none')}</p>}>
          <ul class="people">
            <For each={requests.state.items}>
              {(request) => (
                <li class="person">
                  <p class="person__name">{request.user.displayName}</p>
                  <PersonFacts user={request.user} />
                  <p class="muted person__date">
                    {t('manage.requests.since', { date: formatDateTime(request.requestedAt, locale()) })}
                  </p>
                  <p class="person__actions actions">
                    <button
                      type="button"
                      class="button button--primary"
                      aria-disabled={requests.deciding() !== null || undefined}
                      onClick={() => void decide(request, true)}
                    >
                      {t('manage.requests.approve')}
                      <span class="visually-hidden"> ({request.user.displayName})</span>
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      aria-disabled={requests.deciding() !== null || undefined}
                      onClick={() => void decide(request, false)}
                    >
                      {t('manage.requests.decline')}
                      <span class="visually-hidden"> ({request.user.displayName})</span>
                    </button>
                  </p>
                </li>
              )}
            </For>
          </ul>
          <Show when={requests.state.nextCursor}>
            <button type="button" class="button button--secondary" onClick={() => void requests.more()}>
              {t('space.members.more')}
            </button>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

/** Invite by mail with the role the person will have. */
function InviteForm(props: { store: SpaceStore }) {
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<MembershipRole>('membre');
  const [sent, setSent] = createSignal<string | null>(null);
  const form = createForm<'email' | 'role'>({
    fieldMessages: { email: () => t('manage.invite.emailInvalid') },
    onError: (error) =>
      error.code === 'already_member' ? { fields: { email: t('manage.invite.alreadyMember') } } : undefined,
  });
  const submit = form.handleSubmit(
    () => ({ email: looksLikeEmail(email()) ? undefined : t('manage.invite.emailInvalid') }),
    async () => {
      setSent(null);
      const invitation = await props.store.invite(email().trim(), role());
      setSent(t('manage.invite.sent', { email: invitation.email }));
      setEmail('');
    },
  );
  return (
    <section class="manage__section" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('manage.invite')}</h2>
      <p>{t('manage.invite.intro')}</p>
      <form class="form" novalidate onSubmit={submit}>
        <ErrorAlert message={form.formError()} />
        <TextInput
          label={t('manage.invite.email')}
          name="email"
          type="email"
          autocomplete="off"
          required
          value={email()}
          onInput={(value) => {
            setSent(null);
            setEmail(value);
          }}
          error={form.error('email')}
        />
        <RadioField
          label={t('manage.invite.role')}
          name="role"
          value={role()}
          options={[
            { value: 'membre', label: t('space.role.membre') },
            { value: 'animateur', label: t('space.role.animateur'), description: t('manage.invite.animateurHint') },
          ]}
          onChange={(value) => setRole(value === 'animateur' ? 'animateur' : 'membre')}
        />
        <StatusMessage message={sent()} />
        <SubmitButton label={t('manage.invite.submit')} busyLabel={t('manage.invite.submitting')} busy={form.busy()} />
      </form>
    </section>
  );
}

/** Title, texts, period, partners, visibility and join policy; only changes are sent. */
function EditForm(props: { store: SpaceStore }) {
  const space = () => props.store.space()!.space;
  const [draft, setDraft] = createStore<SpaceDraft>(draftFromSpace(space()));
  const [saved, setSaved] = createSignal<string | null>(null);
  const form = createForm<SpaceField>({ fieldMessages: SPACE_FIELD_MESSAGES });
  const submit = form.handleSubmit(
    () => validateDraft(draft),
    async () => {
      const changes = spaceChanges(space(), draft);
      if (Object.keys(changes).length === 0) {
        setSaved(t('manage.edit.noChange'));
        return;
      }
      const updated = await props.store.update(changes);
      setDraft(draftFromSpace(updated.space));
      setSaved(t('manage.edit.saved'));
    },
  );
  return (
    <section class="manage__section" aria-labelledby="edit-title">
      <h2 id="edit-title">{t('manage.edit')}</h2>
      <form class="form" novalidate onSubmit={submit}>
        <p class="muted">{t('common.requiredNote')}</p>
        <ErrorAlert message={form.formError()} />
        <SpaceFields draft={draft} setDraft={setDraft} form={form} creating={false} onChange={() => setSaved(null)} />
        <StatusMessage message={saved()} />
        <SubmitButton label={t('manage.edit.submit')} busyLabel={t('manage.edit.submitting')} busy={form.busy()} />
      </form>
    </section>
  );
}

/** Archive (with a confirmation) or bring back a space. */
function ArchiveSection(props: { store: SpaceStore }) {
  let section: HTMLElement | undefined;
  const space = () => props.store.space()!.space;
  const archived = () => space().status === 'archived';
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  const setArchived = async (value: boolean) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await props.store.update({ status: value ? 'archived' : 'active' });
      setDone(t(value ? 'manage.archive.done' : 'manage.unarchive.done'));
      setOpen(false);
      requestAnimationFrame(() => section?.querySelector<HTMLElement>('button')?.focus());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={section} class="manage__section" aria-labelledby="archive-title">
      <h2 id="archive-title">{t(archived() ? 'manage.unarchive' : 'manage.archive')}</h2>
      <p>{t(archived() ? 'manage.unarchive.intro' : 'manage.archive.intro')}</p>
      <Show when={!open()}>
        <ErrorAlert message={error()} />
      </Show>
      <StatusMessage message={done()} />
      <p class="actions">
        <Show
          when={archived()}
          fallback={
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setError(null);
                setOpen(true);
              }}
            >
              {t('manage.archive.button')}
            </button>
          }
        >
          <button
            type="button"
            class="button button--secondary"
            aria-busy={busy() || undefined}
            onClick={() => void setArchived(false)}
          >
            {t('manage.unarchive.button')}
          </button>
        </Show>
      </p>
      <ConfirmDialog
        open={open()}
        onOpenChange={(value) => {
          if (!busy()) setOpen(value);
        }}
        title={t('manage.archive.confirmTitle', { title: space().title })}
        description={<p>{t('manage.archive.confirmText')}</p>}
        confirmLabel={t('manage.archive.button')}
        busyLabel={t('manage.edit.submitting')}
        busy={busy()}
        error={error()}
        onConfirm={() => void setArchived(true)}
        focusAfterClose={() => section?.querySelector<HTMLElement>('.actions button')}
      />
    </section>
  );
}

/** The Animation tab: what animateur·ices and admins do to run the space. */
export function SpaceManage(props: { store: SpaceStore }) {
  return (
    <div class="manage">
      <JoinRequests store={props.store} />
      <InviteForm store={props.store} />
      <BulkInvite store={props.store} />
      <OpenInvitations store={props.store} />
      <EditForm store={props.store} />
      <SpaceWebhooks slug={props.store.space()!.space.slug} />
      <ArchiveSection store={props.store} />
    </div>
  );
}
