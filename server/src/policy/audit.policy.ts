/**
 * Who may read the audit log and act on personal data. Pure functions over the actor.
 */
import { type Actor, isAdmin } from './policy';

/**
 * Read the audit log (who changed whose role, removed whom, exported or erased what): admins
 * only. It names people and what was done to them, so animateur·ices of a space do not see it.
 */
export function canReadAudit(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Ask for, and download, one's own data: any signed-in person, for themselves only. */
export function canExportOwnData(actor: Actor): boolean {
  return actor !== null;
}

/** Erase one's own account: any signed-in person, for themselves only. */
export function canEraseOwnAccount(actor: Actor): boolean {
  return actor !== null;
}
