import { COLLAB_CLOSE_CODES } from '@atelier/contract';
import { describe, expect, it, vi } from 'vitest';
import { collabUrl, nextConnectionState, refusalOf, saveStateShown, trackSaving } from './collab-status';

describe('collab connection state', () => {
  it('reads the contract close codes as refusals', () => {
    expect(refusalOf({ code: COLLAB_CLOSE_CODES.unauthenticated })).toBe('unauthenticated');
    expect(refusalOf({ code: COLLAB_CLOSE_CODES.forbidden })).toBe('forbidden');
    expect(refusalOf({ code: COLLAB_CLOSE_CODES.not_found })).toBe('not_found');
  });

  it('reads a permission-denied reason naming the refusal', () => {
    expect(refusalOf({ reason: 'forbidden' })).toBe('forbidden');
    expect(refusalOf({ code: 1000, reason: '4404' })).toBe('not_found');
  });

  it('does not treat a network cut or a restart as a refusal', () => {
    expect(refusalOf({ code: 1006 })).toBeNull();
    expect(refusalOf({ code: 1001, reason: 'going away' })).toBeNull();
    expect(refusalOf({})).toBeNull();
  });

  it('tells a first connection from a lost one', () => {
    const online = { online: true, wasConnected: false };
    expect(nextConnectionState('connecting', 'connecting', online)).toBe('connecting');
    expect(nextConnectionState('connecting', 'connected', online)).toBe('connected');
    const after = { online: true, wasConnected: true };
    expect(nextConnectionState('connected', 'disconnected', after)).toBe('reconnecting');
    expect(nextConnectionState('reconnecting', 'connecting', after)).toBe('reconnecting');
    expect(nextConnectionState('reconnecting', 'connected', after)).toBe('connected');
  });

  it('says offline when the browser has no network, and keeps a refusal', () => {
    expect(nextConnectionState('connected', 'disconnected', { online: false, wasConnected: true })).toBe('offline');
    expect(nextConnectionState('refused', 'connected', { online: true, wasConnected: true })).toBe('refused');
  });

  it('builds ws and wss URLs on the page host', () => {
    expect(collabUrl({ protocol: 'http:', host: 'localhost:3000' }, '/collab')).toBe('ws://localhost:3000/collab');
    expect(collabUrl({ protocol: 'https:', host: 'atelier.example' }, '/collab')).toBe('wss://atelier.example/collab');
  });
});

describe('collab save state', () => {
  it('speaks of saving only to editors, while connected, once synced', () => {
    const editor = { canEdit: true, synced: true, saving: false };
    expect(saveStateShown('connected', editor)).toBe('saved');
    expect(saveStateShown('connected', { ...editor, saving: true })).toBe('saving');
    expect(saveStateShown('connected', { ...editor, canEdit: false })).toBeNull();
    expect(saveStateShown('connected', { ...editor, synced: false })).toBeNull();
    // Reconnecting and offline already say that changes are kept for later.
    expect(saveStateShown('reconnecting', { ...editor, saving: true })).toBeNull();
    expect(saveStateShown('offline', editor)).toBeNull();
    expect(saveStateShown('refused', editor)).toBeNull();
  });

  it('says saving at once, and saved only once nothing was pending for a moment', () => {
    vi.useFakeTimers();
    try {
      const states: boolean[] = [];
      const tracker = trackSaving((saving) => states.push(saving), 1000);
      tracker.unsynced(1);
      expect(states).toEqual([true]);
      // Typing: acks and new changes alternate, the line does not flicker.
      tracker.unsynced(0);
      vi.advanceTimersByTime(300);
      tracker.unsynced(1);
      tracker.unsynced(0);
      vi.advanceTimersByTime(999);
      expect(states).toEqual([true]);
      vi.advanceTimersByTime(1);
      expect(states).toEqual([true, false]);
      tracker.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
