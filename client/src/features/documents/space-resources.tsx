import type { Document, ResourceLink, SpaceResources as Resources, SpaceFile, SpaceResponse } from '@atelier/contract';
import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, type JSX, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { session } from '../accounts/session.store';
import { FlagButton } from '../moderation/flag-button';
import { createPublishToggle } from '../publications/publish-form';
import { t } from './documents.i18n';

import { formatBytes, typeLabel } from './file-rules';
import { FileUpload } from './file-upload';
import { LinkForm, NewDocumentForm } from './resource-forms';
import { createResourcesStore, type ResourceKind, type ResourcesStore } from './resources.store';
import './documents.css';

export const documentPath = (slug: string, documentId: string) =>
  `/espaces/${encodeURIComponent(slug)}/documents/${encodeURIComponent(documentId)}`;

type Deletion = { kind: ResourceKind; id: string; name: string };

/** Named after its item, so a screen reader's list of buttons tells them apart. */
function DeleteButton(props: { name: string; onDelete: () => void }) {
  return (
    <button
      type="button"
      class="button button--secondary"
      aria-label={`${t('resources.delete')} « ${props.name} »`}
      onClick={() => props.onDelete()}
    >
      {t('resources.delete')}
    </button>
  );
}

function DocumentRow(props: { slug: string; document: Document; canDelete: boolean; onDelete: () => void }) {
  const edited = () =>
    props.document.lastEditedAt && props.document.lastEditedBy
      ? t('resources.documents.edited', {
          date: formatDateTime(props.document.lastEditedAt, locale()),
          name: props.document.lastEditedBy.displayName,
        })
      : t('resources.documents.created', {
          date: formatDateTime(props.document.createdAt, locale()),
          name: props.document.author.displayName,
        });
  return (
    <li class="resource">
      <A class="resource__title" href={documentPath(props.slug, props.document.id)}>
        {props.document.title}
      </A>
      <p class="resource__meta muted">{edited()}</p>
      <p class="resource__actions">
        <Show when={props.canDelete}>
          <DeleteButton name={props.document.title} onDelete={props.onDelete} />
        </Show>
        <FlagButton
          type="document"
          id={props.document.id}
          name={props.document.title}
          authorId={props.document.author.id}
        />
      </p>
    </li>
  );
}

function FileRow(props: { file: SpaceFile; canDelete: boolean; canPublish: boolean; onDelete: () => void }) {
  const publish = createPublishToggle(
    () => ({ type: 'file', id: props.file.id }),
    () => props.file.name,
  );
  return (
    <li class="resource resource--file">
      <Show when={props.file.previewUrl}>
        {(preview) => (
          // Decorative: the file's name follows and names it.
          <img class="resource__preview" src={preview()} alt="" width="64" height="64" loading="lazy" />
        )}
      </Show>
      <div class="resource__body">
        <p class="resource__title">{props.file.name}</p>
        <p class="resource__meta muted">
          {t('resources.files.meta', {
            type: typeLabel(props.file.mimeType),
            size: formatBytes(props.file.sizeBytes, locale()),
            date: formatDateTime(props.file.createdAt, locale()),
            name: props.file.uploadedBy.displayName,
          })}
        </p>
        <p class="resource__actions">
          <a
            class="button button--secondary"
            href={props.file.downloadUrl}
            download={props.file.name}
            aria-label={t('resources.files.downloadLabel', { name: props.file.name })}
          >
            {t('resources.files.download')}
          </a>
          <Show when={props.canDelete}>
            <DeleteButton name={props.file.name} onDelete={props.onDelete} />
          </Show>
          <FlagButton type="file" id={props.file.id} name={props.file.name} authorId={props.file.uploadedBy.id} />
          <Show when={props.canPublish}>
            <publish.Button />
          </Show>
        </p>
        <publish.Form />
      </div>
    </li>
  );
}

function LinkRow(props: { link: ResourceLink; canDelete: boolean; canPublish: boolean; onDelete: () => void }) {
  const publish = createPublishToggle(
    () => ({ type: 'link', id: props.link.id }),
    () => props.link.title,
  );
  return (
    <li class="resource">
      <a class="resource__title" href={props.link.url} target="_blank" rel="noopener noreferrer">
        {props.link.title}
        <span class="visually-hidden"> {t('resources.links.newTab')}</span>
      </a>
      <p class="resource__host muted">{hostOf(props.link.url)}</p>
      <Show when={props.link.description}>
        <p class="resource__description">{props.link.description}</p>
      </Show>
      <p class="resource__meta muted">
        {t('resources.links.meta', {
          date: formatDateTime(props.link.createdAt, locale()),
          name: props.link.createdBy.displayName,
        })}
      </p>
      <Show when={props.canDelete || props.canPublish}>
        <p class="resource__actions">
          <Show when={props.canDelete}>
            <DeleteButton name={props.link.title} onDelete={props.onDelete} />
          </Show>
          <Show when={props.canPublish}>
            <publish.Button />
          </Show>
        </p>
      </Show>
      <publish.Form />
    </li>
  );
}

function ResourceSection(props: {
  id: string;
  title: string;
  heading: (element: HTMLHeadingElement) => void;
  children: JSX.Element;
}) {
  return (
    <section class="resources__section" aria-labelledby={props.id}>
      <h3 id={props.id} ref={props.heading} tabindex="-1">
        {props.title}
      </h3>
      {props.children}
    </section>
  );
}

function ResourceList<T>(props: { items: T[]; empty: string; children: (item: T) => JSX.Element }) {
  return (
    <Show when={props.items.length > 0} fallback={<p>{props.empty}</p>}>
      <ul class="resource-list">
        <For each={props.items}>{(item) => props.children(item)}</For>
      </ul>
    </Show>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function ResourceLists(props: { data: SpaceResponse; resources: Resources; store: ResourcesStore }) {
  const navigate = useNavigate();
  const slug = () => props.data.space.slug;
  const me = () => session.user();
  const canContribute = () => props.data.membership?.status === 'active' || me()?.role === 'admin';
  // Authors remove their own; animateur·ices (manage) and admins remove anything.
  const canDelete = (authorId: string) =>
    me()?.id === authorId || props.data.permissions.manage || me()?.role === 'admin';
  const [creating, setCreating] = createSignal(false);
  const [status, setStatus] = createSignal<string | null>(null);
  const [deletion, setDeletion] = createSignal<Deletion | null>(null);
  const [deleting, setDeleting] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  let newDocumentButton: HTMLButtonElement | undefined;
  const headings: Partial<Record<Deletion['kind'], HTMLHeadingElement>> = {};
  // After a deletion the item's button is gone: focus goes to the top of its list.
  let deletedKind: Deletion['kind'] | null = null;

  const confirmDeletion = async () => {
    const target = deletion();
    if (!target) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await props.store.remove(target.kind, target.id);
      deletedKind = target.kind;
      setDeletion(null);
      setStatus(t('resources.deleted', { name: target.name }));
    } catch (error) {
      setDeleteError(errorText(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      <Show when={!canContribute()}>
        <p class="muted">{t('resources.joinToContribute')}</p>
      </Show>
      <StatusMessage message={status()} />

      <ResourceSection
        id="resources-documents"
        title={t('resources.documents')}
        heading={(element) => (headings.document = element)}
      >
        <Show when={canContribute() && !creating()}>
          <p class="actions">
            <button
              ref={newDocumentButton}
              type="button"
              class="button button--primary"
              onClick={() => setCreating(true)}
            >
              {t('resources.documents.new')}
            </button>
          </p>
        </Show>
        <Show when={creating()}>
          <NewDocumentForm
            store={props.store}
            onCancel={() => {
              setCreating(false);
              queueMicrotask(() => newDocumentButton?.focus());
            }}
            onCreated={(created) => navigate(documentPath(slug(), created.id))}
          />
        </Show>
        <ResourceList items={props.resources.documents} empty={t('resources.documents.empty')}>
          {(item) => (
            <DocumentRow
              slug={slug()}
              document={item}
              canDelete={canDelete(item.author.id)}
              onDelete={() => setDeletion({ kind: 'document', id: item.id, name: item.title })}
            />
          )}
        </ResourceList>
      </ResourceSection>

      <ResourceSection
        id="resources-files"
        title={t('resources.files')}
        heading={(element) => (headings.file = element)}
      >
        <Show when={canContribute()}>
          <FileUpload
            store={props.store}
            onUploaded={(file) => {
              setStatus(t('resources.files.done', { name: file.name }));
            }}
          />
        </Show>
        <ResourceList items={props.resources.files} empty={t('resources.files.empty')}>
          {(file) => (
            <FileRow
              file={file}
              canDelete={canDelete(file.uploadedBy.id)}
              canPublish={props.data.permissions.manage}
              onDelete={() => setDeletion({ kind: 'file', id: file.id, name: file.name })}
            />
          )}
        </ResourceList>
      </ResourceSection>

      <ResourceSection
        id="resources-links"
        title={t('resources.links')}
        heading={(element) => (headings.link = element)}
      >
        <ResourceList items={props.resources.links} empty={t('resources.links.empty')}>
          {(link) => (
            <LinkRow
              link={link}
              canDelete={canDelete(link.createdBy.id)}
              canPublish={props.data.permissions.manage}
              onDelete={() => setDeletion({ kind: 'link', id: link.id, name: link.title })}
            />
          )}
        </ResourceList>
        <Show when={canContribute()}>
          <LinkForm
            store={props.store}
            onAdded={(link) => {
              setStatus(t('resources.links.added', { title: link.title }));
            }}
          />
        </Show>
      </ResourceSection>

      <ConfirmDialog
        open={deletion() !== null}
        onOpenChange={(open) => {
          if (!open) {
            setDeletion(null);
            setDeleteError(null);
          }
        }}
        title={t(`resources.confirm.${deletion()?.kind ?? 'file'}.title`)}
        description={
          <p>{t(`resources.confirm.${deletion()?.kind ?? 'file'}.text`, { name: deletion()?.name ?? '' })}</p>
        }
        confirmLabel={t('resources.delete')}
        busyLabel={t('resources.deleting')}
        busy={deleting()}
        error={deleteError()}
        onConfirm={() => void confirmDeletion()}
        focusAfterClose={() => {
          const kind = deletedKind;
          deletedKind = null;
          return kind ? headings[kind] : null;
        }}
      />
    </>
  );
}

/** The space's "Ressources" tab: its shared documents, files and links. */
export function SpaceResources(props: { data: SpaceResponse }) {
  const store = createResourcesStore(() => props.data);
  const resources = store.resources;
  return (
    // The tab's own h2 ("Ressources") is the space page's; the lists below are its h3s.
    <div class="resources">
      <p class="lead resources__intro">{t('resources.intro')}</p>
      <Switch>
        <Match when={!props.data.permissions.viewContent}>
          <p>{t(session.isSignedIn() ? 'resources.membersOnly' : 'resources.signIn')}</p>
        </Match>
        <Match when={resources.error}>
          <ErrorAlert message={t('resources.loadError')}>
            <button type="button" class="button button--secondary" onClick={() => void store.reload()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        </Match>
        <Match when={resources()}>
          {(loaded) => <ResourceLists data={props.data} resources={loaded()} store={store} />}
        </Match>
        <Match when={resources.loading}>
          <p role="status">{t('common.loading')}</p>
        </Match>
      </Switch>
    </div>
  );
}
