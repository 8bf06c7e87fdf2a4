import { describe, expect, it } from 'vitest';
import { CONTENT, detailFixture } from '../test-fixtures';
import {
  activeEntry,
  engagementPhase,
  initialPanelState,
  panelReducer,
  type PanelAction,
  type PanelState,
} from './engagement-state';

const context = (engagementId: string) => ({
  engagementId,
  startedAt: null,
  acceptedAt: null,
  queueName: 'Billing',
  transferredFrom: null,
});

function run(actions: PanelAction[], state: PanelState = initialPanelState): PanelState {
  return actions.reduce(panelReducer, state);
}

describe('the engagement reducer', () => {
  it('merges status diffs: absent fields keep their last value', () => {
    const state = run([
      { type: 'engagement/switched', context: context('A') },
      {
        type: 'engagement/status',
        patch: {
          engagementId: 'A',
          state: 'active',
          channel: 'voice',
          consumers: [{ name: 'Dana Wright', number: '+14155550100', email: null }],
        },
      },
      { type: 'engagement/status', patch: { engagementId: 'A', state: 'wrap-up' } },
    ]);
    const entry = state.engagements.A!;
    expect(entry.status).toEqual({
      state: 'wrap-up',
      channel: 'voice',
      consumers: [{ name: 'Dana Wright', number: '+14155550100', email: null }],
    });
    expect(engagementPhase(entry)).toBe('after_call');
  });

  it('keys everything by engagement: a diff for a background engagement leaves the active one alone', () => {
    const state = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'engagement/status', patch: { engagementId: 'A', state: 'active' } },
      { type: 'engagement/switched', context: context('B') },
      { type: 'engagement/status', patch: { engagementId: 'B', state: 'active', channel: 'messaging' } },
      {
        type: 'engagement/status',
        patch: { engagementId: 'A', state: 'end', endedAt: '2026-03-03T14:06:00.000Z' },
      },
    ]);
    expect(state.activeZoomId).toBe('B');
    expect(activeEntry(state)?.status).toEqual({ state: 'active', channel: 'messaging' });
    expect(state.engagements.A!.status).toEqual({ state: 'end', endedAt: '2026-03-03T14:06:00.000Z' });
  });

  it('switching back restores what was known, drafts included', () => {
    const detail = detailFixture({ zoomEngagementId: 'A' });
    const state = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'lookup/started', zoomId: 'A' },
      { type: 'lookup/finished', zoomId: 'A', detail },
      { type: 'draft/started', zoomId: 'A' },
      { type: 'draft/changed', zoomId: 'A', content: { ...CONTENT, reason: 'Edited while on A' } },
      { type: 'engagement/switched', context: context('B') },
      { type: 'engagement/switched', context: context('A') },
    ]);
    const entry = activeEntry(state)!;
    expect(entry.zoomId).toBe('A');
    expect(entry.lookup).toBe('found');
    expect(entry.draft).toEqual({ baseVersion: 1, content: { ...CONTENT, reason: 'Edited while on A' } });
    // The draft is a copy: the server's content is untouched.
    expect(entry.detail?.summary?.content?.reason).toBe(CONTENT.reason);
  });

  it('records a status that arrives before its engagement is on screen, without switching to it', () => {
    const state = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'engagement/status', patch: { engagementId: 'C', state: 'active' } },
    ]);
    expect(state.activeZoomId).toBe('A');
    expect(state.engagements.C?.status.state).toBe('active');
  });

  it('applies live details to the engagement they belong to and ignores older ones', () => {
    const newer = detailFixture({ zoomEngagementId: 'A', status: 'ready', revision: 5 });
    const older = detailFixture({ zoomEngagementId: 'A', status: 'summarizing', revision: 4 });
    const state = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'engagement/switched', context: context('B') },
      { type: 'detail/received', detail: newer },
      { type: 'detail/received', detail: older },
    ]);
    expect(state.engagements.A!.detail?.summary?.status).toBe('ready');
    expect(state.engagements.B!.detail).toBeNull();
  });

  it('keeps a CRM sync that finished when a refetch read before it answers afterwards', () => {
    // Same summary timestamp on both: only the sync state changed, which is what the revision catches.
    const synced = detailFixture({ zoomEngagementId: 'A', approvedAt: '2026-03-03T14:09:00.000Z', crmSyncState: 'synced', revision: 9 });
    const queued = detailFixture({ zoomEngagementId: 'A', approvedAt: '2026-03-03T14:09:00.000Z', crmSyncState: 'queued', revision: 8 });
    let state = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'detail/received', detail: synced },
      { type: 'detail/received', detail: queued },
    ]);
    expect(state.engagements.A!.detail?.summary?.crmSyncState).toBe('synced');
    state = panelReducer(state, { type: 'lookup/finished', zoomId: 'A', detail: queued });
    expect(state.engagements.A!.detail?.summary?.crmSyncState).toBe('synced');
    // An equal revision is the same state read twice: taken as is.
    state = panelReducer(state, { type: 'detail/received', detail: { ...synced, crmRecords: [] } });
    expect(state.engagements.A!.detail?.crmRecords).toEqual([]);
  });

  it('remembers that CallRecap has not seen an engagement yet, and can retry', () => {
    let state = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'lookup/started', zoomId: 'A' },
      { type: 'lookup/finished', zoomId: 'A', detail: null },
    ]);
    expect(state.engagements.A!.lookup).toBe('not_seen');
    state = run(
      [
        { type: 'lookup/failed', zoomId: 'A', error: 'offline' },
        { type: 'lookup/retry', zoomId: 'A' },
      ],
      state,
    );
    expect(state.engagements.A!.lookup).toBe('idle');
    expect(state.engagements.A!.lookupError).toBeNull();
  });

  it('decides the phase from Zoom first, then from what the server knows', () => {
    const ended = run([
      { type: 'engagement/switched', context: context('A') },
      { type: 'lookup/finished', zoomId: 'A', detail: detailFixture({ zoomEngagementId: 'A' }) },
    ]);
    expect(engagementPhase(ended.engagements.A!)).toBe('after_call');
    const live = run([{ type: 'engagement/status', patch: { engagementId: 'A', state: 'active' } }], ended);
    expect(engagementPhase(live.engagements.A!)).toBe('in_call');
  });

  it('keeps a bounded number of engagements, never dropping the one on screen', () => {
    let state = panelReducer(initialPanelState, {
      type: 'engagement/switched',
      context: context('ON-SCREEN'),
    });
    for (let i = 0; i < 30; i++)
      state = panelReducer(state, {
        type: 'engagement/status',
        patch: { engagementId: `E${i}`, state: 'active' },
      });
    expect(Object.keys(state.engagements).length).toBe(20);
    expect(state.order.length).toBe(20);
    expect(activeEntry(state)?.zoomId).toBe('ON-SCREEN');
    expect(state.engagements.E0).toBeUndefined();
    expect(state.engagements.E29).toBeDefined();
  });
});
