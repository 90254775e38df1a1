import type { Newsletter } from '@atelier/contract';
import { A, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { PageHeading } from '../../ui/page-heading';
import { t, tc } from './newsletters.i18n';
import { createNewsletterStore } from './newsletters.store';
import { archivePath, editPath } from './paths';
import './newsletters.css';

/** Where the issue stands: a draft, being sent, or sent on a date to so many people. */
function IssueStatus(props: { issue: Newsletter }) {
  return (
    <Switch>
      <Match when={props.issue.status === 'draft'}>
        <p class="notice notice--info">{t('newsletters.status.draft')}</p>
      </Match>
      <Match when={props.issue.status === 'sending'}>
        <p class="newsletter-page__meta">{tc('newsletters.status.sending', props.issue.recipientCount)}</p>
      </Match>
      <Match when={props.issue.sentAt}>
        {(sentAt) => (
          <p class="newsletter-page__meta">
            {tc('newsletters.status.sent', props.issue.recipientCount, {
              date: formatDateTime(sentAt(), locale()),
            })}
          </p>
        )}
      </Match>
    </Switch>
  );
}

/** For those who manage the space: how the mails went, from the outbox. */
function DeliveryCounts(props: { issue: Newsletter }) {
  const waiting = () =>
    Math.max(0, props.issue.recipientCount - (props.issue.sentCount ?? 0) - (props.issue.failedCount ?? 0));
  return (
    <section class="newsletter-delivery" aria-labelledby="newsletter-delivery-heading">
      <h2 id="newsletter-delivery-heading">{t('newsletters.delivery.heading')}</h2>
      <dl class="newsletter-delivery__counts">
        <div>
          <dt>{t('newsletters.delivery.sent')}</dt>
          <dd>{props.issue.sentCount}</dd>
        </div>
        <div>
          <dt>{t('newsletters.delivery.failed')}</dt>
          <dd>{props.issue.failedCount}</dd>
        </div>
        <div>
          <dt>{t('newsletters.delivery.waiting')}</dt>
          <dd>{waiting()}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * `/espaces/:slug/infolettres/:id`: one issue as its readers read it, linked from the mails'
 * « Lire en ligne ». Those who manage the space also see a draft (with the way to edit it) and
 * how the mails went; the page follows a send in progress until its mails are all out.
 */
export default function NewsletterPage() {
  const params = useParams<{ slug: string; id: string }>();
  const store = createNewsletterStore(
    () => params.slug,
    () => params.id,
  );
  const spaceTitle = () => store.space.latest?.space.title ?? params.slug;
  const missing = () =>
    store.issue.error instanceof ApiError && (store.issue.error.status === 404 || store.issue.error.status === 403);

  return (
    <div class="page newsletter-page">
      <p class="newsletter-crumbs">
        <A href={archivePath(params.slug)}>{t('newsletters.back', { space: spaceTitle() })}</A>
      </p>
      <Switch
        fallback={
          <p class="page--loading" role="status">
            {t('common.loading')}
          </p>
        }
      >
        <Match when={store.issue.error && missing()}>
          <PageHeading title={t('newsletters.notFound')}>{t('newsletters.notFound')}</PageHeading>
          <p class="lead">{t('newsletters.notFound.text')}</p>
        </Match>
        <Match when={store.issue.error}>
          <PageHeading title={t('newsletters.loadError')}>{t('newsletters.loadError')}</PageHeading>
          <div class="notice notice--error" role="alert">
            <p>{errorText(store.issue.error)}</p>
          </div>
          <p class="actions">
            <button type="button" class="button button--primary" onClick={() => void store.reload()}>
              {t('common.retry')}
            </button>
          </p>
        </Match>
        <Match when={store.issue.latest}>
          {(issue) => (
            <article class="newsletter-issue">
              <header class="newsletter-issue__head">
                <PageHeading title={issue().subject}>
                  <span lang={contentLang()}>{issue().subject}</span>
                </PageHeading>
                <div role="status" class="newsletter-issue__status">
                  <IssueStatus issue={issue()} />
                </div>
                <Show when={issue().status === 'draft' && issue().canManage}>
                  <p class="actions">
                    <A href={editPath(params.slug, issue().id)} class="button button--primary">
                      {t('newsletters.edit')}
                    </A>
                  </p>
                </Show>
              </header>
              <div class="newsletter-body newsletter-issue__body" lang={contentLang()} innerHTML={issue().body} />
              <Show when={issue().status !== 'draft' && issue().sentCount !== null}>
                <DeliveryCounts issue={issue()} />
              </Show>
            </article>
          )}
        </Match>
      </Switch>
    </div>
  );
}
