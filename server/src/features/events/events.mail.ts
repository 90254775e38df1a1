import { dateTimeFormat, formatEventRange, intlLocale, type Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { type MailLink, renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';
import { unsubscribeLinks } from '../mail-settings/unsubscribe';

export interface EventRecipient {
  /** The person's id: a reminder's unsubscribe link is signed for them. */
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
}

/** What a mail says about the event: never the visio link, which comes apart and only to seats. */
export interface EventMailFacts {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  mode: 'visio' | 'presentiel';
  address: string | null;
}

export type ReminderKind = 'day' | 'hour';

/** What the mails to a seat holder (confirmed, or promoted from the waitlist) tell about the seat. */
export interface SeatMailFacts {
  event: EventMailFacts;
  videoUrl: string | null;
  cancelToken: string;
}

/**
 * The mails of events; each is written in the caller's transaction (outbox), so a mail exists
 * exactly when the change it tells about committed. `videoUrl` is passed only for seat holders;
 * `cancelToken` makes the one-click "je ne peux plus venir" link. Reminders are the one list
 * here (`reminders`, with List-Unsubscribe); the others answer what the person did or tell of a
 * change to their seat, and are transactional.
 */
export interface EventsMailer {
  sendConfirmation(db: Db, to: EventRecipient, input: SeatMailFacts): Promise<void>;
  sendWaitlisted(
    db: Db,
    to: EventRecipient,
    input: { event: EventMailFacts; position: number; cancelToken: string },
  ): Promise<void>;
  sendPromoted(db: Db, to: EventRecipient, input: SeatMailFacts): Promise<void>;
  sendReminder(
    db: Db,
    to: EventRecipient,
    input: { event: EventMailFacts; kind: ReminderKind; videoUrl: string | null },
  ): Promise<void>;
  sendCancelled(db: Db, to: EventRecipient, input: { event: EventMailFacts; reason: string }): Promise<void>;
  /** A guest's request: the link that confirms it (`token`), or, for an address with an account, the way to sign in. */
  sendGuestConfirmation(
    db: Db,
    to: Omit<EventRecipient, 'id'>,
    input: { event: EventMailFacts; token: string | null },
  ): Promise<void>;
}

/**
 * "mardi 1 décembre 2026, 12 h 30 – 13 h 30 (heure normale d’Europe centrale)", in the event's
 * own zone, written as the pages write it.
 */
export function formatEventWhen(event: Pick<EventMailFacts, 'startsAt' | 'endsAt' | 'timezone'>, locale: Locale) {
  const zone = dateTimeFormat(intlLocale(locale), { timeZone: event.timezone, timeZoneName: 'long' })
    .formatToParts(event.startsAt)
    .find((part) => part.type === 'timeZoneName')?.value;
  const range = formatEventRange(event.startsAt, event.endsAt, locale, event.timezone);
  return zone ? `${range} (${zone})` : range;
}

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    when: (when: string) => `Quand : ${when}`,
    where: (address: string) => `Où : ${address}`,
    online: 'En visioconférence.',
    video: (url: string) => `Lien de la visio : ${url}`,
    videoLater: 'Le lien de la visio vous sera envoyé avant le début.',
    cancelLink: (url: string) => `Vous ne pouvez plus venir ? Libérez votre place en un clic : ${url}`,
    leaveWaitlist: (url: string) => `Vous ne souhaitez plus attendre ? Quittez la liste d’attente en un clic : ${url}`,
    open: 'Voir l’événement',
    confirmSubject: (title: string) => `Inscription confirmée : ${title}`,
    confirm: (title: string) => `Votre place est réservée pour « ${title} ».`,
    waitlistSubject: (title: string) => `Liste d’attente : ${title}`,
    waitlist: (title: string, position: number) =>
      `« ${title} » est complet. Vous êtes inscrit·e sur la liste d’attente, en position n°${position}. Si une place se libère, vous recevrez un message.`,
    promotedSubject: (title: string) => `Une place s’est libérée : ${title}`,
    promoted: (title: string) => `Bonne nouvelle : une place s’est libérée et elle est à vous pour « ${title} ».`,
    reminderSubject: (title: string, kind: ReminderKind) =>
      kind === 'day' ? `Demain : ${title}` : `Dans une heure : ${title}`,
    reminder: (title: string, kind: ReminderKind) =>
      kind === 'day' ? `Petit rappel : « ${title} » a lieu demain.` : `« ${title} » commence dans une heure.`,
    cancelledSubject: (title: string) => `Annulé : ${title}`,
    cancelled: (title: string) => `« ${title} » est annulé. Nous sommes désolé·es pour ce contretemps.`,
    reason: (reason: string) => `Motif : ${reason}`,
    reminderFooter: 'Vous recevez ce rappel parce que vous êtes inscrit·e à cet événement.',
    stopReminders: 'Ne plus recevoir les rappels d’événements',
    guestSubject: (title: string) => `Confirmez votre inscription : ${title}`,
    guest: (title: string) =>
      `Vous avez demandé à vous inscrire à « ${title} ». Confirmez en suivant le lien ci-dessous : il est valable 24 heures et ne sert qu’une fois.`,
    guestConfirm: 'Confirmer mon inscription',
    guestIgnore:
      'Si vous n’avez rien demandé, ignorez ce message : aucune inscription n’est faite sans cette confirmation.',
    guestHasAccount: (title: string) =>
      `Vous avez demandé à vous inscrire à « ${title} ». Un compte de l’Atelier utilise déjà cette adresse : connectez-vous pour vous inscrire en un clic.`,
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    when: (when: string) => `When: ${when}`,
    where: (address: string) => `Where: ${address}`,
    online: 'Online (video call).',
    video: (url: string) => `Video call link: ${url}`,
    videoLater: 'The video call link will be sent to you before the start.',
    cancelLink: (url: string) => `Can no longer come? Free your seat in one click: ${url}`,
    leaveWaitlist: (url: string) => `No longer wish to wait? Leave the waitlist in one click: ${url}`,
    open: 'See the event',
    confirmSubject: (title: string) => `Registration confirmed: ${title}`,
    confirm: (title: string) => `Your seat is booked for “${title}”.`,
    waitlistSubject: (title: string) => `Waitlist: ${title}`,
    waitlist: (title: string, position: number) =>
      `“${title}” is full. You are on the waitlist, at position ${position}. If a seat frees up, you will get a message.`,
    promotedSubject: (title: string) => `A seat freed up: ${title}`,
    promoted: (title: string) => `Good news: a seat freed up and it is yours for “${title}”.`,
    reminderSubject: (title: string, kind: ReminderKind) =>
      kind === 'day' ? `Tomorrow: ${title}` : `In one hour: ${title}`,
    reminder: (title: string, kind: ReminderKind) =>
      kind === 'day' ? `A reminder: “${title}” takes place tomorrow.` : `“${title}” starts in one hour.`,
    cancelledSubject: (title: string) => `Cancelled: ${title}`,
    cancelled: (title: string) => `“${title}” is cancelled. We are sorry for the inconvenience.`,
    reason: (reason: string) => `Reason: ${reason}`,
    reminderFooter: 'You receive this reminder because you registered for this event.',
    stopReminders: 'Stop event reminders',
    guestSubject: (title: string) => `Confirm your registration: ${title}`,
    guest: (title: string) =>
      `You asked to register for “${title}”. Confirm with the link below: it is valid for 24 hours and works once.`,
    guestConfirm: 'Confirm my registration',
    guestIgnore: 'If you asked for nothing, ignore this message: no registration is made without this confirmation.',
    guestHasAccount: (title: string) =>
      `You asked to register for “${title}”. An Atelier account already uses this address: sign in to register in one click.`,
  },
} as const;

export const eventUrl = (publicUrl: string, eventId: string) =>
  `${publicUrl}/evenements/${encodeURIComponent(eventId)}`;
export const cancelUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/inscriptions/annuler?token=${encodeURIComponent(token)}`;
export const guestConfirmUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/inscriptions/confirmer?token=${encodeURIComponent(token)}`;

export function createEventsMailer(mail: MailSender, publicUrl: string): EventsMailer {
  const place = (text: (typeof TEXT)[Locale], event: EventMailFacts, locale: Locale) => [
    text.when(formatEventWhen(event, locale)),
    event.mode === 'presentiel' && event.address ? text.where(event.address) : text.online,
  ];
  const link = (text: (typeof TEXT)[Locale], event: EventMailFacts, videoUrl: string | null) =>
    event.mode === 'visio' ? [videoUrl ? text.video(videoUrl) : text.videoLater] : [];
  /** What follows the opening line once a seat is held: when, where, the visio link, how to cancel. */
  const seatHeld = (text: (typeof TEXT)[Locale], to: EventRecipient, facts: SeatMailFacts) => [
    ...place(text, facts.event, to.locale),
    ...link(text, facts.event, facts.videoUrl),
    text.cancelLink(cancelUrl(publicUrl, facts.cancelToken)),
  ];

  /** `list`: a mail one can stop (reminders), with its List-Unsubscribe headers and its stop link under `footer`. */
  const send = async (
    db: Db,
    to: Omit<EventRecipient, 'id'>,
    subject: string,
    event: EventMailFacts,
    paragraphs: string[],
    list?: { headers: Record<string, string>; footer: string; stop: MailLink },
    action?: MailLink,
  ) => {
    const text = TEXT[to.locale];
    await mail.send(db, {
      to: to.email,
      subject,
      ...(list ? { headers: list.headers } : {}),
      ...(await renderMail({
        locale: to.locale,
        title: subject,
        greeting: text.greeting(to.displayName),
        paragraphs,
        action: action ?? { label: text.open, url: eventUrl(publicUrl, event.id) },
        ...(list ? { footer: list.footer, stop: list.stop } : {}),
      })),
    });
  };

  return {
    async sendConfirmation(db, to, facts) {
      const text = TEXT[to.locale];
      const { event } = facts;
      await send(db, to, text.confirmSubject(event.title), event, [
        text.confirm(event.title),
        ...seatHeld(text, to, facts),
      ]);
    },
    async sendWaitlisted(db, to, { event, position, cancelToken }) {
      const text = TEXT[to.locale];
      // No visio link here, ever: the waitlist holds no seat.
      await send(db, to, text.waitlistSubject(event.title), event, [
        text.waitlist(event.title, position),
        ...place(text, event, to.locale),
        text.leaveWaitlist(cancelUrl(publicUrl, cancelToken)),
      ]);
    },
    async sendPromoted(db, to, facts) {
      const text = TEXT[to.locale];
      const { event } = facts;
      await send(db, to, text.promotedSubject(event.title), event, [
        text.promoted(event.title),
        ...seatHeld(text, to, facts),
      ]);
    },
    async sendReminder(db, to, { event, kind, videoUrl }) {
      const text = TEXT[to.locale];
      const unsubscribe = await unsubscribeLinks(db, publicUrl, to.id, { kind: 'reminders' });
      await send(
        db,
        to,
        text.reminderSubject(event.title, kind),
        event,
        [text.reminder(event.title, kind), ...place(text, event, to.locale), ...link(text, event, videoUrl)],
        {
          headers: unsubscribe.headers,
          footer: text.reminderFooter,
          stop: { label: text.stopReminders, url: unsubscribe.pageUrl },
        },
      );
    },
    async sendCancelled(db, to, { event, reason }) {
      const text = TEXT[to.locale];
      await send(db, to, text.cancelledSubject(event.title), event, [
        text.cancelled(event.title),
        text.when(formatEventWhen(event, to.locale)),
        ...(reason.trim() ? [text.reason(reason.trim())] : []),
      ]);
    },
    async sendGuestConfirmation(db, to, { event, token }) {
      const text = TEXT[to.locale];
      if (!token) {
        await send(db, to, text.guestSubject(event.title), event, [
          text.guestHasAccount(event.title),
          ...place(text, event, to.locale),
        ]);
        return;
      }
      await send(
        db,
        to,
        text.guestSubject(event.title),
        event,
        [text.guest(event.title), ...place(text, event, to.locale), text.guestIgnore],
        undefined,
        { label: text.guestConfirm, url: guestConfirmUrl(publicUrl, token) },
      );
    },
  };
}
