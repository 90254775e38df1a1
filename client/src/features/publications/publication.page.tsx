import { LICENCES, type Publication } from '@atelier/contract';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeading } from '../../ui/page-heading';
import { notify } from '../../ui/toaster';
import { session } from '../accounts/session.store';
import { formatBytes } from '../documents/file-rules';
import { publicationsApi } from './publications.api';
import { t } from './publications.i18n';
import { kindLabel } from './publish-form';
import './publications.css';

function PublicationView(props: { publication: Publication }) {
  const navigate = useNavigate();
  const [error, setError] = createSignal<string | null>(null);
  const p = () => props.publication;
  const withdraw = async () => {
    setError(null);
    try {
      await publicationsApi.withdraw(p().id);
      notify(t('publication.withdrawn', { title: p().title }));
      navigate('/ressources');
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <article class="publication">
      <p class="publication__kind">{kindLabel(p().kind)}</p>
      <PageHeading title={p().title}>{p().title}</PageHeading>
      <Show when={p().summary}>
        <p class="lead" lang={contentLang()}>
          {p().summary}
        </p>
      </Show>
      <dl class="publication__facts">
        <div>
          <dt>{t('publication.licence')}</dt>
          <dd>
            <a href={LICENCES[p().licence].url} rel="license noopener noreferrer" target="_blank">
              {LICENCES[p().licence].label} <span class="visually-hidden">{t('publication.external')}</span>
            </a>
          </dd>
        </div>
        <Show when={p().space}>
          {(space) => (
            <div>
              <dt>{t('publication.space')}</dt>
              <dd>
                <A href={`/espaces/${space().slug}`}>{space().title}</A>
              </dd>
            </div>
          )}
        </Show>
        <Show when={p().themes.length > 0}>
          <div>
            <dt>{t('publication.themes')}</dt>
            <dd lang={contentLang()}>{p().themes.join(' · ')}</dd>
          </div>
        </Show>
        <Show when={p().territories.length > 0}>
          <div>
            <dt>{t('publication.territories')}</dt>
            <dd>{p().territories.join(' · ')}</dd>
          </div>
        </Show>
      </dl>
      <p class="muted">{t('publication.published', { date: formatDate(p().publishedAt, locale()) })}</p>
      <Switch>
        <Match when={p().html !== null}>
          {/* The server's sanitized HTML of the version as it was published. */}
          <div class="document-version publication__content" lang={contentLang()} innerHTML={p().html ?? ''} />
        </Match>
        <Match when={p().sourceType === 'file'}>
          <Show when={p().file} fallback={<p class="muted">{t('publication.fileGone')}</p>}>
            {(file) => (
              <p>
                <a class="button button--primary" href={publicationsApi.fileUrl(p().id)} download="">
                  {t('publication.download', { name: file().name, size: formatBytes(file().sizeBytes, locale()) })}
                </a>
              </p>
            )}
          </Show>
        </Match>
        <Match when={p().url}>
          {(url) => (
            <p>
              <a class="button button--primary" href={url()} target="_blank" rel="noopener noreferrer">
                {t('publication.open')} <span class="visually-hidden">{t('publication.external')}</span>
              </a>
            </p>
          )}
        </Match>
      </Switch>
      <Show when={p().canWithdraw}>
        <ErrorAlert message={error()} />
        <p>
          <button type="button" class="button button--secondary" onClick={withdraw}>
            {t('publication.withdraw')}
          </button>
        </p>
      </Show>
    </article>
  );
}

/** `/ressources/:id`: one resource of the commons, as it was published. */
export default function PublicationPage() {
  const params = useParams();
  // Keyed on who is signed in: whether one may withdraw it is the reader's own.
  const [data, { refetch }] = createResource(
    () => `${params.id} ${session.user()?.id ?? ''}`,
    () => publicationsApi.get(params.id ?? ''),
  );
  return (
    <div class="page">
      <p>
        <A href="/ressources">{t('publication.back')}</A>
      </p>
      <Switch>
        <Match when={data.error}>
          <div class="notice notice--error" role="alert">
            <p>{errorText(data.error)}</p>
            <button type="button" class="button button--secondary" onClick={() => void refetch()}>
              {t('common.retry')}
            </button>
          </div>
        </Match>
        <Match when={data.latest}>{(loaded) => <PublicationView publication={loaded().publication} />}</Match>
        <Match when={data.loading}>
          <p role="status">{t('common.loading')}</p>
        </Match>
      </Switch>
    </div>
  );
}
