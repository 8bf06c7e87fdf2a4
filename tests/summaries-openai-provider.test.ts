import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../server/contract/summary';
import { createSummarizer, SummarizerError } from '../server/summaries/engine';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';

let openai: FakeOpenAi;
const categories = DEFAULT_CATEGORIES.map((c) => ({ ...c }));
const transcript = [
  'Agent: Thank you for calling Acme billing, this is Priya. How can I help?',
  'Customer: Hi, I was charged twice for my March invoice, $49 each time.',
  'Customer: My email is dana.wright@example.com and my card ends 4242, number 4111 1111 1111 1111.',
  'Agent: I see the duplicate charge. I have issued a refund of $49 and I will email you the confirmation today.',
  'Customer: Perfect, thank you so much.',
].join('\n');

beforeAll(async () => {
  openai = await startFakeOpenAi();
});
afterAll(() => openai.close());
beforeEach(() => {
  openai.requests.length = 0;
});

const summarizer = (options: { timeoutMs?: number; maxRetries?: number; maxInputTokens?: number } = {}) =>
  createSummarizer({ openaiApiKey: openai.apiKey, openaiBaseUrl: openai.url, model: 'gpt-4o-mini', maxRetries: 0, ...options });

describe('the OpenAI provider (official SDK against a fake server over HTTP)', () => {
  it('asks for structured output against the schema and returns a valid summary', async () => {
    const summary = await summarizer().summarize({ transcript, categories, redactPii: true });
    expect(summary.provider).toBe('openai');
    expect(summary.model).toBe('gpt-4o-mini');
    expect(summary.promptVersion).toBe('summary-v1');
    expect(summary.category).toBe('Billing');
    expect(summary.usage.inputTokens).toBeGreaterThan(0);
    const format = openai.requests[0]!.response_format as { type: string; json_schema: { strict: boolean; schema: { properties: { category: { enum: string[] } } } } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.properties.category.enum).toEqual(categories.map((c) => c.name));
  });

  it('redacts PII before the transcript leaves, and restores the kept-aside contact', async () => {
    const summary = await summarizer().summarize({ transcript, categories, redactPii: true });
    const sent = JSON.stringify(openai.requests);
    expect(sent).not.toContain('dana.wright@example.com');
    expect(sent).not.toContain('4111 1111 1111 1111');
    expect(sent).toContain('[EMAIL_1]');
    expect(sent).toContain('[CARD]');
    expect(summary.contact.email).toBe('dana.wright@example.com');
  });

  it('turns a refusal into a clear error', async () => {
    openai.script('refusal');
    await expect(summarizer().summarize({ transcript, categories, redactPii: true })).rejects.toMatchObject({ kind: 'refusal' });
  });

  it('retries a 429 (honouring retry-after) and then succeeds', async () => {
    openai.script('rate_limit');
    const summary = await summarizer({ maxRetries: 2 }).summarize({ transcript, categories, redactPii: true });
    expect(summary.category).toBe('Billing');
    expect(openai.requests).toHaveLength(2);
  });

  it('gives up at its timeout instead of hanging the job', async () => {
    openai.script('hang');
    const started = Date.now();
    const attempt = summarizer({ timeoutMs: 500 }).summarize({ transcript, categories, redactPii: true });
    await expect(attempt).rejects.toBeInstanceOf(SummarizerError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects output that is not JSON, does not match the schema, or names an unknown category', async () => {
    for (const behaviour of ['not_json', 'wrong_schema', 'unknown_category'] as const) {
      openai.script(behaviour);
      await expect(summarizer().summarize({ transcript, categories, redactPii: true }), behaviour).rejects.toMatchObject({ kind: 'invalid_output' });
    }
  });

  it('summarizes a transcript longer than the context by chunks, then merges them into one summary', async () => {
    const long = Array.from({ length: 400 }, (_, i) =>
      i % 2 === 0 ? `Agent: Let me check the router log entry number ${i} for the outage on your account.` : `Customer: Okay, the internet keeps dropping every few minutes, entry ${i}.`,
    ).join('\n');
    const summary = await summarizer({ maxInputTokens: 2_000 }).summarize({ transcript: long, categories, redactPii: true });
    const chunkRequests = openai.requests.filter((r) => !r.response_format);
    expect(chunkRequests.length).toBeGreaterThan(3);
    expect(openai.requests.at(-1)!.response_format).toBeDefined();
    expect(summary.keyPoints.length).toBeGreaterThanOrEqual(2);
    expect(summary.usage.inputTokens).toBeGreaterThan(chunkRequests.length * 100);
  });
});
