import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SummaryContent } from '../../../../../server/contract/summary';
import { AI_SUMMARY, engagementDetail } from '../../test/fixtures';
import { renderApp, renderWithProviders, sessionFor } from '../../test/harness';
import { diffStats, diffSummaries } from './summary-diff';
import { SummaryDiff } from './SummaryDiff';

const EDITED: SummaryContent = {
  ...AI_SUMMARY,
  reason: 'Customer was charged twice for the April invoice.',
  actionItems: [...AI_SUMMARY.actionItems, { text: 'Check the billing run for other duplicates', owner: 'agent', due: null }],
};

describe('summary diff against the first, generated version', () => {
  it('marks removed and added words inside the changed sections only', () => {
    renderWithProviders(<SummaryDiff original={AI_SUMMARY} revised={EDITED} />);
    const removed = screen.getAllByRole('deletion').map((el) => el.textContent);
    const added = screen.getAllByRole('insertion').map((el) => el.textContent);
    expect(removed.join(' ')).toContain('March');
    expect(added.join(' ')).toContain('April');
    expect(added.join(' ')).toContain('Check the billing run for other duplicates');
    expect(screen.getByText(/2 of 7 sections changed/)).toBeTruthy();
    expect(screen.getByText(/Unchanged: key points, outcome, sentiment, category, contact\./)).toBeTruthy();
    // Unchanged text is not repeated as a section of its own.
    expect(screen.queryByText(/Duplicate charge of \$49.00/)).toBeNull();
  });

  it('says so when a version has no differences', () => {
    renderWithProviders(<SummaryDiff original={AI_SUMMARY} revised={{ ...AI_SUMMARY }} originalName="AI original" />);
    expect(screen.getByText('No differences from the AI original.')).toBeTruthy();
  });

  it('counts words, not characters, and treats a changed label as a change', () => {
    const sections = diffSummaries(AI_SUMMARY, { ...AI_SUMMARY, sentiment: { label: 'negative', score: -0.4 } });
    expect(sections.filter((s) => s.changed).map((s) => s.label)).toEqual(['Sentiment']);
    expect(diffStats(sections)).toEqual({ added: 1, removed: 1 });
  });

  it('compares the picked version with version 1 on the engagement page', async () => {
    const user = userEvent.setup();
    const detail = engagementDetail({
      versions: [
        { version: 1, source: 'ai', editedBy: null, createdAt: '2026-11-20T10:07:00.000Z', content: AI_SUMMARY },
        { version: 2, source: 'edit', editedBy: { id: 'u1', name: 'Alex Rivera' }, createdAt: '2026-11-20T10:09:00.000Z', content: EDITED },
      ],
    });
    detail.summary = { ...detail.summary!, currentVersion: 2, content: EDITED };
    renderApp(`/app/engagements/${detail.engagement.id}`, sessionFor('supervisor'), {
      [`GET /api/engagements/${detail.engagement.id}`]: detail,
      [`GET /api/engagements/${detail.engagement.id}/customer-history`]: { items: [] },
    });
    const history = await screen.findByRole('region', { name: 'Version history' });
    expect(within(history).getByRole('button', { name: /Version 2.*Edited by Alex Rivera/ }).getAttribute('aria-pressed')).toBe('true');
    expect(within(history).getAllByRole('insertion').map((el) => el.textContent).join(' ')).toContain('April');

    await user.click(within(history).getByRole('button', { name: /Version 1/ }));
    // The fixture's summary came from the offline summarizer, which is no AI.
    expect(within(history).getByText('Version 1 is the offline summary')).toBeTruthy();
    expect(within(history).queryByText(/AI original/)).toBeNull();
    expect(within(history).queryAllByRole('insertion')).toHaveLength(0);
  });

  it('calls version 1 the AI original when OpenAI wrote it', async () => {
    const detail = engagementDetail({
      versions: [
        { version: 1, source: 'ai', editedBy: null, createdAt: '2026-11-20T10:07:00.000Z', content: AI_SUMMARY },
        { version: 2, source: 'edit', editedBy: { id: 'u1', name: 'Alex Rivera' }, createdAt: '2026-11-20T10:09:00.000Z', content: EDITED },
      ],
    });
    detail.summary = { ...detail.summary!, currentVersion: 2, content: EDITED, provider: 'openai', model: 'gpt-4o-mini' };
    renderApp(`/app/engagements/${detail.engagement.id}`, sessionFor('supervisor'), {
      [`GET /api/engagements/${detail.engagement.id}`]: detail,
      [`GET /api/engagements/${detail.engagement.id}/customer-history`]: { items: [] },
    });
    const history = await screen.findByRole('region', { name: 'Version history' });
    expect(within(history).getByText('Version 2 compared with the AI original')).toBeTruthy();
    expect(within(history).getByRole('button', { name: /Version 1.*AI original/ })).toBeTruthy();
  });
});
