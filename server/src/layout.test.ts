import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout rules of `server/README.md` ("Layout"), checked on the real tree so that they
 * stay true: a closed list of file roles, SQL only in queries, a core that no feature owns and
 * a policy that stays pure.
 */

const SRC = import.meta.dirname;

/** The file roles: `<name>.<role>.ts`. A file without a role is a plain module named for what it does. */
const FILE_ROLES = [
  'routes',
  'service',
  'queries',
  'access',
  'policy',
  'realtime',
  'mail',
  'content',
  'deps',
  'test',
] as const;

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });

const all = files(SRC);
const roleOf = (path: string): string | null => {
  const parts = (path.split('/').pop() ?? '').split('.');
  return parts.length >= 3 ? (parts.at(-2) ?? null) : null;
};
const isTestCode = (path: string) => roleOf(path) === 'test' || path.startsWith('test/');
const source = (path: string) => readFileSync(join(SRC, path), 'utf8');
const importsOf = (path: string) => [...source(path).matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');

describe('server layout', () => {
  it('reads the tree it checks', () => {
    expect(all).toContain('app.ts');
    expect(all.length).toBeGreaterThan(100);
  });

  it('gives every file a role from the closed list, or none', () => {
    const strays = all.filter((path) => {
      const role = roleOf(path);
      return role !== null && !(FILE_ROLES as readonly string[]).includes(role);
    });
    expect(strays).toEqual([]);
  });

  it('keeps pure decisions under policy/ and nowhere else', () => {
    const misplaced = all.filter((path) => roleOf(path) === 'policy' && !path.startsWith('policy/'));
    expect(misplaced).toEqual([]);
  });

  it('writes SQL only in *.queries.ts (the database layer and test code aside)', () => {
    const sql = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(`|<)/;
    const outside = all.filter(
      (path) => roleOf(path) !== 'queries' && !isTestCode(path) && !path.startsWith('db/') && sql.test(source(path)),
    );
    expect(outside).toEqual([]);
  });

  it('keeps core/ free of features, and the policy free of everything but itself and the contract', () => {
    const coreToFeatures = all
      .filter((path) => path.startsWith('core/'))
      .filter((path) => importsOf(path).some((spec) => spec.includes('/features/')));
    expect(coreToFeatures).toEqual([]);
    const impurePolicy = all
      .filter((path) => path.startsWith('policy/') && !isTestCode(path))
      .filter((path) => importsOf(path).some((spec) => spec.startsWith('..')));
    expect(impurePolicy).toEqual([]);
  });

  it('keeps the test kit (test/) for tests: no app code imports it', () => {
    const reaching = all
      .filter((path) => !isTestCode(path))
      .flatMap((path) => importsOf(path).map((spec) => ({ path, spec })))
      .filter(
        ({ path, spec }) => spec.startsWith('.') && normalize(join(dirname(path), spec)).startsWith(`test${sep}`),
      );
    expect(reaching).toEqual([]);
  });

  it('keeps infrastructure plugins out of features, but for the collab server they mount', () => {
    const reaching = all
      .filter((path) => path.startsWith('plugins/') && !isTestCode(path))
      .flatMap((path) => importsOf(path).map((spec) => ({ path, spec })))
      .filter(({ spec }) => spec.includes('/features/') && !spec.includes('/features/documents/'));
    expect(reaching).toEqual([]);
  });
});
