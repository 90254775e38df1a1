import { A, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { SubmitButton } from '../../ui/submit-button';
import { notify } from '../../ui/toaster';
import { RequireSignIn } from '../accounts/require-sign-in';
import { session } from '../accounts/session.store';
import { createSpace } from './space.store';
import { spaceHref } from './space-card';
import { createBody, emptyDraft, type SpaceDraft } from './space-draft';
import { SPACE_FIELD_MESSAGES, type SpaceField, SpaceFields, validateDraft } from './space-form';
import { t } from './spaces.i18n';
import './spaces.css';

function CreateForm() {
  const navigate = useNavigate();
  const [draft, setDraft] = createStore<SpaceDraft>(emptyDraft());
  const form = createForm<SpaceField>({
    fieldMessages: SPACE_FIELD_MESSAGES,
    onError: (error) => (error.code === 'conflict' ? { fields: { slug: t('spaceForm.slug.taken') } } : undefined),
  });
  const submit = form.handleSubmit(
    () => validateDraft(draft),
    async () => {
      const created = await createSpace(createBody(draft));
      notify(t('spaceCreate.done', { title: created.space.title }));
      navigate(`${spaceHref(created.space)}?onglet=animation`);
    },
  );
  return (
    <form class="form" novalidate onSubmit={submit}>
      <p class="muted">{t('common.requiredNote')}</p>
      <ErrorAlert message={form.formError()} />
      <SpaceFields draft={draft} setDraft={setDraft} form={form} creating />
      <SubmitButton label={t('spaceCreate.submit')} busyLabel={t('spaceCreate.submitting')} busy={form.busy()} />
    </form>
  );
}

/** `/espaces/nouveau`: admins create a chantier, a communauté or a cohorte. */
export default function SpaceCreatePage() {
  return (
    <RequireSignIn>
      <div class="page page--narrow">
        <p class="space__crumbs">
          <A href="/espaces">{t('space.backToSpaces')}</A>
        </p>
        <PageHeading title={t('spaceCreate.title')}>{t('spaceCreate.title')}</PageHeading>
        <Show
          when={session.user()?.role === 'admin'}
          fallback={<p class="notice notice--info">{t('spaceCreate.adminsOnly')}</p>}
        >
          <p class="lead">{t('spaceCreate.intro')}</p>
          <CreateForm />
        </Show>
      </div>
    </RequireSignIn>
  );
}
