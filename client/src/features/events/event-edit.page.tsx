import { A, useNavigate, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert, InfoNote } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { notify } from '../../ui/toaster';
import { RequireSignIn } from '../accounts/require-sign-in';
import { createEventEditor } from './event.store';
import { draftFromEvent, type EventDraft, updateBody } from './event-draft';
import { EventForm } from './event-form';
import { t } from './events.i18n';
import './events.css';

function EditForm(props: { id: string }) {
  const navigate = useNavigate();
  const editor = createEventEditor(() => props.id);
  const detail = editor.detail;
  /** Sessions and occurrences of a series ask no questions of their own. */
  const asksQuestions = () => {
    const event = editor.detail()?.event;
    return Boolean(event && !event.seriesId && !event.parentId);
  };
  const save = async (draft: EventDraft) => {
    const event = await editor.save(updateBody(draft, { questions: asksQuestions() }));
    notify(t('eventForm.saved', { title: event.title }));
    navigate(`/evenements/${encodeURIComponent(event.id)}`);
  };
  return (
    <Switch fallback={<p role="status">{t('common.loading')}</p>}>
      <Match when={detail.error}>
        <ErrorAlert message={errorText(detail.error)} />
      </Match>
      <Match when={detail() && !detail()!.event.canManage}>
        <InfoNote>
          <p>{t('eventForm.notAllowed')}</p>
        </InfoNote>
      </Match>
      <Match when={detail()}>
        <Show when={detail()!.event.seriesId}>
          <InfoNote>
            <p>{t('eventForm.occurrenceNote')}</p>
          </InfoNote>
        </Show>
        <EventForm
          initial={draftFromEvent(detail()!.event)}
          creating={false}
          asksQuestions={asksQuestions()}
          space={{
            fixed: {
              id: detail()!.event.space?.id ?? '',
              name: detail()!.event.space?.name ?? t('events.space.alliance'),
            },
          }}
          submitLabel={t('eventForm.save')}
          busyLabel={t('eventForm.saving')}
          onSubmit={save}
        />
      </Match>
    </Switch>
  );
}

/** `/evenements/:id/modifier`: the same form as creation, for this event only. */
export default function EventEditPage() {
  const params = useParams<{ id: string }>();
  return (
    <RequireSignIn>
      <div class="page page--narrow">
        <p class="event-crumbs">
          <A href={`/evenements/${encodeURIComponent(params.id)}`}>{t('eventForm.backToEvent')}</A>
        </p>
        <PageHeading title={t('eventForm.editTitle')}>{t('eventForm.editTitle')}</PageHeading>
        <Show when={params.id} keyed>
          {(id) => <EditForm id={id} />}
        </Show>
      </div>
    </RequireSignIn>
  );
}
