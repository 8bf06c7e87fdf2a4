import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, generatedSummarySchema } from '../server/contract/summary';
import {
  createSummarizer,
  estimateCostUsd,
  estimateTokens,
  PROMPT_VERSION,
  SummarizerError,
  type SummarizerOptions,
} from '../server/summaries/engine';
import { matchCategory } from '../server/summaries/engine/openai/reply';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';

let openai: FakeOpenAi;
const categories = DEFAULT_CATEGORIES.map((category) => ({ ...category }));
const transcript = [
  'Agent: Thank you for calling Acme billing, this is Priya. How can I help?',
  'Dana Wright: Hi, I was charged twice for my March invoice, 49 dollars each time.',
  'Dana Wright: My email is dana dot wright at example dot com, my cell is 415-555-0132, and the card is 4111 1111 1111 1111.',
  'Agent: Thanks Dana. For verification, your social security number?',
  'Dana Wright: 078-05-1120.',
  'Agent: I see the duplicate charge. I have issued a refund of 49 dollars and I will email you the confirmation today.',
  'Dana Wright: Perfect, thank you so much.',
].join('\n');
// The customer's name as a speaker label counts too (names said in passing are not redacted).
const SECRETS = [
  'Dana Wright',
  'wright at example',
  'dana.wright@example.com',
  '415-555-0132',
  '4111 1111 1111 1111',
  '078-05-1120',
];

beforeAll(async () => {
  openai = await startFakeOpenAi({ retryAfterMs: 50 });
});
afterAll(() => openai.close());
beforeEach(() => {
  openai.requests.length = 0;
  openai.clearScript();
});

const summarizer = (options: Partial<SummarizerOptions> = {}) =>
  createSummarizer({
    openaiApiKey: openai.apiKey,
    openaiBaseUrl: openai.url,
    model: 'gpt-4o-mini',
    maxRetries: 0,
    ...options,
  });
const summarize = (
  options: Partial<SummarizerOptions> = {},
  input: { redactPii?: boolean; signal?: AbortSignal } = {},
) =>
  summarizer(options).summarize({
    transcript,
    categories,
    redactPii: input.redactPii ?? true,
    ...(input.signal ? { signal: input.signal } : {}),
  });
const sentBodies = () => JSON.stringify(openai.requests.map((request) => request.body));

describe('the OpenAI provider (official SDK against the fake over HTTP)', () => {
  it("asks for strict structured output, with this organization's categories as the enum, and returns a valid summary", async () => {
    const summary = await summarize();
    expect(generatedSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      promptVersion: PROMPT_VERSION,
      category: 'Billing',
    });
    expect(summary.usage.inputTokens).toBeGreaterThan(100);
    expect(summary.usage.outputTokens).toBeGreaterThan(10);
    expect(estimateCostUsd(summary.model, summary.usage)).toBeGreaterThan(0);

    expect(openai.requests).toHaveLength(1);
    const body = openai.lastRequestBodies()[0] as {
      model: string;
      messages: Array<{ role: string }>;
      response_format: {
        type: string;
        json_schema: {
          name: string;
          strict: boolean;
          schema: { properties: { category: { enum: string[] } } };
        };
      };
    };
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'call_summary', strict: true });
    expect(body.response_format.json_schema.schema.properties.category.enum).toEqual(
      categories.map((category) => category.name),
    );
  });

  it('never sends personal data when redacting, and puts the kept-aside contact back', async () => {
    const summary = await summarize();
    const sent = sentBodies();
    for (const secret of SECRETS) expect(sent, secret).not.toContain(secret);
    for (const placeholder of ['[EMAIL_1]', '[PHONE_1]', '[CARD]', '[SSN]'])
      expect(sent).toContain(placeholder);
    expect(summary.contact).toEqual({ email: 'dana.wright@example.com', phone: '+14155550132' });
  });

  it('sends the words as spoken when redaction is off (so the check above can fail)', async () => {
    await summarize({}, { redactPii: false });
    expect(sentBodies()).toContain('4111 1111 1111 1111');
  });

  it('turns a refusal or a content filter into a clear, non-retryable error', async () => {
    openai.script('refusal');
    const refused = await summarize().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SummarizerError);
    expect(refused).toMatchObject({ kind: 'refusal', retryable: false });
    expect((refused as Error).message).toContain("can't help");
    openai.script('content_filter');
    await expect(summarize()).rejects.toMatchObject({ kind: 'refusal' });
  });

  it('retries 429s (honouring Retry-After) and then succeeds', async () => {
    openai.rateLimitNext(2);
    const summary = await summarize({ maxRetries: 2 });
    expect(summary.category).toBe('Billing');
    expect(openai.requests).toHaveLength(3);
  });

  it('reports rate limiting as retryable once the retries are spent', async () => {
    openai.rateLimitNext(3);
    await expect(summarize({ maxRetries: 2 })).rejects.toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    expect(openai.requests).toHaveLength(3);
  });

  it('retries a 500 and succeeds', async () => {
    openai.script('server_error');
    await expect(summarize({ maxRetries: 1 })).resolves.toMatchObject({ provider: 'openai' });
    expect(openai.requests).toHaveLength(2);
  });

  it('gives up on a hung request at its timeout, retries included, instead of hanging the job', async () => {
    openai.script('hang', 'hang');
    const started = Date.now();
    const error = await summarize({ timeoutMs: 300, maxRetries: 1 }).catch((caught: unknown) => caught);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(openai.requests).toHaveLength(2);
    // Two 300 ms attempts plus one backoff (at most about a second).
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('stops at the overall deadline even when one attempt may take longer', async () => {
    openai.script('hang');
    const started = Date.now();
    await expect(summarize({ timeoutMs: 60_000, deadlineMs: 400 })).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops when the caller aborts (a job being shut down)', async () => {
    openai.script('hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(summarize({ timeoutMs: 60_000 }, { signal: controller.signal })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('rejects output that is not JSON, breaks the schema, was cut off, or names an unknown category', async () => {
    for (const behaviour of ['not_json', 'wrong_schema', 'truncated', 'unknown_category'] as const) {
      openai.script(behaviour);
      const error = await summarize().catch((caught: unknown) => caught);
      expect(error, behaviour).toBeInstanceOf(SummarizerError);
      expect(error, behaviour).toMatchObject({ kind: 'invalid_output', retryable: false });
    }
  });

  it("maps a lenient server's category onto the organization's names, never inventing one", () => {
    expect(matchCategory('billing', categories)).toBe('Billing');
    expect(matchCategory('Technical support issue', categories)).toBe('Technical Support');
    expect(() => matchCategory('Astrology', categories)).toThrow(SummarizerError);
  });

  it('reports a wrong API key as an authentication error', async () => {
    await expect(
      createSummarizer({ openaiApiKey: 'sk-wrong', openaiBaseUrl: openai.url, maxRetries: 0 }).summarize({
        transcript,
        categories,
        redactPii: true,
      }),
    ).rejects.toMatchObject({
      kind: 'auth',
      retryable: false,
    });
  });

  it('summarizes an hour-long call in chunks within the context budget, then merges them into one summary', async () => {
    const long = readFileSync(
      new URL('./fixtures/transcripts/heldout/h18-long-phone-system-onboarding.vtt', import.meta.url),
      'utf8',
    );
    const maxInputTokens = 1_500;
    const summary = await summarizer({ maxInputTokens }).summarize({
      transcript: long,
      categories,
      agentNames: ['Sam Whitaker'],
      redactPii: true,
    });

    const formats = openai.requests.map((request) =>
      request.response_format?.type === 'json_schema' ? request.response_format.json_schema.name : 'none',
    );
    expect(formats.filter((name) => name === 'call_notes').length).toBeGreaterThanOrEqual(5);
    expect(formats.at(-1)).toBe('call_summary');
    expect(formats.filter((name) => name === 'call_summary')).toHaveLength(1);
    for (const request of openai.requests.slice(0, -1)) {
      const user = request.messages.find((message) => message.role === 'user')!.content;
      expect(estimateTokens(user)).toBeLessThanOrEqual(maxInputTokens + 20);
    }
    // The reduce step reads notes, not the transcript.
    expect(openai.requests.at(-1)!.messages[1]!.content).toMatch(/^Notes on the \d+ consecutive parts/);
    expect(generatedSummarySchema.parse(summary)).toEqual(summary);
    expect(summary.usage.inputTokens).toBeGreaterThan(formats.length * 300);
    expect(sentBodies()).not.toContain('portersupply');
    expect(summary.contact.email).toBe('denise.porter@portersupply.com');
  });
});

describe('cost estimate', () => {
  it('prices known models per million tokens, dated names by their family, and others at zero', () => {
    expect(estimateCostUsd('gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(
      0.75,
    );
    expect(estimateCostUsd('gpt-4o-mini-2024-07-18', { inputTokens: 2_000, outputTokens: 500 })).toBeCloseTo(
      0.0006,
    );
    expect(estimateCostUsd('gpt-4o', { inputTokens: 1_000, outputTokens: 1_000 })).toBeCloseTo(0.0125);
    expect(estimateCostUsd('llama3.1:8b', { inputTokens: 5_000, outputTokens: 5_000 })).toBe(0);
    expect(estimateCostUsd('callrecap-offline-1', { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});
