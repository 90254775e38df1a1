import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it('hides the secrets mailed links carry, and keeps the rest', () => {
    expect(redactUrl('/api/me/export?token=abc123&x=1')).toBe('/api/me/export?token=…&x=1');
    expect(redactUrl('/api/calendar/feed?user=u&Signature=zz')).toBe('/api/calendar/feed?user=u&Signature=…');
    expect(redactUrl('/api/unsubscribe/eyJh.sig/undo')).toBe('/api/unsubscribe/…/undo');
    expect(redactUrl('/api/invitations/tok3n/accept')).toBe('/api/invitations/…/accept');
    expect(redactUrl('/api/calendar/s3cr3t.ics')).toBe('/api/calendar/…');
    expect(redactUrl('/api/calendar/feed/rotate')).toBe('/api/calendar/feed/rotate');
    expect(redactUrl('/api/search?q=token')).toBe('/api/search?q=token');
  });
});
