import type { OrganisationDetail } from '@atelier/contract';
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { Avatar } from '../../ui/avatar';
import { PageHeading } from '../../ui/page-heading';
import { notify } from '../../ui/toaster';
import { session } from '../accounts/session.store';
import { shortKind } from '../directory/directory-cards';
import { OrganisationForm } from './organisation.form';
import { draftFromOrganisation, type OrganisationDraft, organisationChanges } from './organisation-draft';
import { LogoForm } from './organisation-logo.form';
import { Referents } from './organisation-referents';
import { organisationsApi } from './organisations.api';
import { t, tc } from './organisations.i18n';
import '../../ui/fields.css';
import { ContactLink } from '../messages/contact-link';
import './organisations.css';

/** Asking to be linked, or withdrawing: what the reader may do about their own link. */
function MyLink(props: { detail: OrganisationDetail; onChange: (detail: OrganisationDetail) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ text: string; error: boolean } | null>(null);
  const slug = () => props.detail.organisation.slug;
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      props.onChange(await organisationsApi.get(slug()));
      setMessage({ text: done, error: false });
    } catch (error) {
      setMessage({ text: `${t('organisation.actionFailed')} ${errorText(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="organisation__link" aria-labelledby="organisation-link-heading">
      <h2 id="organisation-link-heading">{t('organisation.link.heading')}</h2>
      <Switch>
        <Match when={!session.isSignedIn()}>
          <p>
            <A href="/connexion">{t('organisation.link.signIn')}</A>
          </p>
        </Match>
        <Match when={props.detail.viewer.affiliation === null}>
          <p class="muted">{t('organisation.link.askHint')}</p>
          <button
            type="button"
            class="button button--primary"
            disabled={busy()}
            onClick={() => act(() => organisationsApi.ask(slug()), t('organisation.link.asked'))}
          >
            {t('organisation.link.ask')}
          </button>
        </Match>
        <Match when={props.detail.viewer.affiliation}>
          {(status) => (
            <>
              <p>{status() === 'pending' ? t('organisation.link.pending') : t('organisation.link.confirmed')}</p>
              <button
                type="button"
                class="button button--secondary"
                disabled={busy()}
                onClick={() => act(() => organisationsApi.withdraw(slug()), t('organisation.link.withdrawn'))}
              >
                {t('organisation.link.withdraw')}
              </button>
            </>
          )}
        </Match>
      </Switch>
      <p role="status" class={message()?.error ? 'field__error' : 'field__status'}>
        {message()?.text ?? ''}
      </p>
    </section>
  );
}

/** For referents and admins: the people waiting for their link to be confirmed. */
function PendingLinks(props: { detail: OrganisationDetail; onChange: (detail: OrganisationDetail) => void }) {
  const [status, setStatus] = createSignal('');
  const decide = async (userId: string, name: string, decision: 'confirm' | 'decline') => {
    try {
      props.onChange(await organisationsApi.decide(props.detail.organisation.slug, userId, decision));
      setStatus(
        t(decision === 'confirm' ? 'organisation.pending.confirmed' : 'organisation.pending.declined', { name }),
      );
    } catch (error) {
      setStatus(`${t('organisation.actionFailed')} ${errorText(error)}`);
    }
  };
  return (
    <Show when={props.detail.pending.length > 0 || status()}>
      <section class="organisation__pending" aria-labelledby="organisation-pending-heading">
        <h2 id="organisation-pending-heading">{t('organisation.pending.heading')}</h2>
        <ul class="organisation__pending-list">
          <For each={props.detail.pending}>
            {(request) => (
              <li>
                <span>
                  {request.displayName} · {formatDate(request.requestedAt, locale())}
                </span>
                <button
                  type="button"
                  class="button button--primary"
                  onClick={() => decide(request.userId, request.displayName, 'confirm')}
                >
                  {t('organisation.pending.confirm', { name: request.displayName })}
                </button>
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => decide(request.userId, request.displayName, 'decline')}
                >
                  {t('organisation.pending.decline', { name: request.displayName })}
                </button>
              </li>
            )}
          </For>
        </ul>
        <p role="status" class="field__status">
          {status()}
        </p>
      </section>
    </Show>
  );
}

/**
 * « Modifier l’organisation », for admins and referents: its fields (only what changed is
 * sent), then its logo. The heading takes the focus when it opens.
 */
function EditPanel(props: {
  detail: OrganisationDetail;
  onChange: (detail: OrganisationDetail) => void;
  onClose: () => void;
}) {
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  const save = async (draft: OrganisationDraft) => {
    const changes = organisationChanges(props.detail.organisation, draft);
    if (Object.keys(changes).length > 0) {
      props.onChange(await organisationsApi.update(props.detail.organisation.slug, changes));
    }
    notify(t(Object.keys(changes).length > 0 ? 'organisation.form.saved' : 'organisation.form.unchanged'));
    props.onClose();
  };
  return (
    <section id="organisation-edit" class="organisation__edit" aria-labelledby="organisation-edit-heading">
      <h2 id="organisation-edit-heading" ref={heading} tabindex="-1">
        {t('organisation.edit.heading')}
      </h2>
      <OrganisationForm
        initial={draftFromOrganisation(props.detail.organisation)}
        submitLabel={t('organisation.form.save')}
        busyLabel={t('organisation.form.saving')}
        onSubmit={save}
        onCancel={props.onClose}
      />
      <LogoForm detail={props.detail} onChange={props.onChange} />
    </section>
  );
}

function OrganisationView(props: { detail: OrganisationDetail; onChange: (detail: OrganisationDetail) => void }) {
  const organisation = () => props.detail.organisation;
  const [editing, setEditing] = createSignal(false);
  let editButton: HTMLButtonElement | undefined;
  const closeEditing = () => {
    setEditing(false);
    editButton?.focus();
  };
  return (
    <article class="organisation">
      <p>
        <A href="/allie-es">{t('organisation.back')}</A>
      </p>
      <div class="organisation__header">
        {/* Decorative: the name is the heading beside it. */}
        <Show when={organisation().logoUrl}>
          {(url) => <img class="organisation__logo" src={url()} alt="" width="256" height="256" />}
        </Show>
        <PageHeading title={organisation().name}>{organisation().name}</PageHeading>
      </div>
      <Show when={props.detail.viewer.canManage}>
        <p>
          <button
            ref={editButton}
            type="button"
            class="button button--secondary"
            aria-expanded={editing()}
            aria-controls={editing() ? 'organisation-edit' : undefined}
            onClick={() => setEditing(!editing())}
          >
            {t('organisation.edit')}
          </button>
        </p>
        <Show when={editing()}>
          <EditPanel detail={props.detail} onChange={props.onChange} onClose={closeEditing} />
        </Show>
      </Show>
      <dl class="organisation__facts">
        <div>
          <dt>{t('organisation.kind')}</dt>
          <dd>{shortKind(organisation().kind)}</dd>
        </div>
        <Show when={organisation().territory}>
          <div>
            <dt>{t('organisation.territory')}</dt>
            <dd lang={contentLang()}>
              {organisation().territory}
              <Show when={organisation().territoryCode}>
                {(code) => <span class="muted"> ({t('organisation.territoryCode', { code: code().code })})</span>}
              </Show>
            </dd>
          </div>
        </Show>
        <Show when={organisation().themes.length > 0}>
          <div>
            <dt>{t('organisation.themes')}</dt>
            <dd lang={contentLang()}>{organisation().themes.join(' · ')}</dd>
          </div>
        </Show>
        <Show when={organisation().website}>
          {(website) => (
            <div>
              <dt>{t('organisation.website')}</dt>
              <dd>
                <a href={website()} target="_blank" rel="noopener noreferrer">
                  {new URL(website()).hostname}{' '}
                  <span class="visually-hidden">{t('organisation.website.external')}</span>
                </a>
              </dd>
            </div>
          )}
        </Show>
        <Show when={organisation().siren}>
          <div>
            <dt>{t('organisation.siren')}</dt>
            <dd>{organisation().siren}</dd>
          </div>
        </Show>
      </dl>
      <Show when={organisation().charterJoinedOn}>
        {(date) => <p class="muted">{t('organisation.charter', { date: formatDate(date(), locale()) })}</p>}
      </Show>
      <Show when={organisation().presentation}>
        <p class="organisation__presentation" lang={contentLang()}>
          {organisation().presentation}
        </p>
      </Show>

      <section aria-labelledby="organisation-members-heading">
        <h2 id="organisation-members-heading">{t('organisation.members.heading')}</h2>
        <Show
          when={props.detail.members.length > 0}
          fallback={
            <p class="muted">{t(session.user() ? 'organisation.members.none' : 'organisation.members.signIn')}</p>
          }
        >
          <ul class="organisation__members">
            <For each={props.detail.members}>
              {(member) => (
                <li>
                  <Avatar name={member.displayName} id={member.id} url={member.avatarUrl} />
                  <span>{member.displayName}</span>
                  <ContactLink person={member} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section aria-labelledby="organisation-spaces-heading">
        <h2 id="organisation-spaces-heading">{t('organisation.spaces.heading')}</h2>
        <Show when={props.detail.spaces.length > 0} fallback={<p class="muted">{t('organisation.spaces.none')}</p>}>
          <ul class="organisation__spaces">
            <For each={props.detail.spaces}>
              {(space) => (
                <li>
                  <A href={`/espaces/${space.slug}`}>{space.title}</A>{' '}
                  <span class="muted">{tc('organisation.spaces.members', space.memberCount)}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <MyLink detail={props.detail} onChange={props.onChange} />
      <Show when={props.detail.viewer.canManage}>
        <PendingLinks detail={props.detail} onChange={props.onChange} />
        <Referents detail={props.detail} onChange={props.onChange} />
      </Show>
    </article>
  );
}

/** `/allie-es/:slug`: an organisation's public page. */
export default function OrganisationPage() {
  const params = useParams<{ slug: string }>();
  const [detail, { mutate, refetch }] = createResource(
    () => ({ slug: params.slug, viewer: session.viewerKey() }),
    ({ slug }) => organisationsApi.get(slug),
  );
  const notFound = () => detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <div class="page">
      <Switch>
        <Match when={notFound()}>
          <PageHeading title={t('organisation.notFound')}>{t('organisation.notFound')}</PageHeading>
          <p>
            <A href="/allie-es">{t('organisation.back')}</A>
          </p>
        </Match>
        <Match when={detail.error}>
          <div class="notice notice--error" role="alert">
            <p>
              {t('organisation.error')} {errorText(detail.error)}
            </p>
            <button type="button" class="button button--secondary" onClick={() => void refetch()}>
              {t('common.retry')}
            </button>
          </div>
        </Match>
        <Match when={detail.latest}>
          {(current) => <OrganisationView detail={current()} onChange={(next) => mutate(next)} />}
        </Match>
        <Match when={detail.loading}>
          <p role="status">{t('common.loading')}</p>
        </Match>
      </Switch>
    </div>
  );
}
