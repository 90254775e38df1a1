import type { Programme, Territory, TerritoryList } from '@atelier/contract';
import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { PageHeading } from '../../ui/page-heading';
import { session } from '../accounts/session.store';
import { NewTerritory } from './new-territory';
import { territoriesApi } from './territories.api';
import { t, tc } from './territories.i18n';
import { TerritoryCard } from './territory-card';
import { LEVELS, levelLabel, PROGRAMMES, programmeLabel } from './territory-labels';
import '../../ui/fields.css';
import './territories.css';

const param = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** A programme's mark on the map: a shape as well as a colour, so that colour is never the only cue. */
function Marker(props: { programme: Programme; x: number; y: number; size: number }) {
  const s = () => props.size;
  return (
    <>
      <Show when={props.programme === 'cohorte'}>
        <circle class="marker marker--cohorte" cx={props.x} cy={props.y} r={s()} />
      </Show>
      <Show when={props.programme === 'experimental'}>
        <rect
          class="marker marker--experimental"
          x={props.x - s()}
          y={props.y - s()}
          width={s() * 2}
          height={s() * 2}
        />
      </Show>
      <Show when={props.programme === 'ponctuel'}>
        <polygon
          class="marker marker--ponctuel"
          points={`${props.x},${props.y - s() * 1.2} ${props.x + s() * 1.1},${props.y + s() * 0.8} ${props.x - s() * 1.1},${props.y + s() * 0.8}`}
        />
      </Show>
    </>
  );
}

function Legend() {
  return (
    <div class="territories__legend">
      <h2 class="territories__legend-title">{t('territories.map.legend')}</h2>
      <ul>
        <For each={PROGRAMMES}>
          {(programme) => (
            <li>
              <svg viewBox="-8 -8 16 16" width="16" height="16" aria-hidden="true">
                <Marker programme={programme} x={0} y={0} size={6} />
              </svg>
              {programmeLabel(programme)}
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/**
 * France and a mark per territory. Each mark is a link to the territory's card (keyboard and
 * pointer alike); the table below says the same for screen readers, so the drawing itself is
 * one labelled group.
 */
function TerritoryMap(props: {
  map: TerritoryList['map'];
  items: Territory[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  const placed = () => props.items.filter((item) => item.position !== null);
  return (
    <figure class="territories__map">
      <svg
        viewBox={`0 0 ${props.map.width} ${props.map.height}`}
        aria-label={t('territories.map.label', { count: placed().length })}
      >
        <path class="territories__france" d={props.map.outline} />
        <For each={placed()}>
          {(item) => (
            <g>
              <a
                href={`/carte?territoire=${item.id}`}
                aria-label={`${item.name} — ${item.programmes.map(programmeLabel).join(', ')}`}
                aria-current={props.selected === item.id ? 'true' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  props.onSelect(item.id);
                }}
              >
                {/* A wider target than the mark, for fingers on a phone-sized map. */}
                <circle class="marker-hit" cx={item.position?.x ?? 0} cy={item.position?.y ?? 0} r={16} />
                <Marker
                  programme={item.programmes[0] ?? 'cohorte'}
                  x={item.position?.x ?? 0}
                  y={item.position?.y ?? 0}
                  size={props.selected === item.id ? 10 : 7}
                />
                <Show when={props.selected === item.id}>
                  <text class="territories__label" x={(item.position?.x ?? 0) + 12} y={(item.position?.y ?? 0) + 5}>
                    {item.name}
                  </text>
                </Show>
              </a>
            </g>
          )}
        </For>
      </svg>
      <figcaption class="muted">{t('territories.map.source')}</figcaption>
    </figure>
  );
}

/** A select of the filters form, « Tous » first; read on submit, like the other fields. */
function FilterChoice(props: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const id = `territories-${props.name}`;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label}
      </label>
      <select id={id} name={props.name} class="field__input field__select">
        <option value="" selected={props.value === ''}>
          {t('territories.filters.all')}
        </option>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={props.value === option.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

function TerritoryTable(props: { items: Territory[]; onSelect: (id: string) => void }) {
  return (
    <section class="territories__table" aria-label={t('territories.table.region')} tabindex="0">
      <table>
        <caption>{t('territories.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('territories.table.name')}</th>
            <th scope="col">{t('territories.table.level')}</th>
            <th scope="col">{t('territories.table.programmes')}</th>
            <th scope="col">{t('territories.table.spaces')}</th>
            <th scope="col">{t('territories.table.team')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(item) => (
              <tr>
                <th scope="row">
                  <a
                    href={`/carte?territoire=${item.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      props.onSelect(item.id);
                    }}
                  >
                    {item.name}
                  </a>
                </th>
                <td>{t('territories.code', { level: levelLabel(item.level), code: item.code })}</td>
                <td>{item.programmes.map(programmeLabel).join(', ')}</td>
                <td>
                  <For each={item.spaces}>
                    {(space, index) => (
                      <>
                        {index() > 0 ? ', ' : ''}
                        <A href={`/espaces/${space.slug}`}>{space.title}</A>
                      </>
                    )}
                  </For>
                </td>
                <td>{t('territories.table.teamCount', { count: item.team.filter((seat) => seat.filled).length })}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

/**
 * `/carte`: the accompanied territories on a map of France drawn from shapes the server ships,
 * the same territories as a table, filters in the address (shareable, Back undoes one), and a
 * territory's card (`?territoire=ID`) with its spaces and its « 4 Fantastiques ».
 */
export default function MapPage() {
  const [params, setParams] = useSearchParams();
  // Keyed on who is signed in: the spaces and names shown, and who may seat whom, are the reader's own.
  const [data, { refetch, mutate }] = createResource(
    () => session.user()?.id ?? 'anonymous',
    () => territoriesApi.list(),
  );
  const filters = () => ({ q: param(params.q), programme: param(params.programme), level: param(params.niveau) });
  const visible = createMemo(() => {
    const { q, programme, level } = filters();
    const words = fold(q);
    return (data.latest?.items ?? []).filter(
      (item) =>
        (!programme || item.programmes.includes(programme as Programme)) &&
        (!level || item.level === level) &&
        (!words || fold(item.name).includes(words) || item.code === words.toUpperCase()),
    );
  });
  const selectedId = () => param(params.territoire);
  const selected = () => data.latest?.items.find((item) => item.id === selectedId());
  const select = (id: string | undefined) => setParams({ territoire: id });
  const offMap = () => visible().filter((item) => item.position === null).length;
  const replace = (territory: Territory) =>
    mutate((current) =>
      current
        ? { ...current, items: current.items.map((item) => (item.id === territory.id ? territory : item)) }
        : current,
    );

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setParams({
      q: String(form.get('q') ?? '').trim() || undefined,
      programme: String(form.get('programme') ?? '') || undefined,
      niveau: String(form.get('niveau') ?? '') || undefined,
    });
  };

  return (
    <div class="page page--wide territories">
      <PageHeading title={t('territories.title')}>{t('territories.title')}</PageHeading>
      <p class="lead">{t('territories.lead')}</p>
      <Show when={session.user()?.role === 'admin'}>
        <NewTerritory
          onCreated={async (territory) => {
            await refetch();
            select(territory.id);
          }}
        />
      </Show>

      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every screen reader the members use; <search> is too recent. */}
      <form
        class="form form--inset territories__filters"
        role="search"
        aria-labelledby="territories-filters"
        onSubmit={apply}
      >
        <h2 id="territories-filters" class="territories__filters-title">
          {t('territories.filters.heading')}
        </h2>
        <div class="field">
          <label class="field__label" for="territories-q">
            {t('territories.filters.q')}
          </label>
          <input id="territories-q" name="q" type="search" class="field__input" maxLength={160} value={filters().q} />
        </div>
        <FilterChoice
          name="programme"
          label={t('territories.filters.programme')}
          value={filters().programme}
          options={PROGRAMMES.map((value) => ({ value, label: programmeLabel(value) }))}
        />
        <FilterChoice
          name="niveau"
          label={t('territories.filters.level')}
          value={filters().level}
          options={LEVELS.map((value) => ({ value, label: levelLabel(value) }))}
        />
        <div class="actions">
          <button type="submit" class="button button--primary">
            {t('territories.filters.apply')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => setParams({ q: undefined, programme: undefined, niveau: undefined })}
          >
            {t('territories.filters.reset')}
          </button>
        </div>
      </form>

      <Show
        when={!data.error}
        fallback={
          <div class="notice notice--error" role="alert">
            <p>
              {t('territories.error')} {errorText(data.error)}
            </p>
            <button type="button" class="button button--secondary" onClick={() => void refetch()}>
              {t('common.retry')}
            </button>
          </div>
        }
      >
        <p class="territories__count" role="status">
          {data.latest ? tc('territories.count', visible().length) : t('territories.loading')}
        </p>
        <Show when={data.latest}>
          {(list) => (
            <>
              <div class="territories__layout">
                <div>
                  <TerritoryMap map={list().map} items={visible()} selected={selectedId()} onSelect={select} />
                  <Legend />
                  <Show when={offMap() > 0}>
                    <p class="muted">{tc('territories.map.offMap', offMap())}</p>
                  </Show>
                </div>
                <Show when={selected()}>
                  {(territory) => (
                    <TerritoryCard territory={territory()} onClose={() => select(undefined)} onChange={replace} />
                  )}
                </Show>
              </div>
              <Show when={visible().length > 0} fallback={<p class="muted">{t('territories.empty')}</p>}>
                <TerritoryTable items={visible()} onSelect={select} />
              </Show>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
