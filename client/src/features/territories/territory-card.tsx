import {
  FANTASTIC_ROLES,
  type FantasticRole,
  MemberListSchema,
  type Territory,
  type TerritorySeat,
} from '@atelier/contract';
import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form';
import { notify } from '../../ui/toaster';
import { territoriesApi } from './territories.api';
import { t } from './territories.i18n';
import { levelLabel, programmeLabel } from './territory-labels';

type Candidate = { id: string; displayName: string };

/** Who may hold a seat: the active members of the spaces accompanying the territory. */
async function candidatesOf(territory: Territory): Promise<Candidate[]> {
  const lists = await Promise.all(
    territory.spaces.map((space) =>
      api.get(`/api/spaces/${encodeURIComponent(space.slug)}/members?limit=200`, MemberListSchema),
    ),
  );
  const people = new Map<string, Candidate>();
  for (const member of lists.flatMap((list) => list.items)) {
    people.set(member.user.id, { id: member.user.id, displayName: member.user.displayName });
  }
  return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
}

const roleLabel = (role: FantasticRole) => FANTASTIC_ROLES[role].label;

/** A seat, and for those who name the team: a list of candidates, « Enregistrer », « Laisser vacant ». */
function Seat(props: {
  territory: Territory;
  seat: TerritorySeat;
  candidates: Candidate[] | undefined;
  onChange: (territory: Territory) => void;
}) {
  const [chosen, setChosen] = createSignal(props.seat.person?.id ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const id = () => `seat-${props.territory.id}-${props.seat.role}`;
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!chosen() || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const { territory } = await territoriesApi.seat(props.territory.id, props.seat.role, chosen());
      props.onChange(territory);
      const holder = territory.team.find((seat) => seat.role === props.seat.role)?.person?.displayName ?? '';
      notify(t('territory.seat.saved', { role: roleLabel(props.seat.role), name: holder }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const vacate = async () => {
    setBusy(true);
    setError(null);
    try {
      await territoriesApi.vacate(props.territory.id, props.seat.role);
      props.onChange({
        ...props.territory,
        team: props.territory.team.map((seat) =>
          seat.role === props.seat.role ? { role: seat.role, filled: false, person: null } : seat,
        ),
      });
      setChosen('');
      notify(t('territory.seat.vacated', { role: roleLabel(props.seat.role) }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="territory-card__seat">
      <span class="territory-card__role" lang="fr">
        {roleLabel(props.seat.role)}
      </span>
      <span class={props.seat.filled ? undefined : 'muted'}>
        {props.seat.person?.displayName ?? t(props.seat.filled ? 'territory.filled' : 'territory.vacant')}
      </span>
      <Show when={props.territory.canManageTeam}>
        <form class="territory-card__seat-form" onSubmit={save}>
          <label class="field__label" for={id()}>
            {t('territory.seat.choose')} <span lang="fr">({roleLabel(props.seat.role)})</span>
          </label>
          <select
            id={id()}
            class="field__input field__select"
            value={chosen()}
            aria-describedby={`${id()}-hint`}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            <option value="">{t('territory.seat.nobody')}</option>
            <For each={props.candidates ?? []}>
              {(person) => <option value={person.id}>{person.displayName}</option>}
            </For>
          </select>
          <span class="field__hint" id={`${id()}-hint`}>
            {t('territory.seat.hint')}
          </span>
          <div class="actions">
            <button type="submit" class="button button--secondary" aria-disabled={busy() || !chosen() || undefined}>
              {busy() ? t('territory.seat.saving') : t('territory.seat.save')}
            </button>
            <Show when={props.seat.filled}>
              <button type="button" class="button button--secondary" disabled={busy()} onClick={vacate}>
                {t('territory.seat.vacate')}
              </button>
            </Show>
          </div>
          <Show when={error()}>
            {(message) => (
              <p class="notice notice--error" role="alert">
                {message()}
              </p>
            )}
          </Show>
        </form>
      </Show>
    </li>
  );
}

/**
 * A territory's card beside the map: its official level and code, programmes, the spaces that
 * accompany it, and its « 4 Fantastiques ». It takes the focus when opened, and gives it back
 * to the page's heading when closed.
 */
export function TerritoryCard(props: {
  territory: Territory;
  onClose: () => void;
  onChange: (territory: Territory) => void;
}) {
  let heading!: HTMLHeadingElement;
  // Each territory opened brings the reader to its card; a seat saved does not move them.
  createEffect(
    on(
      () => props.territory.id,
      () => heading.focus(),
    ),
  );
  const [candidates] = createResource(
    () => (props.territory.canManageTeam && props.territory.spaces.length > 0 ? props.territory : false),
    candidatesOf,
  );
  return (
    <section class="card territory-card" aria-labelledby="territory-card-title">
      <h2 id="territory-card-title" ref={heading} tabindex="-1">
        {props.territory.name}
      </h2>
      <p class="muted">
        {t('territories.code', { level: levelLabel(props.territory.level), code: props.territory.code })} ·{' '}
        {props.territory.programmes.map(programmeLabel).join(', ')}
      </p>
      <h3>{t('territory.spaces')}</h3>
      <Show when={props.territory.spaces.length > 0} fallback={<p class="muted">{t('territory.noSpaces')}</p>}>
        <ul>
          <For each={props.territory.spaces}>
            {(space) => (
              <li>
                <A href={`/espaces/${space.slug}`}>{space.title}</A>
                <Show when={space.theme}>{(theme) => <span> — {theme()}</span>}</Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{t('territory.team')}</h3>
      <ul class="territory-card__team">
        <For each={props.territory.team}>
          {(seat) => (
            <Seat territory={props.territory} seat={seat} candidates={candidates.latest} onChange={props.onChange} />
          )}
        </For>
      </ul>
      <Show when={candidates.error}>
        <p class="notice notice--error" role="alert">
          {errorText(candidates.error)}
        </p>
      </Show>
      <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
        {t('territory.close')}
      </button>
    </section>
  );
}
