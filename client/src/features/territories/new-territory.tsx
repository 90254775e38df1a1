import { type Programme, SpaceListSchema, type Territory, type TerritoryLevel } from '@atelier/contract';
import { createResource, createSignal, onMount, Show } from 'solid-js';
import { api } from '../../lib/api';
import { createForm } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { SelectField } from '../../ui/select-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { territoriesApi } from './territories.api';
import { t } from './territories.i18n';
import { LEVELS, levelLabel, PROGRAMMES, programmeLabel } from './territory-labels';

type Field = 'level' | 'code' | 'name' | 'programmes' | 'spaces' | 'lat' | 'lon';

/** "43,1075" or "43.1075" as a number; empty is no number; anything else is NaN. */
const coordinate = (text: string) => (text.trim() === '' ? undefined : Number(text.trim().replace(',', '.')));

function NewTerritoryForm(props: { onCreated: (territory: Territory) => void; onCancel: () => void }) {
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  const [spaces] = createResource(async () => (await api.get('/api/spaces', SpaceListSchema)).items);
  const [level, setLevel] = createSignal<TerritoryLevel>('commune');
  const [code, setCode] = createSignal('');
  const [name, setName] = createSignal('');
  const [programme, setProgramme] = createSignal<Programme>('cohorte');
  const [space, setSpace] = createSignal('');
  const [theme, setTheme] = createSignal('');
  const [lat, setLat] = createSignal('');
  const [lon, setLon] = createSignal('');
  const form = createForm<Field>();
  const validate = () => {
    const errors: Partial<Record<Field, string>> = {};
    if (Number.isNaN(coordinate(lat()))) errors.lat = t('territory.form.badNumber');
    if (Number.isNaN(coordinate(lon()))) errors.lon = t('territory.form.badNumber');
    return errors;
  };
  const submit = form.handleSubmit(validate, async () => {
    const { territory } = await territoriesApi.create({
      level: level(),
      code: code(),
      ...(level() === 'other' ? { name: name() } : {}),
      programmes: [programme()],
      ...(lat().trim() || lon().trim() ? { lat: coordinate(lat()) ?? null, lon: coordinate(lon()) ?? null } : {}),
      ...(space() ? { spaces: [{ slug: space(), theme: theme().trim() || null }] } : {}),
    });
    notify(t('territory.form.created', { name: territory.name }));
    props.onCreated(territory);
  });
  return (
    <section id="territory-new" class="territories__new-form" aria-labelledby="territory-new-heading">
      <h2 id="territory-new-heading" ref={heading} tabindex="-1">
        {t('territory.add')}
      </h2>
      <form class="form" onSubmit={submit} novalidate>
        <ErrorAlert message={form.formError()} />
        <SelectField
          label={t('territory.form.level')}
          name="level"
          value={level()}
          options={LEVELS.map((value) => ({ value, label: levelLabel(value) }))}
          onChange={(value) => setLevel(value as TerritoryLevel)}
          error={form.error('level')}
        />
        <TextInput
          label={t('territory.form.code')}
          name="code"
          value={code()}
          onInput={setCode}
          hint={t('territory.form.codeHint')}
          error={form.error('code')}
          required
          maxLength={9}
        />
        <Show when={level() === 'other'}>
          <TextInput
            label={t('territory.form.name')}
            name="name"
            value={name()}
            onInput={setName}
            hint={t('territory.form.nameHint')}
            error={form.error('name')}
            required
            maxLength={160}
          />
        </Show>
        <SelectField
          label={t('territory.form.programme')}
          name="programme"
          value={programme()}
          options={PROGRAMMES.map((value) => ({ value, label: programmeLabel(value) }))}
          onChange={(value) => setProgramme(value as Programme)}
          error={form.error('programmes')}
        />
        <SelectField
          label={t('territory.form.space')}
          name="space"
          value={space()}
          options={[
            { value: '', label: t('territory.form.noSpace') },
            ...(spaces.latest ?? []).map((item) => ({ value: item.slug, label: item.title })),
          ]}
          onChange={setSpace}
          error={form.error('spaces')}
        />
        <Show when={space()}>
          <TextInput
            label={t('territory.form.theme')}
            name="theme"
            value={theme()}
            onInput={setTheme}
            maxLength={200}
          />
        </Show>
        <div class="territories__point">
          <TextInput
            label={t('territory.form.lat')}
            name="lat"
            value={lat()}
            onInput={setLat}
            inputMode="text"
            hint={t('territory.form.pointHint')}
            error={form.error('lat')}
          />
          <TextInput
            label={t('territory.form.lon')}
            name="lon"
            value={lon()}
            onInput={setLon}
            inputMode="text"
            error={form.error('lon')}
          />
        </div>
        <div class="actions">
          <SubmitButton
            label={t('territory.form.create')}
            busyLabel={t('territory.form.creating')}
            busy={form.busy()}
          />
          <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
            {t('territory.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** « Ajouter un territoire », for admins: a disclosure opening the form in place. */
export function NewTerritory(props: { onCreated: (territory: Territory) => void }) {
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  const close = () => {
    setOpen(false);
    button?.focus();
  };
  return (
    <div class="territories__new">
      <button
        ref={button}
        type="button"
        class="button button--primary"
        aria-expanded={open()}
        aria-controls={open() ? 'territory-new' : undefined}
        onClick={() => setOpen(!open())}
      >
        {t('territory.add')}
      </button>
      <Show when={open()}>
        <NewTerritoryForm
          onCreated={(territory) => {
            setOpen(false);
            props.onCreated(territory);
          }}
          onCancel={close}
        />
      </Show>
    </div>
  );
}
