import { COLLAB_CLOSE_CODES } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { collabUrl, nextConnectionState, refusalOf } from './collab-status';

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
