import { describe, expect, it } from 'vitest';
import { presentPeople } from './presence';

describe('who is here', () => {
  it('lists each person once, oneself first, then by name', () => {
    const people = presentPeople(
      [
        { clientId: 3, user: { id: 'u-b', name: 'Bruno', color: '#1c4866' } },
        { clientId: 1, user: { id: 'u-z', name: 'Zoé', color: '#1a5235' } },
        { clientId: 7, user: { id: 'u-a', name: 'Alice', color: '#8a1c4a' } },
        // Bruno's second tab.
        { clientId: 9, user: { id: 'u-b', name: 'Bruno', color: '#1c4866' } },
      ],
      1,
    );
    expect(people.map((person) => [person.name, person.self])).toEqual([
      ['Zoé', true],
      ['Alice', false],
      ['Bruno', false],
    ]);
  });

  it('leaves out states without a usable user and keeps only strings', () => {
    const people = presentPeople(
      [
        { clientId: 1 },
        { clientId: 2, user: { name: '   ' } },
        { clientId: 3, user: 'Mallory' },
        { clientId: 4, user: { name: ' Visiteur·euse ', color: 42, id: { evil: true } } },
      ],
      99,
    );
    expect(people).toEqual([{ clientId: 4, id: null, name: 'Visiteur·euse', color: '', self: false }]);
  });

  it('counts two anonymous visitors as two people', () => {
    const people = presentPeople(
      [
        { clientId: 1, user: { id: null, name: 'Visiteur·euse' } },
        { clientId: 2, user: { id: null, name: 'Visiteur·euse' } },
      ],
      1,
    );
    expect(people).toHaveLength(2);
  });
});
