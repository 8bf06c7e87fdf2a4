import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, generatedSummarySchema } from '../server/contract/summary';
import {
  createSummarizer,
  OFFLINE_MODEL,
  summarizeOffline,
  SummarizerError,
} from '../server/summaries/engine';
import { fixtureLabelSchema } from '../server/summaries/engine/evaluation/labels';
import { matchActionItems } from '../server/summaries/engine/evaluation/score';

/** Smoke checks on a few dev fixtures; `npm run eval` measures quality on all of them. */

const load = (name: string) => {
  const base = new URL(`./fixtures/transcripts/dev/${name}`, import.meta.url);
  const label = fixtureLabelSchema.parse(
    JSON.parse(readFileSync(new URL(base.href.replace(/\.(vtt|txt|json)$/, '.label.json')), 'utf8')),
  );
  return { transcript: readFileSync(base, 'utf8'), label };
};
const defaults = DEFAULT_CATEGORIES.map((category) => ({ ...category }));

function summarizeFixture(name: string, redactPii = true) {
  const { transcript, label } = load(name);
  const summary = summarizeOffline({
    transcript,
    categories: label.categories ?? defaults,
    ...(label.agentNames ? { agentNames: label.agentNames } : {}),
    redactPii,
  });
  return { summary, label };
}

describe('the offline summarizer', () => {
  it('is labelled as offline, uses no tokens, and fills the contract', async () => {
    const summarizer = createSummarizer();
    expect(summarizer.provider).toBe('local');
    const { transcript } = load('d01-billing-overcharge-refund.vtt');
    const summary = await summarizer.summarize({ transcript, categories: defaults, redactPii: true });
    expect(generatedSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      provider: 'local',
      model: OFFLINE_MODEL,
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(summary.keyPoints.length).toBeGreaterThanOrEqual(2);
    expect(summary.keyPoints.length).toBeLessThanOrEqual(6);
  });

  it('gets a billing call right: category, outcome, the promised receipt, the email', () => {
    const { summary } = summarizeFixture('d01-billing-overcharge-refund.vtt');
    expect(summary.category).toBe('Billing');
    expect(summary.outcome.status).toBe('resolved');
    expect(summary.sentiment.label).toBe('positive');
    expect(summary.actionItems.map((item) => [item.owner, item.due])).toEqual([['agent', 'today']]);
    expect(summary.contact).toEqual({ email: 'sarah.kline@example.com' });
  });

  it('sees a follow-up in a technician visit, dated, with the phone given', () => {
    const { summary, label } = summarizeFixture('d02-tech-technician-visit.vtt');
    expect(summary.category).toBe('Technical Support');
    expect(summary.outcome.status).toBe('follow_up');
    expect(summary.contact.phone).toBe('+14155550132');
    expect(
      matchActionItems(
        summary.actionItems.map((item) => item.text),
        label.actionItems,
      ),
    ).toBeGreaterThanOrEqual(1);
    // The learned detector finds the booked visit, not "make sure an adult is home" (README, action items).
    expect(summary.actionItems.find((item) => /technician/i.test(item.text))).toMatchObject({ owner: 'agent', due: 'for Thursday' });
  });

  it('does not make a declined offer an action item', () => {
    const { summary } = summarizeFixture('d14-tech-declines-protection-plan.txt');
    expect(summary.actionItems).toEqual([]);
    expect(summary.keyPoints.some((point) => point.startsWith('Customer declined an offer'))).toBe(true);
    expect(summary.outcome.status).toBe('resolved');
  });

  it('tells an unsolved technical problem and a frustrated customer', () => {
    const { summary } = summarizeFixture('d09-tech-email-sync-unresolved.vtt');
    expect(summary).toMatchObject({
      category: 'Technical Support',
      outcome: { status: 'unresolved' },
      sentiment: { label: 'negative' },
    });
  });

  it("classifies with the organization's own categories and their descriptions", () => {
    const { summary } = summarizeFixture('d10-property-maintenance-custom.vtt');
    expect(summary.category).toBe('Maintenance Request');
    const renamed = summarizeOffline({
      transcript: load('d10-property-maintenance-custom.vtt').transcript,
      categories: [
        { name: 'Repairs', description: 'Leaks, plumbing, heating' },
        { name: 'Money', description: 'Rent and deposits' },
      ],
      redactPii: true,
    });
    expect(renamed.category).toBe('Repairs');
  });

  it('reads spoken contact details, and keeps them out of the text when redacting', () => {
    const { summary } = summarizeFixture('d17-spoken-contact-update.vtt');
    expect(summary.contact).toEqual({ email: 'jane.doe@gmail.com', phone: '+14155550142' });
    const card = summarizeOffline({
      transcript:
        'Agent: Thanks for calling, how can I help?\nCustomer: Please charge my card 4111 1111 1111 1111, my email is al@example.com.',
      categories: defaults,
      redactPii: true,
    });
    expect(JSON.stringify(card)).not.toContain('4111');
    expect(card.contact.email).toBe('al@example.com');
  });

  it('is deterministic and fast, an hour-long call included', () => {
    const long = readFileSync(
      new URL('./fixtures/transcripts/heldout/h18-long-phone-system-onboarding.vtt', import.meta.url),
      'utf8',
    );
    const first = summarizeOffline({ transcript: long, categories: defaults, redactPii: true });
    const cpuStarted = process.cpuUsage();
    const second = summarizeOffline({ transcript: long, categories: defaults, redactPii: true });
    const cpu = process.cpuUsage(cpuStarted);
    expect(second).toEqual(first);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1_000);
  });

  it('drops a promise the agent later recaps as done, and keeps one the recap does not cover', () => {
    const call = (recap: string) =>
      summarizeOffline({
        transcript: [
          'Agent: Thanks for calling Northwind Phones, this is Sam. How can I help?',
          'Customer: We need the new phone system ready for Monday.',
          'Agent: Sure. I will set up the voicemail greeting for the main line this afternoon.',
          'Customer: Good. And the invoice?',
          'Agent: I will email you the invoice for the setup tomorrow.',
          `Agent: ${recap}`,
          'Customer: Great, thank you.',
        ].join('\n'),
        categories: defaults,
        agentNames: ['Agent'],
        redactPii: true,
      }).actionItems.map((item) => item.text.toLowerCase());
    const recapped = call('To recap, the voicemail greeting for the main line is set up and tested.');
    expect(recapped.some((text) => text.includes('voicemail'))).toBe(false);
    expect(recapped.some((text) => text.includes('invoice'))).toBe(true);
    const otherWork = call('To recap, the desk phones are registered.');
    expect(otherWork.some((text) => text.includes('voicemail'))).toBe(true);
  });

  it('writes emails and phones back into its own words, never card numbers', () => {
    const summary = summarizeOffline({
      transcript: [
        'Agent: Thanks for calling Acme Outdoor, this is Priya.',
        'Customer: Hi, my tent arrived with a torn rain fly and I want a replacement.',
        'Agent: Sorry about that. Could you email a photo of the tear to returns@acme-outdoor.com tonight?',
        "Customer: Sure, I'll email it tonight. I paid with 4242 4242 4242 4242 if that helps.",
        "Agent: Thanks. Once we have the photo I'll ship a new rain fly by Friday.",
        'Customer: Great, thank you so much!',
      ].join('\n'),
      categories: defaults,
      agentNames: ['Priya'],
      redactPii: true,
    });
    const words = JSON.stringify([summary.reason, summary.keyPoints, summary.outcome, summary.actionItems]);
    // Nothing of the offline summary leaves the machine; a placeholder would tell the agent nothing.
    expect(words).not.toMatch(/\[(?:EMAIL|PHONE)_\d+\]/);
    expect(summary.actionItems.map((item) => item.text)).toContain(
      'Email a photo of the tear to returns@acme-outdoor.com tonight',
    );
    expect(words).not.toContain('4242');
    expect(summary.actionItems.map((item) => item.text).join(' ')).toContain('the agent will ship');
  });

  it('turns an unreadable transcript into a SummarizerError', async () => {
    await expect(
      createSummarizer().summarize({ transcript: '  ', categories: defaults, redactPii: true }),
    ).rejects.toMatchObject({ kind: 'invalid_transcript' });
    await expect(
      createSummarizer().summarize({ transcript: '  ', categories: defaults, redactPii: true }),
    ).rejects.toBeInstanceOf(SummarizerError);
  });
});
