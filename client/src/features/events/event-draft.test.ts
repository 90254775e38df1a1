import { describe, expect, it } from 'vitest';
import { checkDraft, createBody, draftFromEvent, emptyDraft, updateBody } from './event-draft';
import { anEvent } from './events.fixtures';

const filled = () => ({
  ...emptyDraft('space-1'),
  title: '  Initiation aux transitions ',
  kind: 'initiation' as const,
  start: '2026-12-01T09:30',
  end: '2026-12-01T12:00',
  capacity: '25',
  videoUrl: 'https://visio.example.org/salle',
  address: 'ignored for a visio',
});

describe('event draft', () => {
  it('sends Paris times with their offset, no address for a visio, and the recurrence rule', () => {
    const body = createBody({ ...filled(), recurrence: 'monthlyWeekday' });
    expect(body).toMatchObject({
      title: 'Initiation aux transitions',
      kind: 'initiation',
      startsAt: '2026-12-01T09:30:00+01:00',
      endsAt: '2026-12-01T12:00:00+01:00',
      timezone: 'Europe/Paris',
      capacity: 25,
      videoUrl: 'https://visio.example.org/salle',
      address: null,
      spaceId: 'space-1',
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' },
    });
    expect(createBody({ ...filled(), spaceId: '' })).not.toHaveProperty('recurrence');
    expect(createBody({ ...filled(), spaceId: '' }).spaceId).toBeNull();
  });

  it('keeps the address and the accessibility note on site, and no limit when capacity is empty', () => {
    const body = updateBody(
      {
        ...filled(),
        mode: 'presentiel',
        address: '12 rue des Lilas, Lyon',
        accessibilityNote: 'Accès de plain-pied',
        capacity: '',
        videoUrl: '',
      },
      { questions: false },
    );
    expect(body).toMatchObject({
      address: '12 rue des Lilas, Lyon',
      accessibilityNote: 'Accès de plain-pied',
      capacity: null,
      videoUrl: null,
    });
    expect(body).not.toHaveProperty('kind');
    expect(body).not.toHaveProperty('registrationQuestions');
  });

  it('asks the questions chosen, in the form’s order, none by default and none for a series', () => {
    expect(createBody(filled())).not.toHaveProperty('registrationQuestions');
    const questions = { ...filled().questions, meal: 'required' as const, organisation: 'optional' as const };
    expect(createBody({ ...filled(), questions }).registrationQuestions).toEqual([
      { key: 'organisation', required: false },
      { key: 'meal', required: true },
    ]);
    expect(createBody({ ...filled(), questions, recurrence: 'weekly' })).not.toHaveProperty('registrationQuestions');
    expect(updateBody(filled(), { questions: true }).registrationQuestions).toEqual([]);
    const asked = anEvent({ seriesId: null, registrationQuestions: [{ key: 'meal', required: true }] });
    expect(draftFromEvent(asked).questions).toMatchObject({ meal: 'required', organisation: 'off' });
  });

  it('finds what the server would refuse', () => {
    expect(checkDraft(filled())).toEqual({});
    expect(
      checkDraft({ ...filled(), title: ' ', end: '2026-12-01T09:00', capacity: '0', videoUrl: 'http://x' }),
    ).toEqual({
      title: 'titleMissing',
      end: 'endBeforeStart',
      capacity: 'capacityInvalid',
      videoUrl: 'videoUrlInvalid',
    });
    expect(checkDraft({ ...filled(), timezone: 'Mars/Olympus', start: '' })).toEqual({
      timezone: 'timezoneInvalid',
      start: 'startInvalid',
    });
  });

  it('reads an event back on its own clock', () => {
    const draft = draftFromEvent(
      anEvent({
        startsAt: '2026-12-01T11:30:00Z',
        endsAt: '2026-12-01T12:30:00Z',
        capacity: null,
        timezone: 'America/Montreal',
      }),
    );
    expect(draft).toMatchObject({ start: '2026-12-01T06:30', end: '2026-12-01T07:30', capacity: '', spaceId: '' });
  });
});
