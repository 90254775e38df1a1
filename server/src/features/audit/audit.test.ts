import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { recordAudit } from './audit.service';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the audit log', () => {
  it('records role changes and removals in spaces, with the names of that moment', async () => {
    const { db } = ctx.database;
    const animateur = await createPerson(ctx, { displayName: 'Inès Animatrice' });
    const member = await createPerson(ctx, { displayName: 'Paul Membre' });
    const admin = await createPerson(ctx, { role: 'admin' });
    const space = await createSpace(db, { visibility: 'members', joinPolicy: 'request', title: 'Mise en récits' });
    await addMembership(db, space.id, animateur.id, { role: 'animateur' });
    await addMembership(db, space.id, member.id);

    const promoted = await request(ctx, animateur, 'PATCH', `/api/spaces/${space.slug}/members/${member.id}`, {
      role: 'animateur',
    });
    expect(promoted.statusCode).toBe(200);
    const removed = await request(ctx, animateur, 'DELETE', `/api/spaces/${space.slug}/members/${member.id}`);
    expect(removed.statusCode).toBe(204);

    const page = await request(ctx, admin, 'GET', '/api/admin/audit');
    expect(page.statusCode).toBe(200);
    const [removal, roleChange] = page.json().items;
    expect(removal).toMatchObject({
      action: 'member_removal',
      actor: { id: animateur.id, name: 'Inès Animatrice' },
      subject: { type: 'space', id: space.id },
      target: { id: member.id, name: 'Paul Membre' },
      details: { space: 'Mise en récits' },
    });
    expect(roleChange).toMatchObject({
      action: 'role_change',
      target: { id: member.id, name: 'Paul Membre' },
      details: { from: 'membre', to: 'animateur' },
    });
  });

  it('is readable by admins only', async () => {
    const member = await createPerson(ctx);
    expect((await request(ctx, null, 'GET', '/api/admin/audit')).statusCode).toBe(401);
    const refused = await request(ctx, member, 'GET', '/api/admin/audit');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
  });

  it('pages newest first with an opaque cursor, and refuses a forged one', async () => {
    const { db } = ctx.database;
    const admin = await createPerson(ctx, { role: 'admin' });
    for (let i = 0; i < 55; i++) {
      await recordAudit(db, { actorId: admin.id, action: 'test', subjectType: 'test', subjectId: String(i) });
    }
    const first = (await request(ctx, admin, 'GET', '/api/admin/audit')).json();
    expect(first.items).toHaveLength(50);
    expect(first.items[0].subject.id).toBe('54');
    const second = (await request(ctx, admin, 'GET', `/api/admin/audit?cursor=${first.nextCursor}`)).json();
    expect(second.items[0].subject.id).toBe('4');
    const ids = [...first.items, ...second.items].map((item: { id: string }) => Number(item.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);

    const forged = await request(ctx, admin, 'GET', '/api/admin/audit?cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_input');
  });

  it('is append-only in the database itself, and keeps the actor name once the actor is gone', async () => {
    const { db } = ctx.database;
    const actor = await createPerson(ctx, { displayName: 'Zoé Partie' });
    const entry = await recordAudit(db, { actorId: actor.id, action: 'test', subjectType: 'test', subjectId: 'x' });
    await expect(sql`update audit_log set action = 'other' where id = ${entry.id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = ${entry.id}`.execute(db)).rejects.toThrow(/append-only/);
    await db.deleteFrom('users').where('id', '=', actor.id).execute();
    const row = await db.selectFrom('audit_log').selectAll().where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: null, actor_name: 'Zoé Partie', action: 'test' });
  });
});
