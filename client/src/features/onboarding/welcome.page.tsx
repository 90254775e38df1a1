import type { Membership, SpaceSummary } from '@atelier/contract';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Match, onMount, Show, Suspense, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { RequireSignIn } from '../accounts/require-sign-in';
import { session } from '../accounts/session.store';
import { PermanenceCard } from '../events/permanence-card';
import { createMySpaces, membershipsById } from '../spaces/my-spaces.store';
import { spaceHref } from '../spaces/space-card';
import { createSpaceList } from '../spaces/spaces.store';
import { t, tc } from './onboarding.i18n';
import { joinAll, joinableChantiers, MISE_EN_RECITS, STEPS, type Step, stepFrom } from './onboarding.store';
import './onboarding.css';

const STEP_TITLES = {
  1: 'onboarding.step1.title',
  2: 'onboarding.step2.title',
  3: 'onboarding.step3.title',
} as const;

/**
 * The step's heading. When the person moves from one step to the next it takes focus, so the
 * new step is read out; on arrival the page's h1 has it.
 */
function StepHeading(props: { step: Step; focus: boolean }) {
  let heading!: HTMLHeadingElement;
  onMount(() => {
    if (props.focus) heading.focus();
  });
  return (
    <h2 ref={heading} tabindex="-1" id="step-title">
      {t(STEP_TITLES[props.step])}
    </h2>
  );
}

function Progress(props: { step: Step }) {
  return (
    <div class="onboarding__progress">
      <p class="onboarding__count">{t('onboarding.progress', { step: props.step, total: STEPS.length })}</p>
      <ol class="onboarding__steps">
        <For each={STEPS}>
          {(step) => (
            <li
              class="onboarding__step"
              data-state={step < props.step ? 'done' : step === props.step ? 'current' : 'upcoming'}
              aria-current={step === props.step ? 'step' : undefined}
            >
              <span class="onboarding__step-label">{t(STEP_TITLES[step])}</span>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}

interface StepProps {
  spaces: SpaceSummary[];
  memberships: Map<string, Membership>;
  /** Goes to the next step, saying what was just done (read out by the page's status region). */
  next: (done?: string) => void;
}

function ChantiersStep(props: StepProps) {
  const joined = () => new Set(props.memberships.keys());
  const choices = () => joinableChantiers(props.spaces, joined());
  const already = () => props.spaces.filter((space) => space.kind === 'chantier' && joined().has(space.id));
  const [chosen, setChosen] = createSignal<Set<string>>(new Set());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const toggle = (id: string, checked: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const selected = choices().filter((space) => chosen().has(space.id));
    if (selected.length === 0) {
      setError(t('onboarding.step1.none'));
      return;
    }
    setBusy(true);
    setError(null);
    const outcomes = await joinAll(selected);
    setBusy(false);
    const failed = outcomes.filter((outcome) => outcome.error);
    if (failed.length > 0) {
      setError(
        t('onboarding.step1.failed', {
          titles: failed.map((outcome) => outcome.space.title).join(', '),
          reason: errorText(failed[0]?.error),
        }),
      );
      setChosen(new Set(failed.map((outcome) => outcome.space.id)));
      return;
    }
    props.next(tc('onboarding.step1.done', outcomes.length, { titles: outcomes.map((o) => o.space.title).join(', ') }));
  };

  return (
    <form class="onboarding__form" novalidate onSubmit={submit}>
      <p>{t('onboarding.step1.intro')}</p>
      <Show when={already().length > 0}>
        <p class="notice notice--info">
          {t('onboarding.step1.already', {
            titles: already()
              .map((space) => space.title)
              .join(', '),
          })}
        </p>
      </Show>
      <fieldset class="onboarding__choices">
        <legend>{t('onboarding.step1.legend')}</legend>
        <Show when={choices().length > 0} fallback={<p class="muted">{t('onboarding.step1.empty')}</p>}>
          <For each={choices()}>
            {(space) => (
              <CheckboxField
                name="chantiers"
                label={space.title}
                hint={space.summary || undefined}
                checked={chosen().has(space.id)}
                onChange={(checked) => toggle(space.id, checked)}
              />
            )}
          </For>
        </Show>
      </fieldset>
      <ErrorAlert message={error()} />
      <p class="actions">
        <Show when={choices().length > 0}>
          <button
            type="submit"
            class="button button--primary"
            aria-busy={busy() || undefined}
            aria-disabled={busy() || undefined}
          >
            <Show when={busy()} fallback={t('onboarding.step1.submit')}>
              <span class="spinner" aria-hidden="true" />
              {t('onboarding.step1.submitting')}
            </Show>
          </button>
        </Show>
        <button type="button" class="button button--secondary" onClick={() => props.next()}>
          {t('onboarding.skip')}
        </button>
      </p>
    </form>
  );
}

function CommunityStep(props: StepProps) {
  const community = () => props.spaces.find((space) => space.slug === MISE_EN_RECITS);
  const member = () => {
    const found = community();
    return found ? props.memberships.get(found.id) : undefined;
  };
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const join = async () => {
    const found = community();
    if (!found || busy()) return;
    setBusy(true);
    setError(null);
    const [outcome] = await joinAll([found]);
    setBusy(false);
    if (outcome?.error) {
      setError(errorText(outcome.error));
      return;
    }
    props.next(t('onboarding.step2.done', { title: found.title }));
  };

  return (
    <div>
      <Show when={community()} fallback={<p>{t('onboarding.step2.missing')}</p>}>
        {(found) => (
          <div class="card onboarding__community">
            <p class="onboarding__community-title">{found().title}</p>
            <Show when={found().summary}>
              <p>{found().summary}</p>
            </Show>
            <p>
              <A href={spaceHref(found())}>{t('onboarding.step2.more')}</A>
            </p>
          </div>
        )}
      </Show>
      <ErrorAlert message={error()} />
      <p class="actions">
        <Switch>
          <Match when={member()}>
            <span class="onboarding__already">{t('onboarding.step2.already')}</span>
            <button type="button" class="button button--primary" onClick={() => props.next()}>
              {t('onboarding.continue')}
            </button>
          </Match>
          <Match when={community()}>
            <button
              type="button"
              class="button button--primary"
              aria-busy={busy() || undefined}
              aria-disabled={busy() || undefined}
              onClick={() => void join()}
            >
              <Show when={busy()} fallback={t('onboarding.step2.join')}>
                <span class="spinner" aria-hidden="true" />
                {t('onboarding.step2.joining')}
              </Show>
            </button>
          </Match>
        </Switch>
        <button type="button" class="button button--secondary" onClick={() => props.next()}>
          {t('onboarding.skip')}
        </button>
      </p>
    </div>
  );
}

function PermanenceStep(props: { finish: () => void }) {
  return (
    <div>
      <p>{t('onboarding.step3.intro')}</p>
      <PermanenceCard />
      <p class="actions">
        <button type="button" class="button button--primary" onClick={() => props.finish()}>
          {t('onboarding.finish')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.finish()}>
          {t('onboarding.skip')}
        </button>
      </p>
    </div>
  );
}

function Welcome() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ etape?: string }>();
  const step = () => stepFrom(params.etape);
  const [moved, setMoved] = createSignal(false);
  const goTo = (next: Step) => {
    setMoved(true);
    setParams({ etape: next === 1 ? undefined : String(next) });
  };
  const finish = () => navigate('/mes-espaces');
  const { spaces } = createSpaceList();
  const { mySpaces, refetch } = createMySpaces();
  const memberships = () => membershipsById(mySpaces.error ? undefined : mySpaces.latest);
  const [done, setDone] = createSignal<string | null>(null);
  const next = (message?: string) => {
    setDone(message ?? null);
    void refetch();
    goTo((step() + 1) as Step);
  };

  return (
    <div class="page page--narrow onboarding">
      <PageHeading title={t('onboarding.title')}>
        {t('onboarding.heading', { name: session.user()?.displayName ?? '' })}
      </PageHeading>
      <p class="lead">{t('onboarding.lead')}</p>
      <Progress step={step()} />
      <StatusMessage message={done()} />
      <section class="card onboarding__panel" aria-labelledby="step-title">
        <Switch>
          <Match when={step() === 1}>
            <StepHeading step={1} focus={moved()} />
            <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
              <ChantiersStep spaces={spaces() ?? []} memberships={memberships()} next={next} />
            </Suspense>
          </Match>
          <Match when={step() === 2}>
            <StepHeading step={2} focus={moved()} />
            <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
              <CommunityStep spaces={spaces() ?? []} memberships={memberships()} next={next} />
            </Suspense>
          </Match>
          <Match when={step() === 3}>
            <StepHeading step={3} focus={moved()} />
            <PermanenceStep finish={finish} />
          </Match>
        </Switch>
      </section>
    </div>
  );
}

/** `/bienvenue`: three skippable steps right after sign-up. */
export default function WelcomePage() {
  return (
    <RequireSignIn>
      <Welcome />
    </RequireSignIn>
  );
}
