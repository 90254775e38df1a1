import { describe, expect, it } from 'vitest';
import { tc as documentsTc } from '../../features/documents/documents.i18n';
import { tc as eventsTc } from '../../features/events/events.i18n';

/** Counts are written as French writes them: no « (s) », the singular for 0 and 1. */
describe('counted texts', () => {
  it('agree with their number', () => {
    expect(eventsTc('events.seats.ofCapacity', 0, { capacity: 1 })).toBe('(0 place occupée sur 1)');
    expect(eventsTc('events.seats.ofCapacity', 12, { capacity: 30 })).toBe('(12 places occupées sur 30)');
    expect(documentsTc('history.diff.wordsAdded', 1)).toBe('1 mot ajouté');
    expect(documentsTc('history.diff.wordsRemoved', 3)).toBe('3 mots supprimés');
  });
});
