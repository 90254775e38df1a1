import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { InfoNote } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { notify } from '../../ui/toaster';
import { RequireSignIn } from '../accounts/require-sign-in';
import { session } from '../accounts/session.store';
import { createMySpaces } from '../spaces/my-spaces.store';
import { createSpaceStore } from '../spaces/space.store';
import { createBody, type EventDraft, emptyDraft } from './event-draft';
import { EventForm, type SpaceChoice } from './event-form';
import { t } from './events.i18n';
import { createEvent } from './events.store';
import './events.css';

function CreateForm(props: { space: SpaceChoice; spaceId: string }) {
  const navigate = useNavigate();
  const save = async (draft: EventDraft) => {
    const event = await createEvent(createBody(draft));
    notify(t('eventForm.created', { title: event.title }));
    navigate(`/evenements/${encodeURIComponent(event.id)}`);
  };
  return (
    <EventForm
      initial={emptyDraft(props.spaceId)}
      creating
      space={props.space}
      submitLabel={t('eventForm.create')}
      busyLabel={t('eventForm.creating')}
      onSubmit={save}
    />
  );
}

/** From a space's "Événements" tab: the event belongs to that space. */
function ForSpace(props: { slug: string }) {
  const { space } = createSpaceStore(() => props.slug);
  return (
    <Switch fallback={<p role="status">{t('common.loading')}</p>}>
      <Match when={space.error}>
        <InfoNote>
          <p>{t('eventForm.notAllowed')}</p>
        </InfoNote>
      </Match>
      <Match when={space() && !space()!.permissions.manage}>
        <InfoNote>
          <p>{t('eventForm.notAllowed')}</p>
        </InfoNote>
      </Match>
      <Match when={space()}>
        <CreateForm
          space={{ fixed: { id: space()!.space.id, name: space()!.space.title } }}
          spaceId={space()!.space.id}
        />
      </Match>
    </Switch>
  );
}

/** From the agenda: one of the spaces the person animates, or the whole alliance for admins. */
function ChooseSpace() {
  const { mySpaces } = createMySpaces();
  const options = () => {
    const animated = (mySpaces() ?? [])
      .filter((item) => item.membership.status === 'active' && item.membership.role === 'animateur')
      .map((item) => ({ value: item.space.id, label: item.space.title }));
    return session.user()?.role === 'admin'
      ? [{ value: '', label: t('events.space.alliance') }, ...animated]
      : animated;
  };
  return (
    <Switch fallback={<p role="status">{t('common.loading')}</p>}>
      <Match when={mySpaces() && options().length === 0}>
        <InfoNote>
          <p>{t('eventForm.notAllowed')}</p>
        </InfoNote>
      </Match>
      <Match when={mySpaces()}>
        <CreateForm space={{ options: options() }} spaceId={options()[0]?.value ?? ''} />
      </Match>
    </Switch>
  );
}

/** `/evenements/nouveau[?espace=slug]`: animateur·ices and admins plan an event or a series. */
export default function EventCreatePage() {
  const [params] = useSearchParams<{ espace?: string }>();
  return (
    <RequireSignIn>
      <div class="page page--narrow">
        <p class="event-crumbs">
          <A href={params.espace ? `/espaces/${encodeURIComponent(params.espace)}?onglet=evenements` : '/agenda'}>
            {t(params.espace ? 'eventForm.backToSpace' : 'events.backToAgenda')}
          </A>
        </p>
        <PageHeading title={t('eventForm.createTitle')}>{t('eventForm.createTitle')}</PageHeading>
        <Switch>
          <Match when={params.espace}>{(slug) => <ForSpace slug={slug()} />}</Match>
          <Match when={true}>
            <ChooseSpace />
          </Match>
        </Switch>
      </div>
    </RequireSignIn>
  );
}
