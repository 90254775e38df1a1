import type { Event, SpaceResources, Thread } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { blockHtml, documentBlocks, eventBlocks, resourceBlocks, threadBlocks } from './newsletter-blocks';

const person = { id: 'p1', displayName: 'Anne' };
const now = new Date('2026-12-05T10:00:00Z');

const event = (id: string, startsAt: string, extra: Partial<Event> = {}) =>
  ({
    id,
    title: `Événement ${id}`,
    startsAt,
    endsAt: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    cancelledAt: null,
    ...extra,
  }) as Event;

describe('the blocks of « Insérer depuis l’espace »', () => {
  it('offers coming events, soonest first, with their date in Paris time', () => {
    const blocks = eventBlocks(
      [
        event('late', '2026-12-20T09:00:00Z'),
        event('past', '2026-12-01T09:00:00Z'),
        event('soon', '2026-12-08T11:30:00Z'),
        event('off', '2026-12-09T09:00:00Z', { cancelledAt: '2026-12-02T09:00:00Z' }),
      ],
      'fr',
      now,
    );
    expect(blocks.map((block) => block.key)).toEqual(['events:soon', 'events:late']);
    expect(blocks[0]).toMatchObject({ href: '/evenements/soon', title: 'Événement soon' });
    expect(blocks[0]?.detail).toContain('12 h 30');
  });

  it('offers documents by last change, newest files and links together, pinned threads first', () => {
    const resources: SpaceResources = {
      documents: [
        {
          id: 'd1',
          spaceId: 's',
          title: 'Vieux',
          author: person,
          createdAt: '2026-10-01T00:00:00Z',
          lastEditedAt: null,
          lastEditedBy: null,
          canEdit: true,
          canPublish: false,
        },
        {
          id: 'd2',
          spaceId: 's',
          title: 'Compte rendu',
          author: person,
          createdAt: '2026-09-01T00:00:00Z',
          lastEditedAt: '2026-12-01T00:00:00Z',
          lastEditedBy: person,
          canEdit: true,
          canPublish: false,
        },
      ],
      files: [
        {
          id: 'f1',
          spaceId: 's',
          name: 'programme.pdf',
          mimeType: 'application/pdf',
          sizeBytes: 10,
          uploadedBy: person,
          createdAt: '2026-11-01T00:00:00Z',
          downloadUrl: '/api/files/f1/download',
          previewUrl: null,
        },
      ],
      links: [
        {
          id: 'l1',
          spaceId: 's',
          url: 'https://exemple.fr/podcast',
          title: 'Podcast',
          description: 'Un   épisode\nsur les récits',
          createdBy: person,
          createdAt: '2026-11-20T00:00:00Z',
        },
      ],
    };
    expect(documentBlocks(resources, 'mise-en-recits').map((block) => [block.title, block.href])).toEqual([
      ['Compte rendu', '/espaces/mise-en-recits/documents/d2'],
      ['Vieux', '/espaces/mise-en-recits/documents/d1'],
    ]);
    expect(resourceBlocks(resources).map((block) => [block.title, block.href, block.detail])).toEqual([
      ['Podcast', 'https://exemple.fr/podcast', 'Un épisode sur les récits'],
      ['programme.pdf', '/api/files/f1/download', ''],
    ]);
    const thread = (id: string, pinned: boolean, lastPostAt: string) =>
      ({ id, title: id, pinned, lastPostAt }) as Thread;
    const threads = [thread('recent', false, '2026-12-04T00:00:00Z'), thread('pinned', true, '2026-10-01T00:00:00Z')];
    expect(threadBlocks(threads, 'x').map((block) => block.key)).toEqual(['threads:pinned', 'threads:recent']);
  });

  it('makes a paragraph with an absolute, escaped link', () => {
    const html = blockHtml(
      {
        key: 'events:1',
        group: 'events',
        title: 'Atelier <récits> & "co"',
        detail: 'mardi, 9 h',
        href: '/evenements/1',
      },
      'https://atelier.example',
    );
    expect(html).toBe(
      '<p><a href="https://atelier.example/evenements/1">Atelier &lt;récits&gt; &amp; &quot;co&quot;</a> — mardi, 9 h</p>',
    );
    const outside = blockHtml(
      { key: 'resources:l', group: 'resources', title: 'Lien', detail: '', href: 'https://exemple.fr/a?b=1&c=2' },
      'https://atelier.example',
    );
    expect(outside).toBe('<p><a href="https://exemple.fr/a?b=1&amp;c=2">Lien</a></p>');
  });
});
