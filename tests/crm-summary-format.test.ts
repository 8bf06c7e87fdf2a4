import { describe, expect, it } from 'vitest';
import type { SummaryContent } from '../server/contract/summary';
import { formatSummaryHtml, formatSummaryText, truncateLine } from '../server/crm/format';

/** The approved summary as CRM note text: same sections in both CRMs, escaped, within the field limit. */

const summary: SummaryContent = {
  reason: 'Card declined <b>twice</b> & "urgent"',
  keyPoints: ["Customer's card expired", 'Updated card on file'],
  outcome: { status: 'follow_up', detail: 'Confirm the retry succeeded' },
  actionItems: [
    { text: 'Retry the payment', owner: 'agent', due: 'tomorrow' },
    { text: 'Check bank app', owner: 'customer', due: null },
    { text: 'Note on account', owner: null, due: null },
  ],
  sentiment: { label: 'negative', score: -0.35 },
  category: 'Billing',
  contact: {},
};

describe('summary formatting for CRMs', () => {
  it('renders HubSpot notes as simple HTML with every user string escaped', () => {
    expect(formatSummaryHtml(summary, { agentName: 'Ana <Ops>' })).toBe(
      '<p><strong>Reason:</strong> Card declined &lt;b&gt;twice&lt;/b&gt; &amp; &quot;urgent&quot;</p>' +
        '<p><strong>Key points:</strong></p><ul><li>Customer&#39;s card expired</li><li>Updated card on file</li></ul>' +
        '<p><strong>Outcome:</strong> Follow-up needed. Confirm the retry succeeded</p>' +
        '<p><strong>Action items:</strong></p><ul><li>Agent: Retry the payment (due tomorrow)</li><li>Customer: Check bank app</li><li>Note on account</li></ul>' +
        '<p><strong>Sentiment:</strong> Negative (-0.35)</p>' +
        '<p><strong>Category:</strong> Billing</p>' +
        '<p><strong>Agent:</strong> Ana &lt;Ops&gt;</p>' +
        '<p><em>Summarized by CallRecap</em></p>',
    );
  });

  it('renders Salesforce descriptions as plain text, unescaped', () => {
    const text = formatSummaryText(summary);
    expect(text).toContain('Reason: Card declined <b>twice</b> & "urgent"');
    expect(text).toContain('Action items:\n- Agent: Retry the payment (due tomorrow)\n- Customer: Check bank app\n- Note on account');
    expect(text).not.toContain('Agent: Ana');
    expect(text.endsWith('-- Summarized by CallRecap')).toBe(true);
  });

  it('says "None" when there are no action items', () => {
    expect(formatSummaryText({ ...summary, actionItems: [] })).toContain('Action items: None');
  });

  it('drops whole items to fit the field, keeps the markup whole and says it was shortened', () => {
    const long = { ...summary, actionItems: Array.from({ length: 20 }, (_, i) => ({ text: `${'&'.repeat(400)} item ${i}`, owner: null, due: null })) };
    const html = formatSummaryHtml(long, { maxChars: 12_000 });
    expect(html.length).toBeLessThanOrEqual(12_000);
    expect(html).toContain('(Shortened to fit the CRM field.)');
    expect(html.endsWith('<p><em>Summarized by CallRecap</em></p>')).toBe(true);
    expect(html.split('<ul>').length).toBe(html.split('</ul>').length);
    expect(html).toContain('item 0');
    expect(html).not.toContain('item 19');

    const text = formatSummaryText(long, { maxChars: 2_000 });
    expect(text.length).toBeLessThanOrEqual(2_000);
    expect(text).toContain('(Shortened to fit the CRM field.)');
  });

  it('fits every summary the schema allows into a Salesforce description', () => {
    const biggest: SummaryContent = {
      reason: 'r'.repeat(500),
      keyPoints: Array.from({ length: 6 }, () => 'k'.repeat(500)),
      outcome: { status: 'unresolved', detail: 'd'.repeat(1000) },
      actionItems: Array.from({ length: 20 }, () => ({ text: 'a'.repeat(500), owner: 'customer' as const, due: 'x'.repeat(100) })),
      sentiment: { label: 'neutral', score: 0 },
      category: 'c'.repeat(100),
      contact: {},
    };
    const text = formatSummaryText(biggest);
    expect(text.length).toBeLessThanOrEqual(32_000);
    expect(text).not.toContain('Shortened');
  });

  it('cuts one-line titles to the field limit', () => {
    expect(truncateLine('Inbound   call:\nrefund', 255)).toBe('Inbound call: refund');
    expect(truncateLine('x'.repeat(300), 255)).toHaveLength(255);
    expect(truncateLine('x'.repeat(300), 255).endsWith('…')).toBe(true);
  });
});
