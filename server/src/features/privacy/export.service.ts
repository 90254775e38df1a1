import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EXPORT_LIFETIME_HOURS, type ExportRequested } from '@atelier/contract';
import { type Zippable, zip } from 'fflate';
import { actorOnly, authorize } from '../../core/authorize';
import { hashSecret, newSecret } from '../../core/secrets';
import { notFound } from '../../errors';
import { canExportOwnData } from '../../policy/audit.policy';
import type { Actor } from '../../policy/policy';
import { recordAudit } from '../audit/audit.service';
import { messageSettingsOf, messagesWrittenBy } from '../messages/messages.queries';
import { apiTokensOf } from '../tokens/tokens.queries';
import { webhooksAddedBy } from '../webhooks/webhooks.queries';
import {
  attendancesOf,
  charterAcceptancesOf,
  deleteExports,
  documentCommentsOf,
  documentsWrittenBy,
  expiredExports,
  filesUploadedBy,
  findExport,
  findReadyExport,
  insertExport,
  linksSharedBy,
  mailSettingsOf,
  markExportReady,
  membershipsOf,
  newsletterOptOutsOf,
  organisationLinksOf,
  postsOf,
  profileOf,
  questionsOf,
  reactionsOf,
  registrationsOf,
  revisionsOfPostsBy,
  signInIdentitiesOf,
  spaceMailSettingsOf,
  threadsStartedBy,
  votesOf,
} from './export.queries';
import type { PrivacyDeps } from './privacy.deps';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** Builds one requested export, stores the ZIP and mails its link. */
    'privacy.export': { exportId: string };
  }
}

const LIFETIME_MS = EXPORT_LIFETIME_HOURS * 3600 * 1000;

/**
 * `POST /me/export` → 202: records the request (and its audit entry) and queues the build in
 * one transaction; the link is mailed once the ZIP is stored. The answer says only that it is
 * on its way — nothing is "ready" before it is.
 */
export async function requestExport(deps: PrivacyDeps, input: { actor: Actor }): Promise<ExportRequested> {
  authorize(actorOnly(input.actor, 'export'), canExportOwnData(input.actor));
  const userId = input.actor!.id;
  const expiresAt = new Date(deps.now().getTime() + LIFETIME_MS);
  await deps.db.transaction().execute(async (trx) => {
    // A throwaway hash until the job mails the real token: the row names no usable secret.
    const row = await insertExport(trx, { userId, tokenHash: hashSecret(newSecret()), expiresAt });
    await recordAudit(trx, {
      actorId: userId,
      action: 'export',
      subjectType: 'user',
      subjectId: userId,
      targetUserId: userId,
      details: { exportId: row.id },
    });
    await deps.jobs.enqueue(trx, 'privacy.export', { exportId: row.id });
  });
  return { ok: true, expiresAt: expiresAt.toISOString() };
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const json = (value: unknown): [Uint8Array, { level: 6 }] => [
  new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`),
  { level: 6 },
];

/** A stored name made safe for a path inside the archive. */
const archiveName = (id: string, name: string) => `files/${id}-${name.replace(/[/\\\u0000-\u001f]/g, '_')}`;

/**
 * Everything about the person, as JSON files per kind plus the bytes of their files. Only
 * their own rows: others' posts, names and addresses never enter (a thread's or a space's
 * title does, to say where they wrote).
 */
export async function buildArchive(deps: Pick<PrivacyDeps, 'db' | 'storage'>, userId: string): Promise<Uint8Array> {
  const { db } = deps;
  const profile = await profileOf(db, userId);
  if (!profile) throw notFound('user');
  const { avatar_key: avatarKey, ...person } = profile;
  const posts = await postsOf(db, userId);
  const revisions = await revisionsOfPostsBy(db, userId);
  const files = await filesUploadedBy(db, userId);
  const entries: Zippable = {
    'LISEZMOI.txt': [
      new TextEncoder().encode(
        'Vos données sur l’Atelier des transitions, un fichier JSON par sorte de données, et vos fichiers dans « files/ ».\n' +
          'Your data on the Atelier des transitions: one JSON file per kind of data, and your files in "files/".\n',
      ),
      { level: 6 },
    ],
    'profile.json': json({ ...person, charterAcceptances: await charterAcceptancesOf(db, userId) }),
    'sign-in-identities.json': json(await signInIdentitiesOf(db, userId)),
    'memberships.json': json(await membershipsOf(db, userId)),
    'organisations.json': json(await organisationLinksOf(db, userId)),
    'threads.json': json(await threadsStartedBy(db, userId)),
    'posts.json': json(
      posts.map((post) => ({ ...post, revisions: revisions.filter((revision) => revision.post_id === post.id) })),
    ),
    'reactions.json': json(await reactionsOf(db, userId)),
    'registrations.json': json(await registrationsOf(db, userId)),
    'attendance.json': json(await attendancesOf(db, userId)),
    'questions.json': json(await questionsOf(db, userId)),
    'votes.json': json(await votesOf(db, userId)),
    'documents.json': json(await documentsWrittenBy(db, userId)),
    'document-comments.json': json(await documentCommentsOf(db, userId)),
    'links.json': json(await linksSharedBy(db, userId)),
    'api-tokens.json': json(await apiTokensOf(db, userId)),
    'webhooks.json': json(await webhooksAddedBy(db, userId)),
    'messages.json': json({
      settings: (await messageSettingsOf(db, [userId]))[0] ?? null,
      written: await messagesWrittenBy(db, userId),
    }),
    'mail-settings.json': json({
      general: (await mailSettingsOf(db, userId)) ?? null,
      spaces: await spaceMailSettingsOf(db, userId),
      newsletterOptOuts: await newsletterOptOutsOf(db, userId),
    }),
    'files.json': json(
      files.map(({ storage_key: _key, ...file }) => ({ ...file, path: archiveName(file.id, file.name) })),
    ),
  };
  for (const file of files) {
    if (file.deleted_at) continue;
    // Already compressed formats mostly: stored, not deflated again.
    entries[archiveName(file.id, file.name)] = [await readAll(await deps.storage.get(file.storage_key)), { level: 0 }];
  }
  if (avatarKey) entries['avatar.webp'] = [await readAll(await deps.storage.get(avatarKey)), { level: 0 }];
  return new Promise((resolve, reject) => {
    zip(entries, (error, data) => (error ? reject(error) : resolve(data)));
  });
}

/**
 * The `privacy.export` job: builds and stores the ZIP, then marks the row ready and mails the
 * link in one transaction. Idempotent: a row no longer pending (already mailed) is left alone.
 */
export async function buildExport(deps: PrivacyDeps, input: { exportId: string }): Promise<void> {
  const row = await findExport(deps.db, input.exportId);
  if (row?.status !== 'pending') return;
  const archive = await buildArchive(deps, row.user_id);
  const storageKey = `export-${randomUUID()}.zip`;
  await deps.storage.put(storageKey, Buffer.from(archive), { contentType: 'application/zip', size: archive.length });
  const token = newSecret();
  const mailed = await deps.db.transaction().execute(async (trx) => {
    const updated = await markExportReady(trx, row.id, {
      storageKey,
      size: archive.length,
      tokenHash: hashSecret(token),
    });
    if (Number(updated.numUpdatedRows) === 0) return false;
    const person = await profileOf(trx, row.user_id);
    if (!person) return false;
    await deps.mailer.sendExportReady(
      trx,
      { email: person.email, displayName: person.display_name, locale: person.locale },
      { token, expiresAt: row.expires_at },
    );
    return true;
  });
  // Another run got there first (or the person is gone): this copy is not needed.
  if (!mailed) await deps.storage.delete(storageKey);
}

/**
 * `GET /me/export[?token=]`: the newest ready, unexpired export — the one the mailed token
 * names, or the signed-in person's. Anything else is 404, without saying why.
 */
export async function openExport(
  deps: Pick<PrivacyDeps, 'db' | 'storage' | 'now'>,
  input: { actor: Actor; token?: string | undefined },
): Promise<{ stream: Readable; size: number; createdAt: Date }> {
  if (!input.token) authorize(actorOnly(input.actor, 'export'), canExportOwnData(input.actor));
  const by = input.token ? { tokenHash: hashSecret(input.token) } : { userId: input.actor!.id };
  const row = await findReadyExport(deps.db, by, deps.now());
  if (!row?.storage_key) throw notFound('export');
  return { stream: await deps.storage.get(row.storage_key), size: Number(row.size ?? 0), createdAt: row.created_at };
}

/** Up to `limit` expired exports gone (the retention job): the ZIP first, then the row, so a crash between leaves a row to retry. */
export async function pruneExpiredExports(deps: Pick<PrivacyDeps, 'db' | 'storage'>, now: Date, limit: number) {
  const rows = await expiredExports(deps.db, now, limit);
  for (const row of rows) if (row.storage_key) await deps.storage.delete(row.storage_key);
  await deleteExports(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.length;
}
