import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

export interface Recipient {
  email: string;
  displayName: string | null;
  locale: Locale;
}

export interface SpaceRef {
  slug: string;
  title: string;
}

/** The mails of spaces; every one is written in the caller's transaction (outbox). */
export interface SpacesMailer {
  sendJoinRequest(db: Db, to: Recipient, input: { space: SpaceRef; requesterName: string }): Promise<void>;
  sendRequestDecision(db: Db, to: Recipient, input: { space: SpaceRef; approved: boolean }): Promise<void>;
  sendInvitation(
    db: Db,
    to: Recipient,
    input: { space: SpaceRef; inviterName: string; role: 'animateur' | 'membre'; token: string; validDays: number },
  ): Promise<void>;
}

const TEXT = {
  fr: {
    greeting: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    requestSubject: (space: string) => `Nouvelle demande pour rejoindre « ${space} »`,
    request: (name: string, space: string) => [
      `${name} demande à rejoindre l’espace « ${space} » sur l’Atelier des transitions.`,
      'En tant qu’animateur·ice, vous pouvez accepter ou refuser cette demande depuis la page de l’espace.',
    ],
    requestAction: 'Voir la demande',
    approvedSubject: (space: string) => `Bienvenue dans « ${space} »`,
    approved: (space: string) => [
      `Votre demande pour rejoindre l’espace « ${space} » a été acceptée. Vous pouvez dès maintenant participer aux discussions, aux documents et aux rendez-vous de l’espace.`,
    ],
    approvedAction: 'Ouvrir l’espace',
    declinedSubject: (space: string) => `Votre demande pour « ${space} »`,
    declined: (space: string) => [
      `Votre demande pour rejoindre l’espace « ${space} » n’a pas été retenue par ses animateur·ices.`,
      'Les autres espaces de l’Atelier des transitions restent ouverts : la communauté Mise en récits et la permanence mensuelle accueillent tout le monde.',
    ],
    declinedAction: 'Voir les espaces',
    inviteSubject: (space: string) => `Invitation à rejoindre « ${space} » — Atelier des transitions`,
    invite: (inviter: string, space: string, role: 'animateur' | 'membre', days: number) => [
      `${inviter} vous invite à rejoindre l’espace « ${space} » sur l’Atelier des transitions${role === 'animateur' ? ', en tant qu’animateur·ice' : ''}.`,
      `Ce lien est valable ${days} jours et ne sert qu’une fois. Si vous n’avez pas encore de compte, vous le créerez en acceptant.`,
      'Si cette invitation ne vous concerne pas, ignorez ce message.',
    ],
    inviteAction: 'Accepter l’invitation',
  },
  en: {
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    requestSubject: (space: string) => `New request to join “${space}”`,
    request: (name: string, space: string) => [
      `${name} asks to join the space “${space}” on the Atelier des transitions.`,
      'As an animateur, you may approve or decline this request from the space page.',
    ],
    requestAction: 'See the request',
    approvedSubject: (space: string) => `Welcome to “${space}”`,
    approved: (space: string) => [
      `Your request to join the space “${space}” was approved. You may now take part in its discussions, documents and meetings.`,
    ],
    approvedAction: 'Open the space',
    declinedSubject: (space: string) => `Your request for “${space}”`,
    declined: (space: string) => [
      `Your request to join the space “${space}” was not accepted by its animateurs.`,
      'The other spaces of the Atelier des transitions remain open: the Mise en récits community and the monthly permanence welcome everyone.',
    ],
    declinedAction: 'See the spaces',
    inviteSubject: (space: string) => `Invitation to join “${space}” — Atelier des transitions`,
    invite: (inviter: string, space: string, role: 'animateur' | 'membre', days: number) => [
      `${inviter} invites you to join the space “${space}” on the Atelier des transitions${role === 'animateur' ? ', as an animateur' : ''}.`,
      `This link is valid for ${days} days and works once. If you have no account yet, you will create it while accepting.`,
      'If this invitation is not meant for you, ignore this message.',
    ],
    inviteAction: 'Accept the invitation',
  },
} as const;

/** Space mails in the recipient's language, with links back to the client's pages. */
export function createSpacesMailer(mail: MailSender, publicUrl: string): SpacesMailer {
  const spaceUrl = (space: SpaceRef) => `${publicUrl}/espaces/${encodeURIComponent(space.slug)}`;
  const send = async (
    db: Db,
    to: Recipient,
    subject: string,
    paragraphs: readonly string[],
    action: { label: string; url: string },
  ) =>
    mail.send(db, {
      to: to.email,
      subject,
      ...(await renderMail({
        locale: to.locale,
        title: subject,
        greeting: TEXT[to.locale].greeting(to.displayName),
        paragraphs: [...paragraphs],
        action,
      })),
    });

  return {
    async sendJoinRequest(db, to, { space, requesterName }) {
      const text = TEXT[to.locale];
      await send(db, to, text.requestSubject(space.title), text.request(requesterName, space.title), {
        label: text.requestAction,
        url: `${spaceUrl(space)}?onglet=animation`,
      });
    },
    async sendRequestDecision(db, to, { space, approved }) {
      const text = TEXT[to.locale];
      if (approved) {
        await send(db, to, text.approvedSubject(space.title), text.approved(space.title), {
          label: text.approvedAction,
          url: spaceUrl(space),
        });
        return;
      }
      await send(db, to, text.declinedSubject(space.title), text.declined(space.title), {
        label: text.declinedAction,
        url: `${publicUrl}/espaces`,
      });
    },
    async sendInvitation(db, to, { space, inviterName, role, token, validDays }) {
      const text = TEXT[to.locale];
      await send(db, to, text.inviteSubject(space.title), text.invite(inviterName, space.title, role, validDays), {
        label: text.inviteAction,
        url: `${publicUrl}/invitation?token=${encodeURIComponent(token)}`,
      });
    },
  };
}
