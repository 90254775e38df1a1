import { describe, expect, it } from 'vitest';
import { answerHtml, answerText } from './reply-text';

/** Answers as French and English mail clients write them below or above our mail. */
describe('the answer in a mail', () => {
  it('drops Gmail’s French history line, the quote and a "-- " signature', () => {
    const text = [
      'Merci, je prends la permanence de janvier.',
      '',
      '-- ',
      'Camille Martin',
      'Mairie de Die',
      '',
      'Le mar. 1 déc. 2026 à 12:30, Atelier des transitions <atelier@exemple.fr> a écrit :',
      '> Qui anime la prochaine permanence ?',
    ].join('\n');
    expect(answerText(text)).toBe('Merci, je prends la permanence de janvier.');
  });

  it('drops Gmail’s history line even when the address wraps it', () => {
    const text = [
      'D’accord pour jeudi.',
      '',
      'Le mar. 1 déc. 2026 à 12:30, Atelier des transitions <',
      'reply+abcdefghijklmnopqrstuvwxyz@atelier.example> a écrit :',
      '',
      '> Qui anime la prochaine permanence ?',
    ].join('\n');
    expect(answerText(text)).toBe('D’accord pour jeudi.');
  });

  it('drops Outlook’s « De : … Envoyé : … » header and what follows, and the closing', () => {
    const text = [
      'Je serai là aussi.',
      '',
      'Cordialement,',
      'Dominique',
      '',
      '________________________________',
      'De : Atelier des transitions <atelier@exemple.fr>',
      'Envoyé : mardi 1 décembre 2026 12:30',
      'À : Dominique <dom@exemple.fr>',
      'Objet : Alex vous a répondu dans « Permanence »',
      '',
      'Bonjour Dominique,',
    ].join('\r\n');
    expect(answerText(text)).toBe('Je serai là aussi.');
  });

  it('drops Thunderbird’s and Apple Mail’s French lines, and English "On … wrote:"', () => {
    expect(answerText('Bonne idée.\n\nLe 01/12/2026 à 12:30, Alex Durand a écrit :\n> Qui ?')).toBe('Bonne idée.');
    expect(answerText('Oui !\n\nEnvoyé de mon iPhone\n\n> Le 1 déc. 2026 à 12:30, Alex a écrit :\n>\n> Qui ?')).toBe(
      'Oui !',
    );
    expect(answerText('Count me in.\n\nOn Tue, Dec 1, 2026 at 12:30 PM Alex <a@b.org> wrote:\n> Who?')).toBe(
      'Count me in.',
    );
  });

  it('keeps an answer with no history as it is', () => {
    expect(answerText('Comme disait Marie le 3 janvier, il faut agir.\n-- premier point')).toBe(
      'Comme disait Marie le 3 janvier, il faut agir.\n-- premier point',
    );
  });

  it('makes escaped paragraphs, line breaks kept', () => {
    expect(answerHtml('Deux idées :\nla <b>première</b> & "l’autre"\n\n\nFin.')).toBe(
      '<p>Deux idées :<br>la &lt;b&gt;première&lt;/b&gt; &amp; &quot;l’autre&quot;</p><p>Fin.</p>',
    );
  });

  it('is empty when only history and signature were there', () => {
    expect(answerHtml('\n-- \nCamille\n\nLe mar. 1 déc. 2026 à 12:30, Alex <a@b.fr> a écrit :\n> x')).toBe('');
    expect(answerHtml('   \n\n')).toBe('');
  });
});
