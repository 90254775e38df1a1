import { describe, expect, it } from 'vitest';
import { canEraseOwnAccount, canExportOwnData, canReadAudit } from './audit.policy';

const admin = { id: 'a', role: 'admin' as const };
const member = { id: 'm', role: 'member' as const };

describe('audit and personal data policy', () => {
  it('lets admins only read the audit log', () => {
    expect(canReadAudit(admin)).toBe(true);
    expect(canReadAudit(member)).toBe(false);
    expect(canReadAudit(null)).toBe(false);
  });

  it('lets any signed-in person export or erase their own data, and no anonymous visitor', () => {
    for (const can of [canExportOwnData, canEraseOwnAccount]) {
      expect(can(member)).toBe(true);
      expect(can(admin)).toBe(true);
      expect(can(null)).toBe(false);
    }
  });
});
