import { FANTASTIC_ROLES, type Member, ORGANISATION_KINDS } from '@atelier/contract';
import { createSignal, For, onMount, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SelectField } from '../../ui/select-field';
import { session } from '../accounts/session.store';
import { isLastAnimateur, successorCandidates } from './membership-state';
import { createMembersStore, type SpaceStore } from './space.store';
import { t, tc } from './spaces.i18n';

/** Organisation (with its kind), territory and 4 Fantastiques role, where the person gave them. */
export function PersonFacts(props: { user: Member['user'] }) {
  const kind = () => (props.user.organisationKind ? ORGANISATION_KINDS[props.user.organisationKind] : null);
  return (
    <Show when={props.user.organisationName || kind() || props.user.territory || props.user.fantasticRole}>
      <dl class="person__facts">
        <Show when={props.user.organisationName}>
          <div>
            <dt>{t('person.organisation')}</dt>
            <dd>{props.user.organisationName}</dd>
          </div>
        </Show>
        <Show when={kind()}>
          <div>
            <dt>{t('person.organisationKind')}</dt>
            <dd lang="fr">{kind()}</dd>
          </div>
        </Show>
        <Show when={props.user.territory}>
          <div>
            <dt>{t('person.territory')}</dt>
            <dd>{props.user.territory}</dd>
          </div>
        </Show>
        <Show when={props.user.fantasticRole}>
          {(role) => (
            <div>
              <dt>{t('person.fantasticRole')}</dt>
              <dd lang="fr">{FANTASTIC_ROLES[role()].label}</dd>
            </div>
          )}
        </Show>
      </dl>
    </Show>
  );
}

/** The Members tab: who belongs, and for animateur·ices the role changes and removals. */
export function SpaceMembers(props: { store: SpaceStore }) {
  let heading: HTMLHeadingElement | undefined;
  const data = () => props.store.space()!;
  const slug = () => data().space.slug;
  const members = createMembersStore(slug);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const [removing, setRemoving] = createSignal<Member | null>(null);
  const [successor, setSuccessor] = createSignal('');
  const [successorError, setSuccessorError] = createSignal<string | undefined>();
  const [dialogError, setDialogError] = createSignal<string | null>(null);

  const load = () => members.reload().catch((failure) => setError(errorText(failure)));
  onMount(() => void load());

  const canManage = (member: Member) => data().permissions.manage && member.user.id !== session.user()?.id;
  const lastAnimateur = (member: Member) =>
    member.role === 'animateur' && isLastAnimateur(member.user.id, data().space.animateurs);

  const changeRole = async (member: Member) => {
    if (busyId()) return;
    const role = member.role === 'animateur' ? 'membre' : 'animateur';
    setBusyId(member.user.id);
    setError(null);
    setDone(null);
    try {
      await members.changeRole(member.user.id, role);
      setDone(
        t(role === 'animateur' ? 'space.members.promoted' : 'space.members.demoted', { name: member.user.displayName }),
      );
      await props.store.refresh().catch(() => undefined);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === 'last_animateur'
          ? t('space.members.lastAnimateur')
          : errorText(failure),
      );
    } finally {
      setBusyId(null);
    }
  };

  const needsSuccessor = () => {
    const target = removing();
    return target !== null && lastAnimateur(target);
  };
  const candidates = () => {
    const target = removing();
    return target ? successorCandidates([...members.state.items], target.user.id) : [];
  };

  const remove = async () => {
    const target = removing();
    if (!target || busyId()) return;
    if (needsSuccessor() && !successor()) {
      setSuccessorError(t('space.successor.required'));
      document.querySelector<HTMLElement>('[role="alertdialog"] select')?.focus();
      return;
    }
    setBusyId(target.user.id);
    setDialogError(null);
    try {
      await members.remove(target.user.id, needsSuccessor() ? successor() : undefined);
      setDone(t('space.members.removed', { name: target.user.displayName }));
      setRemoving(null);
      await props.store.refresh().catch(() => undefined);
    } catch (failure) {
      setDialogError(errorText(failure));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section class="members" aria-labelledby="members-title">
      <h2 id="members-title" ref={heading} tabindex="-1">
        {tc('spaces.members', data().space.memberCount)}
      </h2>
      <ErrorAlert message={error()}>
        <button type="button" class="button button--secondary" onClick={() => void load()}>
          {t('common.retry')}
        </button>
      </ErrorAlert>
      <StatusMessage message={done()} />
      <Show
        when={members.state.status !== 'loading' || members.state.items.length > 0}
        fallback={<p role="status">{t('common.loading')}</p>}
      >
        <Show
          when={members.state.items.length > 0 || members.state.status !== 'ready'}
          fallback={<p>{t('space.members.empty')}</p>}
        >
          <ul class="people">
            <For each={members.state.items}>
              {(member) => (
                <li class="person">
                  <p class="person__name">
                    {member.user.displayName}
                    <Show when={member.role === 'animateur'}>
                      {' '}
                      <span class="badge">{t('space.role.animateur')}</span>
                    </Show>
                  </p>
                  <PersonFacts user={member.user} />
                  <Show when={canManage(member)}>
                    <p class="person__actions actions">
                      <Show
                        when={!lastAnimateur(member)}
                        fallback={<span class="muted">{t('space.members.onlyAnimateur')}</span>}
                      >
                        <button
                          type="button"
                          class="button button--secondary"
                          aria-disabled={busyId() === member.user.id || undefined}
                          onClick={() => void changeRole(member)}
                        >
                          {t(member.role === 'animateur' ? 'space.members.demote' : 'space.members.promote')}
                          <span class="visually-hidden"> ({member.user.displayName})</span>
                        </button>
                      </Show>
                      <button
                        type="button"
                        class="button button--link"
                        onClick={() => {
                          setSuccessor('');
                          setSuccessorError(undefined);
                          setDialogError(null);
                          setRemoving(member);
                        }}
                      >
                        {t('space.members.remove')}
                        <span class="visually-hidden"> ({member.user.displayName})</span>
                      </button>
                    </p>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <Show when={members.state.nextCursor}>
            <p>
              <button
                type="button"
                class="button button--secondary"
                aria-busy={members.state.status === 'loading' || undefined}
                onClick={() => void members.more().catch((failure) => setError(errorText(failure)))}
              >
                {t('space.members.more')}
              </button>
            </p>
          </Show>
        </Show>
      </Show>

      <ConfirmDialog
        open={removing() !== null}
        onOpenChange={(open) => {
          if (!open && !busyId()) setRemoving(null);
        }}
        title={t('space.members.removeTitle', { name: removing()?.user.displayName ?? '' })}
        description={
          <p>
            {t(
              !needsSuccessor()
                ? 'space.members.removeText'
                : candidates().length > 0
                  ? 'space.members.removeSuccessorText'
                  : 'space.successor.nobody',
            )}
          </p>
        }
        confirmLabel={t('space.members.remove')}
        busyLabel={t('space.leave.busy')}
        busy={busyId() !== null}
        error={dialogError()}
        hideConfirm={needsSuccessor() && candidates().length === 0}
        onConfirm={() => void remove()}
        focusAfterClose={() => (done() ? heading : undefined)}
      >
        <Show when={needsSuccessor()}>
          <Show when={candidates().length > 0}>
            <SelectField
              label={t('space.successor.label')}
              name="successorId"
              required
              value={successor()}
              error={successorError()}
              onChange={(value) => {
                setSuccessorError(undefined);
                setSuccessor(value);
              }}
              options={[
                { value: '', label: t('space.successor.placeholder') },
                ...candidates().map((member) => ({ value: member.user.id, label: member.user.displayName })),
              ]}
            />
          </Show>
        </Show>
      </ConfirmDialog>
    </section>
  );
}
