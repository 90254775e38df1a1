import type { NewsletterSummary, SpaceResponse } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDate } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { CheckboxField } from '../../ui/checkbox-field';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { Loadable } from '../../ui/loadable';
import { session } from '../accounts/session.store';
import { createNewsletterListStore } from './newsletter-list.store';
import { composePath, editPath, issuePath } from './paths';
import { t, tc } from './space-newsletters.i18n';
import './newsletters.css';

function IssueItem(props: { slug: string; issue: NewsletterSummary }) {
  const draft = () => props.issue.status === 'draft';
  return (
    <li class="newsletter-item">
      <h4 class="newsletter-item__title">
        <A href={draft() ? editPath(props.slug, props.issue.id) : issuePath(props.slug, props.issue.id)}>
          <span lang={contentLang()}>{props.issue.subject}</span>
        </A>
      </h4>
      <p class="newsletter-item__meta">
        <Switch>
          <Match when={draft()}>
            {t('spaceNewsletters.draftCreated', { date: formatDate(props.issue.createdAt, locale()) })}
          </Match>
          <Match when={props.issue.sentAt}>
            {(sentAt) =>
              tc('spaceNewsletters.sentOn', props.issue.recipientCount, { date: formatDate(sentAt(), locale()) })
            }
          </Match>
          <Match when={props.issue.status === 'sending'}>{t('spaceNewsletters.sending')}</Match>
        </Switch>
      </p>
      <Show when={props.issue.excerpt}>
        <p class="newsletter-item__excerpt" lang={contentLang()}>
          {props.issue.excerpt}
        </p>
      </Show>
    </li>
  );
}

/** A member's choice to receive the infolettres by mail, saved as it is made. */
function Subscription(props: { subscribed: boolean; onChange: (subscribed: boolean) => Promise<void> }) {
  const [saved, setSaved] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  return (
    <div class="newsletter-subscription">
      <CheckboxField
        name="newsletter-subscription"
        label={t('spaceNewsletters.subscribe')}
        hint={t('spaceNewsletters.subscribe.hint')}
        checked={props.subscribed}
        onChange={async (checked) => {
          setSaved(null);
          setError(null);
          try {
            await props.onChange(checked);
            setSaved(t(checked ? 'spaceNewsletters.subscribe.on' : 'spaceNewsletters.subscribe.off'));
          } catch (failure) {
            setError(errorText(failure));
          }
        }}
      />
      <ErrorAlert message={error()} />
      <StatusMessage message={saved()} />
    </div>
  );
}

/**
 * The space's « Infolettres » tab: for its animateur·ices, writing one and their drafts; for
 * its readers, the issues sent, newest first; for its members, receiving them or not.
 */
export function SpaceNewsletters(props: { data: SpaceResponse }) {
  const slug = () => props.data.space.slug;
  const store = createNewsletterListStore(slug);
  const [more, setMore] = createSignal<string | null>(null);
  const drafts = () => (store.list.latest?.items ?? []).filter((issue) => issue.status === 'draft');
  const issues = () => (store.list.latest?.items ?? []).filter((issue) => issue.status !== 'draft');

  return (
    <div class="space-newsletters">
      <h2 class="visually-hidden">{t('spaceNewsletters.heading')}</h2>
      <Show
        when={props.data.permissions.viewContent}
        fallback={
          <p>
            {t(session.isSignedIn() ? 'spaceNewsletters.restricted.members' : 'spaceNewsletters.restricted.signIn')}
          </p>
        }
      >
        <Loadable error={t('spaceNewsletters.error')} retry={store.reload}>
          <Show when={store.list()}>
            {(list) => (
              <>
                <Show when={list().canManage}>
                  <div class="space-newsletters__manage">
                    <p class="actions">
                      <A href={composePath(slug())} class="button button--primary">
                        {t('spaceNewsletters.write')}
                      </A>
                    </p>
                    <Show when={list().recipientCount !== null}>
                      <p class="muted">{tc('spaceNewsletters.recipients', list().recipientCount ?? 0)}</p>
                    </Show>
                    <Show when={drafts().length > 0}>
                      <h3>{t('spaceNewsletters.drafts')}</h3>
                      <ul class="newsletter-list">
                        <For each={drafts()}>{(issue) => <IssueItem slug={slug()} issue={issue} />}</For>
                      </ul>
                    </Show>
                  </div>
                </Show>
                <Show when={list().subscribed !== null}>
                  <Subscription subscribed={list().subscribed === true} onChange={store.setSubscribed} />
                </Show>
                <h3>{t('spaceNewsletters.sent')}</h3>
                <Show when={issues().length > 0} fallback={<p>{t('spaceNewsletters.empty')}</p>}>
                  <ul class="newsletter-list">
                    <For each={issues()}>{(issue) => <IssueItem slug={slug()} issue={issue} />}</For>
                  </ul>
                </Show>
                <Show when={list().nextCursor}>
                  <p class="actions">
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={async () => {
                        setMore(null);
                        try {
                          await store.loadMore();
                        } catch (failure) {
                          setMore(errorText(failure));
                        }
                      }}
                    >
                      {t('spaceNewsletters.more')}
                    </button>
                  </p>
                  <ErrorAlert message={more()} />
                </Show>
              </>
            )}
          </Show>
        </Loadable>
      </Show>
    </div>
  );
}
