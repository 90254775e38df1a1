import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

export interface MailPerson {
  email: string;
  display_name: string;
  locale: Locale;
}

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    requestSubject: (organisation: string) => `Demande de rattachement à ${organisation}`,
    request: (name: string, organisation: string) => [
      `${name} indique faire partie de ${organisation} et demande à y être rattaché·e sur l’Atelier des transitions.`,
      'Confirmez ou refusez la demande depuis la page de l’organisation.',
    ],
    requestAction: 'Voir la demande',
    confirmedSubject: (organisation: string) => `Vous êtes rattaché·e à ${organisation}`,
    confirmed: (organisation: string) => [
      `Votre rattachement à ${organisation} est confirmé : la page de l’organisation vous compte parmi ses membres, si vous apparaissez dans l’annuaire.`,
    ],
    declinedSubject: (organisation: string) => `Votre demande de rattachement à ${organisation}`,
    declined: (organisation: string) => [
      `Votre demande de rattachement à ${organisation} n’a pas été confirmée. Si c’est une erreur, écrivez à un·e référent·e de l’organisation.`,
    ],
    pageAction: 'Voir la page de l’organisation',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    requestSubject: (organisation: string) => `Request to be linked to ${organisation}`,
    request: (name: string, organisation: string) => [
      `${name} says they are part of ${organisation} and asks to be linked to it on the Atelier des transitions.`,
      'Confirm or decline the request from the organisation’s page.',
    ],
    requestAction: 'See the request',
    confirmedSubject: (organisation: string) => `You are linked to ${organisation}`,
    confirmed: (organisation: string) => [
      `Your link to ${organisation} is confirmed: the organisation’s page counts you among its members, if you are listed in the directory.`,
    ],
    declinedSubject: (organisation: string) => `Your request to be linked to ${organisation}`,
    declined: (organisation: string) => [
      `Your request to be linked to ${organisation} was not confirmed. If this is a mistake, write to one of its referents.`,
    ],
    pageAction: 'See the organisation’s page',
  },
} as const;

/** The mails about links to organisations; each is written in the caller's transaction (outbox). */
export function createOrganisationsMailer(mail: MailSender, publicUrl: string) {
  const pageUrl = (slug: string) => `${publicUrl}/allie-es/${encodeURIComponent(slug)}`;
  const send = async (
    db: Db,
    to: MailPerson,
    subject: string,
    paragraphs: readonly string[],
    url: string,
    label: string,
  ) =>
    mail.send(db, {
      to: to.email,
      subject,
      ...(await renderMail({
        locale: to.locale,
        title: subject,
        greeting: TEXT[to.locale].greeting(to.display_name),
        paragraphs: [...paragraphs],
        action: { label, url },
      })),
    });
  return {
    /** To a referent (or an admin): someone asks to be linked. */
    async sendRequest(
      db: Db,
      to: MailPerson,
      input: { organisation: { slug: string; name: string }; requesterName: string },
    ) {
      const text = TEXT[to.locale];
      const { name, slug } = input.organisation;
      await send(
        db,
        to,
        text.requestSubject(name),
        text.request(input.requesterName, name),
        pageUrl(slug),
        text.requestAction,
      );
    },
    /** To the person who asked: confirmed or declined. */
    async sendDecision(
      db: Db,
      to: MailPerson,
      input: { organisation: { slug: string; name: string }; confirmed: boolean },
    ) {
      const text = TEXT[to.locale];
      const { name, slug } = input.organisation;
      const [subject, paragraphs] = input.confirmed
        ? [text.confirmedSubject(name), text.confirmed(name)]
        : [text.declinedSubject(name), text.declined(name)];
      await send(db, to, subject, paragraphs, pageUrl(slug), text.pageAction);
    },
  };
}
export type OrganisationsMailer = ReturnType<typeof createOrganisationsMailer>;
