import { describe, expect, it } from 'vitest';
import { createEvent, createRegistration } from '../../../test/factories/events';
import type { TestPerson } from '../../../test/factories/people';
import { request } from '../../../test/http';
import { questionsMatrix } from '../../../test/matrices/questions';
import { describeMatrix } from '../../../test/matrix';

/**
 * The authorisation matrix of questions, attendance, compte rendu and follow-up: every route ×
 * every kind of person × every visibility of the event's space, with the status each must get,
 * from `test/matrices/questions.ts`.
 */

const matrix = describeMatrix(questionsMatrix);

describe('alliance-wide events', () => {
  it('are read by everyone and run by admins only', async () => {
    const { ctx, people } = matrix;
    const event = await createEvent(ctx.database.db, { spaceId: null, kind: 'permanence' });
    await createRegistration(ctx.database.db, event.id, people.member.id);
    expect((await request(ctx, null, 'GET', `/api/events/${event.id}/questions`)).statusCode).toBe(200);
    const asked = await request(ctx, people.member, 'POST', `/api/events/${event.id}/questions`, { body: 'Une idée' });
    expect(asked.statusCode).toBe(201);
    const questionId = asked.json().question.id;
    const patch = (person: TestPerson) =>
      request(ctx, person, 'PATCH', `/api/questions/${questionId}`, { status: 'answered' });
    expect((await patch(people.animateur)).statusCode).toBe(403);
    expect((await patch(people.admin)).statusCode).toBe(200);
    const outsiderAsks = await request(ctx, people.outsider, 'POST', `/api/events/${event.id}/questions`, {
      body: 'Moi ?',
    });
    expect(outsiderAsks.statusCode).toBe(403);
    expect(outsiderAsks.json().error.code).toBe('not_registered');
  });
});
