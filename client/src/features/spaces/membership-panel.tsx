import type { Member } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SelectField } from '../../ui/select-field';
import { session } from '../accounts/session.store';
import { type LeavePlan, leavePlan, membershipAction, successorCandidates } from './membership-state';
import type { SpaceStore } from './space.store';
import { createMembersStore } from './space.store';
import { t } from './spaces.i18n';

/** Moves focus to the panel's first control once the new state has rendered. */
const focusFirstControl = (panel: HTMLElement | undefined) =>
  requestAnimationFrame(() => {
    const target = panel?.querySelector<HTMLElement>('.membership__actions :is(button, a)');
    (target ?? panel?.querySelector<HTMLElement>('h2'))?.focus();
  });

/**
 * "Votre participation": join, ask to join, withdraw a request, leave — each state said in
 * words, every change announced, focus kept on the panel's control after each action.
 */
export function MembershipPanel(props: { store: SpaceStore }) {
  let panel: HTMLElement | undefined;
  const data = () => props.store.space()!;
  const me = () => session.user();
  const action = () =>
    membershipAction({
      signedIn: session.isSignedIn(),
      isAdmin: me()?.role === 'admin',
      space: data().space,
      membership: data().membership,
      permissions: data().permissions,
    });

  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [dialogOpen, setDialogOpen] = createSignal(false);
  const [dialogError, setDialogError] = createSignal<string | null>(null);
  const [successor, setSuccessor] = createSignal('');
  const [successorError, setSuccessorError] = createSignal<string | undefined>();
  const [candidates, setCandidates] = createSignal<Member[] | null>(null);
  // Fixed when the dialog opens: the optimistic leave must not change its words mid-flight.
  const [dialogPlan, setDialogPlan] = createSignal<LeavePlan>('leave');

  const plan = () => {
    const membership = data().membership;
    const user = me();
    return membership && user ? leavePlan(membership, data().space.animateurs, user.id) : 'leave';
  };

  const loadCandidates = async () => {
    const members = createMembersStore(() => data().space.slug);
    setCandidates(null);
    try {
      await members.reload();
      setCandidates(successorCandidates([...members.state.items], me()?.id ?? ''));
    } catch (failure) {
      setDialogError(errorText(failure));
      setCandidates([]);
    }
  };

  const openLeaveDialog = () => {
    setDialogError(null);
    setSuccessor('');
    setSuccessorError(undefined);
    setDialogPlan(plan());
    setDialogOpen(true);
    if (dialogPlan() === 'chooseSuccessor') void loadCandidates();
  };

  const join = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    // The new state shows at once (optimistic): focus follows it, and comes back to the
    // join button if the server refuses and the state rolls back.
    const joining = props.store.join();
    focusFirstControl(panel);
    try {
      const membership = await joining;
      setDone(t(membership.status === 'pending' ? 'space.join.requested' : 'space.join.done'));
    } catch (failure) {
      setError(errorText(failure));
      focusFirstControl(panel);
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    if (busy()) return;
    const wasPending = data().membership?.status === 'pending';
    const chosen = dialogPlan() === 'chooseSuccessor' ? successor() : undefined;
    if (chosen === '') {
      setSuccessorError(t('space.successor.required'));
      document.querySelector<HTMLElement>('[role="alertdialog"] select')?.focus();
      return;
    }
    setBusy(true);
    setDialogError(null);
    try {
      await props.store.leave(chosen || undefined);
      setDone(t(wasPending ? 'space.cancel.done' : 'space.leave.done', { title: data().space.title }));
      setDialogOpen(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'last_animateur') {
        // Someone else stepped down meanwhile: this person is now the last one.
        await props.store.refresh().catch(() => undefined);
        setDialogPlan('chooseSuccessor');
        void loadCandidates();
        setDialogError(t('space.leave.lastAnimateur'));
      } else {
        setDialogError(errorText(failure));
      }
    } finally {
      setBusy(false);
    }
  };

  const returnTo = `/espaces/${encodeURIComponent(data().space.slug)}`;

  return (
    <section ref={panel} class="card membership" aria-labelledby="membership-title">
      <h2 id="membership-title" tabindex="-1">
        {t('space.membership.title')}
      </h2>
      <Switch>
        <Match when={action().kind === 'join'}>
          <p>{t(data().space.joinPolicy === 'open' ? 'space.join.intro' : 'space.join.admin')}</p>
          <p class="membership__actions actions">
            <JoinButton busy={busy()} label={t('space.join')} busyLabel={t('space.join.busy')} onClick={join} />
          </p>
        </Match>
        <Match when={action().kind === 'request'}>
          <p>{t('space.request.intro')}</p>
          <p class="membership__actions actions">
            <JoinButton busy={busy()} label={t('space.request')} busyLabel={t('space.request.busy')} onClick={join} />
          </p>
        </Match>
        <Match when={action().kind === 'pending'}>
          <p class="membership__state membership__state--pending">{t('space.pending')}</p>
          <p>{t('space.pending.intro')}</p>
          <p class="membership__actions actions">
            <button type="button" class="button button--secondary" onClick={openLeaveDialog}>
              {t('space.cancel')}
            </button>
          </p>
        </Match>
        <Match when={action().kind === 'member'}>
          <p class="membership__state">
            {t(data().membership?.role === 'animateur' ? 'space.member.animateur' : 'space.member.membre')}
          </p>
          <p class="membership__actions actions">
            <button type="button" class="button button--secondary" onClick={openLeaveDialog}>
              {t('space.leave')}
            </button>
          </p>
        </Match>
        <Match when={action().kind === 'signIn'}>
          <p>{t(data().space.joinPolicy === 'request' ? 'space.signIn.request' : 'space.signIn.join')}</p>
          <p class="membership__actions actions">
            <A href={`/connexion?retour=${encodeURIComponent(returnTo)}`} class="button button--primary">
              {t('nav.signIn')}
            </A>
            <A href="/inscription" class="button button--secondary">
              {t('nav.signUp')}
            </A>
          </p>
        </Match>
        <Match when={action().kind === 'inviteOnly'}>
          <p class="membership__state">{t('space.inviteOnly')}</p>
          <p>{t('space.inviteOnly.intro')}</p>
        </Match>
        <Match when={action().kind === 'archived'}>
          <p>{t('space.archived.noJoin')}</p>
        </Match>
        <Match when={action().kind === 'none'}>
          <p>{t('space.none')}</p>
        </Match>
      </Switch>
      <ErrorAlert message={error()} />
      <StatusMessage message={done()} />

      <ConfirmDialog
        open={dialogOpen()}
        onOpenChange={(open) => {
          if (!busy()) setDialogOpen(open);
        }}
        title={t(dialogPlan() === 'cancelRequest' ? 'space.cancel.confirmTitle' : 'space.leave.confirmTitle', {
          title: data().space.title,
        })}
        description={
          <LeaveDescription
            plan={dialogPlan()}
            policy={data().space.joinPolicy}
            alone={dialogPlan() === 'chooseSuccessor' && candidates()?.length === 0}
          />
        }
        confirmLabel={t(dialogPlan() === 'cancelRequest' ? 'space.cancel' : 'space.leave')}
        busyLabel={t('space.leave.busy')}
        cancelLabel={t(dialogPlan() === 'cancelRequest' ? 'space.cancel.keep' : 'common.cancel')}
        busy={busy()}
        error={dialogError()}
        hideConfirm={dialogPlan() === 'chooseSuccessor' && candidates()?.length === 0}
        onConfirm={() => void leave()}
        focusAfterClose={() =>
          panel?.querySelector<HTMLElement>('.membership__actions :is(button, a)') ?? panel?.querySelector('h2')
        }
      >
        <Show when={dialogPlan() === 'chooseSuccessor'}>
          <Show when={candidates()} fallback={<p role="status">{t('common.loading')}</p>}>
            {(list) => (
              <Show when={list().length > 0}>
                <SelectField
                  label={t('space.successor.label')}
                  name="successorId"
                  required
                  hint={t('space.successor.hint')}
                  value={successor()}
                  error={successorError()}
                  onChange={(value) => {
                    setSuccessorError(undefined);
                    setSuccessor(value);
                  }}
                  options={[
                    { value: '', label: t('space.successor.placeholder') },
                    ...list().map((member) => ({ value: member.user.id, label: member.user.displayName })),
                  ]}
                />
              </Show>
            )}
          </Show>
        </Show>
      </ConfirmDialog>
    </section>
  );
}

function JoinButton(props: { busy: boolean; label: string; busyLabel: string; onClick: () => void }) {
  return (
    <button
      type="button"
      class="button button--primary"
      aria-disabled={props.busy || undefined}
      aria-busy={props.busy || undefined}
      onClick={() => {
        if (!props.busy) props.onClick();
      }}
    >
      <Show when={props.busy} fallback={props.label}>
        <span class="spinner" aria-hidden="true" />
        {props.busyLabel}
      </Show>
    </button>
  );
}

function LeaveDescription(props: { plan: LeavePlan; policy: string; alone: boolean }) {
  return (
    <Switch>
      <Match when={props.alone}>
        <p>{t('space.successor.nobody')}</p>
      </Match>
      <Match when={props.plan === 'cancelRequest'}>
        <p>{t('space.cancel.confirmText')}</p>
      </Match>
      <Match when={props.plan === 'chooseSuccessor'}>
        <p>{t('space.leave.successorText')}</p>
      </Match>
      <Match when={props.plan === 'leave'}>
        <p>{t(props.policy === 'open' ? 'space.leave.confirmOpen' : 'space.leave.confirmClosed')}</p>
      </Match>
    </Switch>
  );
}
