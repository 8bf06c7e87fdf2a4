import { describe, expect, it } from 'vitest';
import { analyticsQuery, apiWindow, parseSelection, selectionDays, selectionToParams } from './analytics-period';

const NOW = new Date('2026-11-20T15:30:00Z');

describe('analytics period', () => {
  it('presets cover whole UTC days ending today', () => {
    expect(selectionDays(parseSelection(new URLSearchParams('')), NOW)).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(selectionDays(parseSelection(new URLSearchParams('period=7d')), NOW)).toEqual({ from: '2026-11-14', to: '2026-11-20' });
  });

  it('the API window is half-open: midnight of the first day to midnight after the last', () => {
    expect(apiWindow({ from: '2026-11-14', to: '2026-11-20' })).toEqual({ from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' });
  });

  it('explains an unusable custom range instead of asking the API', () => {
    expect(selectionDays(parseSelection(new URLSearchParams('period=custom&from=2026-11-10')), NOW)).toEqual({ problem: 'Pick a start and an end date.' });
    expect(selectionDays(parseSelection(new URLSearchParams('from=2026-11-10&to=2026-11-01')), NOW)).toEqual({ problem: 'The start date is after the end date.' });
    expect(selectionDays(parseSelection(new URLSearchParams('from=2024-01-01&to=2026-11-01')), NOW)).toEqual({ problem: 'Pick at most 366 days.' });
  });

  it('keeps the agent and queue in the URL and the API query', () => {
    const selection = parseSelection(new URLSearchParams('period=90d&agentId=22222222-2222-4222-8222-222222222222&queueId=q-sales'));
    expect(selectionToParams(selection).toString()).toBe('period=90d&agentId=22222222-2222-4222-8222-222222222222&queueId=q-sales');
    const query = new URLSearchParams(analyticsQuery({ from: '2026-11-01', to: '2026-11-02' }, selection, { report: 'agents' }));
    expect(query.get('report')).toBe('agents');
    expect(query.get('queueId')).toBe('q-sales');
    expect(query.get('to')).toBe('2026-11-03T00:00:00.000Z');
  });
});
