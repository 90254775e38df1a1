import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { createQuestion, questionRows, voteRows } from '../../../test/factories/questions';
import { request } from '../../../test/http';

/**
 * Votes: once per person, for the questions of others, taken back at will; exact under
 * concurrency, and nothing changes on a refused vote.
 */

let ctx: TestContext;
let alice: TestPerson;
let bruno: TestPerson;
let chloe: TestPerson;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await createPerson(ctx, { displayName: 'Alice Vote' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Vote' });
  chloe = await createPerson(ctx, { displayName: 'Chloé Vote' });
});
afterAll(async () => ctx.close());

async function eventWith(...people: TestPerson[]) {
  const event = await createEvent(ctx.database.db);
  for (const person of people) await createRegistration(ctx.database.db, event.id, person.id);
  return event;
}

const vote = (person: TestPerson, questionId: string) =>
  request(ctx, person, 'POST', `/api/questions/${questionId}/vote`);
const withdraw = (person: TestPerson, questionId: string) =>
  request(ctx, person, 'DELETE', `/api/questions/${questionId}/vote`);

describe('voting for a question', () => {
  it('counts two people as two votes and one person voting twice as one', async () => {
    const event = await eventWith(alice, bruno, chloe);
    const question = await createQuestion(ctx, alice, event.id);

    const first = await vote(bruno, question.id);
    expect(first.statusCode).toBe(200);
    expect(first.json().question).toMatchObject({ id: question.id, votes: 1, voted: true });

    const again = await vote(bruno, question.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().question).toMatchObject({ votes: 1, voted: true });

    const second = await vote(chloe, question.id);
    expect(second.json().question).toMatchObject({ votes: 2, voted: true });

    const listed = await request(ctx, bruno, 'GET', `/api/events/${event.id}/questions`);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: question.id, votes: 2, voted: true })]);
    const anonymous = await request(ctx, null, 'GET', `/api/events/${event.id}/questions`);
    expect(anonymous.json().items[0]).toMatchObject({ votes: 2, voted: false });
    expect((await voteRows(ctx.database.db, question.id)).map((row) => row.user_id).sort()).toEqual(
      [bruno.id, chloe.id].sort(),
    );
  });

  it('refuses a vote for one’s own question, changing nothing', async () => {
    const event = await eventWith(alice);
    const question = await createQuestion(ctx, alice, event.id);
    const own = await vote(alice, question.id);
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'own_question']);
    expect(await voteRows(ctx.database.db, question.id)).toHaveLength(0);
    expect((await questionRows(ctx.database.db, event.id))[0]).toMatchObject({ votes: 0, revision: 0 });
  });

  it('takes a vote back, and a second withdrawal changes nothing; every change raises the revision', async () => {
    const event = await eventWith(alice, bruno);
    const question = await createQuestion(ctx, alice, event.id);
    const voted = (await vote(bruno, question.id)).json().question;
    expect(voted).toMatchObject({ votes: 1, voted: true });

    const withdrawn = await withdraw(bruno, question.id);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().question).toMatchObject({ votes: 0, voted: false });
    expect(withdrawn.json().question.revision).toBeGreaterThan(voted.revision);

    const again = await withdraw(bruno, question.id);
    expect(again.json().question).toEqual(withdrawn.json().question);
    expect(await voteRows(ctx.database.db, question.id)).toHaveLength(0);
    // The vote can be given again.
    expect((await vote(bruno, question.id)).json().question).toMatchObject({ votes: 1, voted: true });
  });

  it('keeps the count equal to the votes when 20 people vote and withdraw at once', async () => {
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => createPerson(ctx, { displayName: `V${i}` })));
    const event = await eventWith(alice, ...voters);
    const question = await createQuestion(ctx, alice, event.id);
    await Promise.all(voters.slice(0, 10).map((voter) => vote(voter, question.id)));
    const answers = await Promise.all(
      voters.map((voter, i) => (i < 10 ? withdraw(voter, question.id) : vote(voter, question.id))),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(voters.map(() => 200));
    const [row] = await questionRows(ctx.database.db, event.id);
    expect(row?.votes).toBe(10);
    expect((await voteRows(ctx.database.db, question.id)).map((v) => v.user_id).sort()).toEqual(
      voters
        .slice(10)
        .map((voter) => voter.id)
        .sort(),
    );
  });

  it('counts 50 simultaneous votes by 50 people exactly', async () => {
    const voters = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createPerson(ctx, { displayName: `Votant ${i}` })),
    );
    const event = await eventWith(alice, ...voters);
    const question = await createQuestion(ctx, alice, event.id);

    const responses = await Promise.all(voters.map((voter) => vote(voter, question.id)));
    expect(responses.map((response) => response.statusCode)).toEqual(voters.map(() => 200));

    const [row] = await questionRows(ctx.database.db, event.id);
    expect(row?.votes).toBe(50);
    expect(await voteRows(ctx.database.db, question.id)).toHaveLength(50);
  });

  it('keeps one vote when one person votes 10 times at once', async () => {
    const event = await eventWith(alice, bruno);
    const question = await createQuestion(ctx, alice, event.id);
    const responses = await Promise.all(Array.from({ length: 10 }, () => vote(bruno, question.id)));
    expect(responses.map((response) => response.statusCode)).toEqual(responses.map(() => 200));
    const [row] = await questionRows(ctx.database.db, event.id);
    expect(row?.votes).toBe(1);
    expect(await voteRows(ctx.database.db, question.id)).toHaveLength(1);
  });

  it('answers 404 for unknown or malformed question ids and changes nothing', async () => {
    const event = await eventWith(alice);
    const question = await createQuestion(ctx, alice, event.id);
    const before = await ctx.database.db.selectFrom('question_votes').selectAll().execute();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-identifiant']) {
      const response = await vote(alice, id);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect(await ctx.database.db.selectFrom('question_votes').selectAll().execute()).toEqual(before);
    expect((await questionRows(ctx.database.db, event.id))[0]?.votes).toBe(0);
    expect(question.votes).toBe(0);
  });

  it('refuses votes from people not registered, on cancelled events and once the event has ended', async () => {
    const db = ctx.database.db;
    const event = await eventWith(alice);
    const question = await createQuestion(ctx, alice, event.id);
    const refused = await vote(bruno, question.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('not_registered');

    // A cancelled registration no longer counts.
    await createRegistration(db, event.id, bruno.id, 'cancelled');
    expect((await vote(bruno, question.id)).json().error.code).toBe('not_registered');

    await db.updateTable('events').set({ cancelled_at: new Date() }).where('id', '=', event.id).execute();
    const cancelled = await vote(alice, question.id);
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().error.code).toBe('event_cancelled');

    const past = await createEvent(db, { startsInHours: -3, durationHours: 1 });
    await createRegistration(db, past.id, alice.id);
    const old = await db
      .insertInto('questions')
      .values({ event_id: past.id, author_id: alice.id, body: 'Posée pendant la séance' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const closed = await vote(alice, old.id);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('questions_closed');

    expect(await voteRows(db, question.id)).toHaveLength(0);
    expect(await voteRows(db, old.id)).toHaveLength(0);
  });
});
