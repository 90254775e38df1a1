import type { MailList } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { t } from './mail.i18n';
import {
  canUndo,
  restoredSentence,
  type Sentence,
  SPACE_MODE_LABELS,
  SPACE_MODES,
  stoppedSentence,
} from './mail-lists';

const say = (sentence: Sentence) => t(sentence.key, sentence.params);

const space: MailList = { kind: 'space', space: { slug: 'mise-en-recits', title: 'Mise en récits' } };
const mentions: MailList = { kind: 'mentions' };
const replies: MailList = { kind: 'replies' };
const reminders: MailList = { kind: 'reminders' };
const newsletter: MailList = { kind: 'newsletter', space: { slug: 'mise-en-recits', title: 'Mise en récits' } };

describe('what the unsubscribe page says', () => {
  it('names the list that stopped: a space by its title, mentions, replies', () => {
    expect(say(stoppedSentence(space))).toBe('Vous ne recevrez plus les courriels de l’espace « Mise en récits ».');
    expect(say(stoppedSentence(mentions))).toBe('Vous ne recevrez plus de courriel quand un·e membre vous mentionne.');
    expect(say(stoppedSentence(replies))).toBe(
      'Vous ne recevrez plus de courriel quand un·e membre répond à vos messages.',
    );
  });

  it('names the event reminders, and says they are back after « Annuler »', () => {
    expect(say(stoppedSentence(reminders))).toBe('Vous ne recevrez plus les rappels d’événements.');
    expect(say(restoredSentence(reminders, 'each'))).toBe(
      'C’est annulé : vous recevez de nouveau les rappels d’événements.',
    );
    expect(restoredSentence(reminders, 'off')).toEqual(stoppedSentence(reminders));
  });

  it('names a space’s infolettres apart from its other mails', () => {
    expect(say(stoppedSentence(newsletter))).toBe(
      'Vous ne recevrez plus les infolettres de l’espace « Mise en récits ».',
    );
    expect(say(restoredSentence(newsletter, 'each'))).toBe(
      'C’est annulé : vous recevez de nouveau les infolettres de l’espace « Mise en récits ».',
    );
  });

  it('says what came back after « Annuler », in the words of the mode put back', () => {
    expect(say(restoredSentence(space, 'daily'))).toBe(
      'C’est annulé : vous recevez de nouveau un résumé par jour de l’espace « Mise en récits ».',
    );
    expect(say(restoredSentence(space, 'weekly'))).toContain('un résumé par semaine de l’espace « Mise en récits »');
    expect(say(restoredSentence(space, 'each'))).toContain('à chaque nouveau message de l’espace « Mise en récits »');
    expect(say(restoredSentence(mentions, 'each'))).toBe(
      'C’est annulé : vous recevez de nouveau un courriel à chaque mention.',
    );
    expect(say(restoredSentence(replies, 'each'))).toContain('à chaque réponse à vos messages');
  });

  it('never claims a list is back when the mode put back is "off"', () => {
    expect(restoredSentence(space, 'off')).toEqual(stoppedSentence(space));
    expect(restoredSentence(mentions, 'off')).toEqual(stoppedSentence(mentions));
  });

  it('offers « Annuler » only when the link stopped something that was on', () => {
    expect(canUndo({ previous: 'weekly', current: 'off' })).toBe(true);
    expect(canUndo({ previous: 'each', current: 'off' })).toBe(true);
    // Opened a second time: it was already off, there is nothing to put back.
    expect(canUndo({ previous: 'off', current: 'off' })).toBe(false);
    // Already undone.
    expect(canUndo({ previous: 'off', current: 'daily' })).toBe(false);
  });
});

describe('the space modes on the settings page', () => {
  it('go from the most mail to none, each with its label', () => {
    expect(SPACE_MODES.map((mode) => t(SPACE_MODE_LABELS[mode]))).toEqual([
      'À chaque nouveau message',
      'Un résumé par jour',
      'Un résumé par semaine',
      'Rien',
    ]);
  });
});
