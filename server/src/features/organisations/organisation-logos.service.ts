import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { OrganisationDetail } from '@atelier/contract';
import type { FastifyBaseLogger } from 'fastify';
import { actorOnly, authorize } from '../../core/authorize';
import { notFound } from '../../errors';
import { canManageOrganisation, canReadOrganisations } from '../../policy/organisations.policy';
import type { Actor } from '../../policy/policy';
import { makeLogo, PICTURE_TYPE, redrawUpload } from '../accounts/avatar-image';
import { avatarVersion } from '../accounts/avatars.content';
import type { FileStorage } from '../resources/file-storage';
import { removeStored } from '../resources/files.service';
import type { ReceivedFile } from '../resources/upload';
import { findLogo, lockLogoKey, setLogoKey } from './organisation-logos.queries';
import { getOrganisation, loadOrganisationContext, type OrganisationsDeps } from './organisations.service';

export interface OrganisationLogosDeps extends OrganisationsDeps {
  /** The same storage as a space's files and profile pictures (disk under DATA_DIR, or S3). */
  storage: FileStorage;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Points the organisation at `key` (or at no logo) and removes the logo it replaces. The row is
 * locked while the old key is read, so that two changes at once each remove the one they
 * replaced and never the one in use. The old bytes go only once the row no longer names them.
 */
async function replaceLogo(deps: OrganisationLogosDeps, organisationId: string, key: string | null) {
  const previous = await deps.db.transaction().execute(async (trx) => {
    const previous = await lockLogoKey(trx, organisationId);
    await setLogoKey(trx, organisationId, key);
    return previous;
  });
  if (previous) await removeStored(deps, previous);
}

/**
 * `PUT /organisations/:slug/logo` (admins and its referents). Allowed before the upload is
 * read, so that nobody else's bytes are ever written, even to a temporary file. Then as for a
 * profile picture: streamed to a temporary file (413 past LOGO_MAX_BYTES), its type sniffed
 * from the bytes (415), redrawn as a 256 px WebP (400 `image_unreadable`), stored under a
 * fresh key — removed again if the row cannot be written.
 */
export async function setLogo(
  deps: OrganisationLogosDeps,
  input: { actor: Actor; slug: string; receive: () => Promise<ReceivedFile> },
): Promise<OrganisationDetail> {
  const context = await loadOrganisationContext(deps.db, input.slug, input.actor);
  authorize(context, canManageOrganisation(input.actor, context.affiliation));
  const image = await redrawUpload(await input.receive(), makeLogo);
  const key = `logo-${randomUUID()}`;
  await deps.storage.put(key, image, { contentType: PICTURE_TYPE, size: image.length });
  try {
    await replaceLogo(deps, context.organisation.id, key);
  } catch (error) {
    await removeStored(deps, key);
    throw error;
  }
  return getOrganisation(deps, { actor: input.actor, slug: input.slug });
}

/** `DELETE /organisations/:slug/logo` (admins and its referents): harmless when there is none. */
export async function removeLogo(
  deps: OrganisationLogosDeps,
  input: { actor: Actor; slug: string },
): Promise<OrganisationDetail> {
  const context = await loadOrganisationContext(deps.db, input.slug, input.actor);
  authorize(context, canManageOrganisation(input.actor, context.affiliation));
  await replaceLogo(deps, context.organisation.id, null);
  return getOrganisation(deps, { actor: input.actor, slug: input.slug });
}

/** `GET /organisations/:slug/logo`: public, as the organisation's page is; 404 without a logo. */
export async function openLogo(
  deps: OrganisationLogosDeps,
  input: { actor: Actor; slug: string },
): Promise<{ stream: Readable; version: string }> {
  authorize(actorOnly(input.actor, 'logo'), canReadOrganisations(input.actor));
  const logo = await findLogo(deps.db, input.slug);
  if (!logo?.logo_key || !logo.logo_updated_at) throw notFound('logo');
  return { stream: await deps.storage.get(logo.logo_key), version: avatarVersion(logo.logo_updated_at) };
}
