import {
  DOCUMENT_TITLE_MAX_CHARS,
  type Document,
  LinkCreateBodySchema,
  RESOURCE_DESCRIPTION_MAX_CHARS,
  RESOURCE_TITLE_MAX_CHARS,
  type ResourceLink,
} from '@atelier/contract';
import { createSignal, onMount } from 'solid-js';
import { createForm } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { t } from './documents.i18n';
import type { ResourcesStore } from './resources.store';

/**
 * A document's title, which may not be blank: the one field of the new-document and rename
 * forms. `save` gets the trimmed title.
 */
export function createTitleForm(initial: string, save: (title: string) => Promise<void>) {
  const [title, setTitle] = createSignal(initial);
  const form = createForm<'title'>();
  const submit = form.handleSubmit(
    () => (title().trim() ? {} : { title: t('error.invalid_input') }),
    () => save(title().trim()),
  );
  const TitleField = (fieldProps: { label: string }) => (
    <TextInput
      label={fieldProps.label}
      name="title"
      value={title()}
      onInput={(value) => {
        setTitle(value);
        form.clearError('title');
      }}
      required
      maxLength={DOCUMENT_TITLE_MAX_CHARS}
      error={form.error('title')}
    />
  );
  return { form, submit, TitleField };
}

/** A title, then the new document opens (the caller navigates). */
export function NewDocumentForm(props: {
  store: ResourcesStore;
  onCreated: (document: Document) => void;
  onCancel: () => void;
}) {
  const { form, submit, TitleField } = createTitleForm('', async (title) =>
    props.onCreated(await props.store.createDocument(title)),
  );
  let element: HTMLFormElement | undefined;
  // Opened by "Nouveau document": the title field is where the person goes next.
  onMount(() => element?.querySelector('input')?.focus());
  return (
    <form ref={element} class="resource-form card" onSubmit={submit} aria-labelledby="new-document-heading" novalidate>
      <h4 id="new-document-heading">{t('resources.documents.new')}</h4>
      <ErrorAlert message={form.formError()} />
      <TitleField label={t('resources.documents.title')} />
      <p class="actions">
        <SubmitButton
          label={t('resources.documents.create')}
          busyLabel={t('resources.documents.creating')}
          busy={form.busy()}
        />
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {t('resources.documents.cancel')}
        </button>
      </p>
    </form>
  );
}

type LinkField = 'url' | 'title' | 'description';

/** An outside resource: its address, a title and a few words on what it is. */
export function LinkForm(props: { store: ResourcesStore; onAdded: (link: ResourceLink) => void }) {
  const [url, setUrl] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [description, setDescription] = createSignal('');
  const form = createForm<LinkField>({ fieldMessages: { url: () => t('resources.links.invalidUrl') } });

  // Typing in a field clears its error.
  const edit = (field: LinkField, set: (value: string) => void) => (value: string) => {
    set(value);
    form.clearError(field);
  };

  // The contract's own schema decides, so the browser and the server agree on what is valid.
  const validate = () => {
    const parsed = LinkCreateBodySchema.safeParse({ url: url().trim(), title: title(), description: description() });
    if (parsed.success) return {};
    const errors: Partial<Record<LinkField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as LinkField;
      errors[field] ??= field === 'url' ? t('resources.links.invalidUrl') : t('error.invalid_input');
    }
    return errors;
  };

  const submit = form.handleSubmit(validate, async () => {
    const link = await props.store.addLink({
      url: url().trim(),
      title: title().trim(),
      description: description().trim(),
    });
    setUrl('');
    setTitle('');
    setDescription('');
    props.onAdded(link);
  });

  return (
    <form class="resource-form card" onSubmit={submit} aria-labelledby="new-link-heading" novalidate>
      <h4 id="new-link-heading">{t('resources.links.new')}</h4>
      <ErrorAlert message={form.formError()} />
      <TextInput
        label={t('resources.links.url')}
        name="url"
        type="url"
        inputMode="text"
        value={url()}
        onInput={edit('url', setUrl)}
        required
        maxLength={2000}
        error={form.error('url')}
      />
      <TextInput
        label={t('resources.links.title')}
        name="title"
        value={title()}
        onInput={edit('title', setTitle)}
        required
        maxLength={RESOURCE_TITLE_MAX_CHARS}
        error={form.error('title')}
      />
      <TextInput
        label={t('resources.links.description')}
        name="description"
        hint={t('resources.links.descriptionHint')}
        multiline
        rows={3}
        value={description()}
        onInput={edit('description', setDescription)}
        maxLength={RESOURCE_DESCRIPTION_MAX_CHARS}
        error={form.error('description')}
      />
      <p class="actions">
        <SubmitButton
          label={t('resources.links.submit')}
          busyLabel={t('resources.links.submitting')}
          busy={form.busy()}
        />
      </p>
    </form>
  );
}
