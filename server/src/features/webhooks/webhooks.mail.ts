import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    subject: (space: string) => `Un webhook de « ${space} » a été désactivé`,
    body: (url: string, failures: number) => [
      `Les ${failures} dernières livraisons vers ${url} ont échoué : le webhook a été désactivé pour ne plus insister.`,
      'Vérifiez l’adresse et le service qui reçoit les livraisons, puis réactivez-le depuis les réglages de l’espace, où le journal des livraisons indique chaque erreur.',
    ],
    action: 'Ouvrir les réglages de l’espace',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    subject: (space: string) => `A webhook of “${space}” was switched off`,
    body: (url: string, failures: number) => [
      `The last ${failures} deliveries to ${url} failed: the webhook was switched off so that it stops trying.`,
      'Check the address and the service that receives the deliveries, then switch it on again from the space’s settings, where the delivery log shows each error.',
    ],
    action: 'Open the space’s settings',
  },
} as const;

/** The mail to the person who added a webhook that was switched off; written in the caller's transaction. */
export function createWebhooksMailer(mail: MailSender, publicUrl: string) {
  return {
    async sendDisabled(
      db: Db,
      to: { email: string; display_name: string; locale: Locale },
      facts: { spaceTitle: string; spaceSlug: string; url: string; failures: number },
    ) {
      const text = TEXT[to.locale];
      const subject = text.subject(facts.spaceTitle);
      await mail.send(db, {
        to: to.email,
        subject,
        ...(await renderMail({
          locale: to.locale,
          title: subject,
          greeting: text.greeting(to.display_name),
          paragraphs: [...text.body(facts.url, facts.failures)],
          action: {
            label: text.action,
            url: `${publicUrl}/espaces/${encodeURIComponent(facts.spaceSlug)}?onglet=animation`,
          },
        })),
      });
    },
  };
}
export type WebhooksMailer = ReturnType<typeof createWebhooksMailer>;
