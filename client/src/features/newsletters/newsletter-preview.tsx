import type { Newsletter } from '@atelier/contract';
import { contentLang } from '../../lib/i18n';
import { t } from './newsletters.i18n';

/**
 * « Aperçu »: the saved draft framed as its mail is — who sends it and where to read it online,
 * the subject, the body the server sanitized (what recipients get), then why they receive it
 * and the link that stops them. The frame's links are shown, not followed: the issue has no
 * page of its own until it is sent.
 */
export function NewsletterPreview(props: {
  issue: Newsletter;
  spaceTitle: string;
  ref?: (heading: HTMLElement) => void;
}) {
  return (
    <section class="newsletter-preview" aria-labelledby="newsletter-preview-heading">
      <h2 id="newsletter-preview-heading" tabindex="-1" ref={(element) => props.ref?.(element)}>
        {t('newsletters.preview.heading')}
      </h2>
      <p class="muted">{t('newsletters.preview.intro')}</p>
      <div class="newsletter-preview__mail">
        <p class="newsletter-preview__from">
          {t('newsletters.preview.from', { space: props.spaceTitle })} · <u>{t('newsletters.preview.online')}</u>
        </p>
        <p class="newsletter-preview__subject" lang={contentLang()}>
          {props.issue.subject}
        </p>
        <div class="newsletter-body" lang={contentLang()} innerHTML={props.issue.body} />
        <hr />
        <p class="newsletter-preview__footer">{t('newsletters.preview.why', { space: props.spaceTitle })}</p>
        <p class="newsletter-preview__footer">
          <u>{t('newsletters.preview.stop')}</u>
        </p>
      </div>
    </section>
  );
}
