import { hashSecret, newSecret } from '../../core/secrets';
import type { TestPerson } from '../factories/people';
import { defineMatrix, everyone, type MatrixRoute } from '../matrix';

/**
 * Personal API tokens: one's own, whatever the space. Every signed-in person manages theirs;
 * anonymous visitors get 401. Each case gives every person a token of their own; `DELETE`
 * names the asker's (the anonymous visitor names the member's).
 */

type Fixture = Record<string, string>;

const signedIn = (ok: number) => everyone([401, ok, ok, ok, ok]);

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/me/tokens', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/me/tokens',
    body: () => ({ name: 'Tableur du chantier', scopes: ['read'] }),
    expect: signedIn(201),
  },
  {
    method: 'DELETE',
    path: '/api/me/tokens/:id',
    params: ({ fixture, person, people }) => ({ id: fixture[(person ?? people.member).id] ?? '' }),
    expect: signedIn(204),
  },
];

export const tokensMatrix = defineMatrix<Fixture>({
  name: 'personal API token routes × people',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ db, people }) => {
    const tokens: Fixture = {};
    // The people are the file's, the tokens each case's: start from one token each.
    await db.deleteFrom('api_tokens').execute();
    for (const person of Object.values(people) as TestPerson[]) {
      const secret = `atl_${newSecret()}`;
      const row = await db
        .insertInto('api_tokens')
        .values({
          user_id: person.id,
          name: 'Script',
          token_hash: hashSecret(secret),
          prefix: secret.slice(0, 8),
          scopes: ['read'],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      tokens[person.id] = row.id;
    }
    return tokens;
  },
  routes,
  tables: ['api_tokens'],
});
