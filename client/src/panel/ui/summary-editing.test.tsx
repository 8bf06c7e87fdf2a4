import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useReducer, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngagementDetail } from '../../../../server/contract/api';
import type { SummaryContent } from '../../../../server/contract/summary';
import { ApiRequestError } from '../../shared/api';
import { SummaryEditor } from '../../shared/summary/SummaryEditor';
import type { FieldErrors } from '../../shared/summary/summary-validation';
import type { PanelApi } from '../api/panel-api';
import {
  activeEntry,
  panelReducer,
  type PanelAction,
  type PanelState,
} from '../engagements/engagement-state';
import { CONTENT, detailFixture } from '../test-fixtures';
import { SummarySection } from './SummarySection';

afterEach(cleanup);

const CATEGORIES = ['Billing', 'Technical Support', 'Complaint'];

function EditorHarness({
  initial,
  onContent,
  errors = {},
}: {
  initial: SummaryContent;
  onContent: (content: SummaryContent) => void;
  errors?: FieldErrors;
}) {
  const [value, setValue] = useState(initial);
  return (
    <SummaryEditor
      value={value}
      onChange={(next) => {
        setValue(next);
        onContent(next);
      }}
      errors={errors}
      categories={CATEGORIES}
      idPrefix="t"
    />
  );
}

function renderEditor(initial: SummaryContent = CONTENT, errors?: FieldErrors) {
  const seen: SummaryContent[] = [];
  render(<EditorHarness initial={initial} onContent={(c) => seen.push(c)} errors={errors} />);
  return { last: () => seen[seen.length - 1]! };
}

describe('the summary editor', () => {
  it('edits the reason, outcome, category and sentiment in place', async () => {
    const user = userEvent.setup();
    const { last } = renderEditor();
    const reason = screen.getByLabelText('Reason for the call');
    await user.clear(reason);
    await user.type(reason, 'Refund request');
    await user.click(screen.getByRole('radio', { name: 'Follow-up needed' }));
    await user.clear(screen.getByLabelText('Outcome detail'));
    await user.type(screen.getByLabelText('Outcome detail'), 'Waiting for the bank');
    await user.selectOptions(screen.getByLabelText('Category'), 'Complaint');
    await user.click(screen.getByRole('radio', { name: 'Negative' }));
    expect(last()).toMatchObject({
      reason: 'Refund request',
      outcome: { status: 'follow_up', detail: 'Waiting for the bank' },
      category: 'Complaint',
      sentiment: { label: 'negative' },
    });
    // A hand-picked label gets a score on the same side (the schema stores both).
    expect(last().sentiment.score).toBeLessThan(0);
  });

  it('adds and removes key points within the 2–6 the schema allows, moving focus with them', async () => {
    const user = userEvent.setup();
    const { last } = renderEditor();
    await user.click(screen.getByRole('button', { name: '+ Add key point' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Key point 4'));
    await user.keyboard('Customer prefers email');
    expect(last().keyPoints).toEqual([...CONTENT.keyPoints, 'Customer prefers email']);
    await user.click(screen.getByRole('button', { name: 'Remove key point 1' }));
    await user.click(screen.getByRole('button', { name: 'Remove key point 1' }));
    expect(last().keyPoints).toEqual([CONTENT.keyPoints[2], 'Customer prefers email']);
    expect(screen.getByRole('button', { name: 'Remove key point 1' }).hasAttribute('disabled')).toBe(true);
    for (let i = 0; i < 4; i++) await user.click(screen.getByRole('button', { name: '+ Add key point' }));
    expect(screen.getByRole('button', { name: '+ Add key point' }).hasAttribute('disabled')).toBe(true);
  });

  it('adds, reorders and removes action items with owner and due date', async () => {
    const user = userEvent.setup();
    const { last } = renderEditor();
    await user.click(screen.getByRole('button', { name: '+ Add action item' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Action item 3'));
    await user.keyboard('Call back on Monday');
    await user.selectOptions(screen.getByLabelText('Action item 3 owner'), 'customer');
    await user.type(screen.getByLabelText('Action item 3 due'), 'Monday');
    expect(last().actionItems[2]).toEqual({ text: 'Call back on Monday', owner: 'customer', due: 'Monday' });

    await user.click(screen.getByRole('button', { name: 'Move action item 3 up' }));
    expect(last().actionItems.map((a) => a.text)).toEqual([
      CONTENT.actionItems[0]!.text,
      'Call back on Monday',
      CONTENT.actionItems[1]!.text,
    ]);
    // Focus follows the moved item, so pressing again keeps moving the same one.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move action item 2 up' }));
    await user.keyboard('{Enter}');
    expect(last().actionItems[0]!.text).toBe('Call back on Monday');
    expect(screen.getByRole('button', { name: 'Move action item 1 up' }).hasAttribute('disabled')).toBe(true);

    await user.selectOptions(screen.getByLabelText('Action item 2 owner'), '');
    expect(last().actionItems[1]!.owner).toBeNull();
    await user.clear(screen.getByLabelText('Action item 2 due'));
    expect(last().actionItems[1]!.due).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Remove action item 3' }));
    await user.click(screen.getByRole('button', { name: 'Remove action item 1' }));
    await user.click(screen.getByRole('button', { name: 'Remove action item 1' }));
    expect(last().actionItems).toEqual([]);
    expect(screen.getByText('No follow-up actions.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '+ Add action item' }));
  });

  it('shows field errors next to their fields, linked for assistive technology', () => {
    renderEditor(CONTENT, {
      reason: 'Say why the customer called.',
      'actionItems.1.text': 'Describe the action or remove it.',
    });
    const reason = screen.getByLabelText('Reason for the call');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(reason.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Say why the customer called.',
    );
    const item = screen.getByLabelText('Action item 2');
    expect(document.getElementById(item.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Describe the action or remove it.',
    );
  });

  it('keeps a category the organization has since removed selectable', () => {
    renderEditor({ ...CONTENT, category: 'Legacy Category' });
    const select = screen.getByLabelText<HTMLSelectElement>('Category');
    expect(select.value).toBe('Legacy Category');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Legacy Category', ...CATEGORIES]);
  });
});

/** A PanelApi that records calls and answers as the server would. */
function fakeApi(detail: EngagementDetail, behaviour: { saveConflict?: boolean } = {}) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  let current = detail;
  const api: PanelApi = {
    engagementByZoomId: () => Promise.resolve(current),
    engagement: (...args) => {
      calls.push({ method: 'engagement', args });
      return Promise.resolve(current);
    },
    customerHistory: () => Promise.resolve([]),
    categories: () => Promise.resolve([]),
    saveSummary: (...args) => {
      calls.push({ method: 'saveSummary', args });
      if (behaviour.saveConflict) {
        current = detailFixture({
          currentVersion: 2,
          content: { ...CONTENT, reason: 'Saved by a supervisor' },
          updatedAt: '2026-03-03T15:00:00.000Z',
        });
        return Promise.reject(
          new ApiRequestError(409, 'conflict', 'Someone saved version 2 while you were editing version 1.'),
        );
      }
      const content = args[1].content;
      current = detailFixture({
        currentVersion: args[1].baseVersion + 1,
        content,
        updatedAt: '2026-03-03T15:00:00.000Z',
        versions: [
          {
            version: args[1].baseVersion + 1,
            source: 'edit',
            editedBy: { id: 'a1', name: 'Alex Rivera' },
            createdAt: '2026-03-03T15:00:00.000Z',
            content,
          },
        ],
      });
      return Promise.resolve(current);
    },
    approveSummary: (...args) => {
      calls.push({ method: 'approveSummary', args });
      current = {
        ...current,
        summary: {
          ...current.summary!,
          approvedAt: '2026-03-03T15:01:00.000Z',
          approvedBy: { id: 'a1', name: 'Alex Rivera' },
          crmSyncState: 'queued',
          updatedAt: '2026-03-03T15:01:00.000Z',
        },
      };
      return Promise.resolve(current);
    },
    retryCrmSync: () => Promise.resolve(),
    startInClientSignIn: () => Promise.reject(new Error('not used')),
    completeInClientSignIn: () => Promise.reject(new Error('not used')),
  };
  return { api, calls };
}

function SectionHarness({ api, initial }: { api: PanelApi; initial: PanelState }) {
  const [state, dispatch] = useReducer(panelReducer, initial);
  const entry = activeEntry(state)!;
  const detail = entry.detail!;
  return (
    <>
      {entry.notice && <p data-testid="notice">{entry.notice.text}</p>}
      <SummarySection
        entry={{ ...entry, detail }}
        content={detail.summary!.content!}
        categories={{ names: CATEGORIES, fallback: false }}
        api={api}
        dispatch={dispatch}
        openUrl={() => undefined}
      />
    </>
  );
}

function stateWith(detail: EngagementDetail): PanelState {
  return [
    {
      type: 'engagement/switched',
      context: {
        engagementId: 'zcc-eng-1',
        startedAt: null,
        acceptedAt: null,
        queueName: null,
        transferredFrom: null,
      },
    },
    { type: 'lookup/finished', zoomId: 'zcc-eng-1', detail },
  ].reduce((s, a) => panelReducer(s, a as PanelAction), {
    activeZoomId: null,
    order: [],
    engagements: {},
  } as PanelState);
}

describe('saving and approving a summary', () => {
  it('validates with the shared schema before saving and sends nothing while invalid', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(detailFixture());
    render(<SectionHarness api={api} initial={stateWith(detailFixture())} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.clear(screen.getByLabelText('Reason for the call'));
    await user.click(screen.getByRole('button', { name: '+ Add action item' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Say why the customer called.')).toBeTruthy();
    expect(screen.getByText('Describe the action or remove it.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'saveSummary')).toEqual([]);
    // Fixing a field clears its error as the agent types.
    await user.type(screen.getByLabelText('Reason for the call'), 'Refund request');
    expect(screen.queryByText('Say why the customer called.')).toBeNull();
    expect(screen.getByText('Describe the action or remove it.')).toBeTruthy();
  });

  it('saves a new version on top of the one it was based on and shows who edited it', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(detailFixture());
    render(<SectionHarness api={api} initial={stateWith(detailFixture())} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.clear(screen.getByLabelText('Reason for the call'));
    await user.type(screen.getByLabelText('Reason for the call'), 'Customer was double charged');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Edited by Alex Rivera at/)).toBeTruthy();
    const save = calls.find((c) => c.method === 'saveSummary')!;
    expect(save.args[0]).toBe('0b6f7c1e-3c1a-4d2e-9a51-6f1d2c3b4a59');
    expect(save.args[1]).toEqual({
      baseVersion: 1,
      content: { ...CONTENT, reason: 'Customer was double charged' },
    });
    expect(screen.getByTestId('notice').textContent).toBe('Saved as version 2.');
    expect(screen.getByText('Customer was double charged')).toBeTruthy();
  });

  it('on a conflict, reloads the newer version and says the edit was not saved', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(detailFixture(), { saveConflict: true });
    render(<SectionHarness api={api} initial={stateWith(detailFixture())} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByLabelText('Reason for the call'), ' (mine)');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved by a supervisor')).toBeTruthy();
    expect(screen.getByTestId('notice').textContent).toMatch(/Someone else saved a newer version/);
    expect(calls.map((c) => c.method)).toEqual(['saveSummary', 'engagement']);
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
  });

  it('approves with Ctrl+Enter, saving pending edits first', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi(detailFixture());
    render(<SectionHarness api={api} initial={stateWith(detailFixture())} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByLabelText('Reason for the call'), '!');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
      await Promise.resolve();
    });
    expect(await screen.findByText(/Approved by Alex Rivera/)).toBeTruthy();
    expect(calls.map((c) => c.method)).toEqual(['saveSummary', 'approveSummary']);
    expect(calls[1]!.args).toEqual(['0b6f7c1e-3c1a-4d2e-9a51-6f1d2c3b4a59', 2]);
    expect(await screen.findByText(/Sending to/)).toBeTruthy();
  });

  it('offers approval as a keyboard-reachable button that names its shortcut', () => {
    const { api } = fakeApi(detailFixture());
    render(<SectionHarness api={api} initial={stateWith(detailFixture())} />);
    const approve = screen.getByRole('button', { name: /Approve summary/ });
    expect(approve.getAttribute('aria-keyshortcuts')).toContain('Control+Enter');
    approve.focus();
    expect(document.activeElement).toBe(approve);
  });
});
