import { describe, expect, it } from 'vitest';
import { renderMail } from '../../core/mail-content';
import { composeDigest, type DigestMail, type DigestSpace } from './digests.mail';

const URL_BASE = 'https://atelier.exemple.fr';
const hostile = '<script>alert("x")</script> & \'co\'';

const space = (overrides: Partial<DigestSpace> = {}): DigestSpace => ({
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'chantier-commun',
  title: 'Chantier commun',
  threads: [],
  documents: [],
  resources: [],
  events: [],
  more: { threads: 0, documents: 0, resources: 0 },
  unsubscribeUrl: `${URL_BASE}/desabonnement/jeton`,
  ...overrides,
});

const digest = (overrides: Partial<DigestMail> = {}): DigestMail => ({
  to: { email: 'camille@exemple.fr', displayName: 'Camille', locale: 'fr' },
  period: 'daily',
  spaces: [space()],
  permanence: null,
  headers: {},
  ...overrides,
});

describe('composeDigest', () => {
  it('escapes what people wrote (titles, names) in the HTML part and keeps it whole in the text part', async () => {
    const { html, text } = await composeDigest(
      URL_BASE,
      digest({
        to: { email: 'camille@exemple.fr', displayName: hostile, locale: 'fr' },
        spaces: [
          space({
            title: hostile,
            threads: [{ id: 't1', title: hostile, isNew: true, authorName: hostile, unreadCount: 3 }],
            documents: [{ id: 'd1', title: hostile, change: { kind: 'versions', names: [hostile, null] } }],
            resources: [{ kind: 'link', title: hostile, by: hostile }],
          }),
        ],
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(text).toContain(`« ${hostile} » — nouveau fil de ${hostile} · 3 messages non lus`);
    expect(text).toContain(`nouvelle version « ${hostile} », une version restaurée`);
  });

  it('counts what was left out and caps unread counts as the lists do', async () => {
    const { text } = await composeDigest(
      URL_BASE,
      digest({
        spaces: [
          space({
            threads: [{ id: 't1', title: 'Fil', isNew: false, authorName: 'A', unreadCount: 100 }],
            more: { threads: 3, documents: 0, resources: 1 },
            resources: [{ kind: 'file', title: 'plan.pdf', by: 'B' }],
          }),
        ],
      }),
    );
    expect(text).toContain('« Fil » — 100+ messages non lus');
    expect(text).toContain(`… et 3 autres\n  ${URL_BASE}/espaces/chantier-commun\n`);
    expect(text).toContain(`… et 1 autre\n  ${URL_BASE}/espaces/chantier-commun?onglet=documents`);
    expect(text).not.toContain('Documents');
  });

  it('writes the weekly subject, in English too', async () => {
    expect((await composeDigest(URL_BASE, digest({ period: 'weekly' }))).subject).toBe(
      'Votre résumé de la semaine — Atelier des transitions',
    );
    const english = await composeDigest(
      URL_BASE,
      digest({ period: 'weekly', to: { email: 'e@exemple.fr', displayName: 'Eden', locale: 'en' } }),
    );
    expect(english.subject).toBe('Your weekly digest — Atelier des transitions');
    expect(english.text).toContain('Stop this digest for Chantier commun');
  });
});

describe('renderMail sections', () => {
  it('refuses a link that is not http(s), in a section as for the action', async () => {
    const section = { title: 'Espace', groups: [{ lines: [{ text: 'x', url: 'javascript:alert(1)' }] }] };
    await expect(renderMail({ locale: 'fr', paragraphs: [], sections: [section] })).rejects.toThrow(/http/);
  });
});
