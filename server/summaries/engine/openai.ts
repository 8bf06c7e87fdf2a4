import OpenAI from 'openai';
import { z } from 'zod';
import { summaryContentSchema, type GeneratedSummary, type SummaryContent, type TokenUsage } from '../../contract/summary';
import { toE164 } from '../../crm/phone';
import { CHUNK_NOTES_PROMPT, PROMPT_VERSION, systemPrompt } from './prompt';
import { redactPii } from './redact';
import { parseTranscript, type Turn } from './transcript';
import { SummarizerError, type CategoryOption, type SummarizeInput, type Summarizer } from './types';

export interface OpenAiOptions {
  apiKey: string;
  baseUrl?: string;
  model?: string;
  /**
   * Per request. With maxRetries 2 the worst case is 3 × 40 s plus backoff, well inside the
   * engagement job's 300-second expiry.
   */
  timeoutMs?: number;
  maxRetries?: number;
  /** Transcripts above this many (estimated) tokens are summarized in chunks, then merged. */
  maxInputTokens?: number;
}

/** A rough, conservative count (about four characters a token for English). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

/** The structured-output schema: strict mode needs every field present, so "absent" is null. */
function responseSchema(categories: CategoryOption[]) {
  const names = categories.map((c) => c.name);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['reason', 'keyPoints', 'outcome', 'actionItems', 'sentiment', 'category', 'contact'],
    properties: {
      reason: { type: 'string' },
      keyPoints: { type: 'array', items: { type: 'string' } },
      outcome: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'detail'],
        properties: { status: { type: 'string', enum: ['resolved', 'unresolved', 'follow_up'] }, detail: { type: 'string' } },
      },
      actionItems: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['text', 'owner', 'due'],
          properties: {
            text: { type: 'string' },
            owner: { type: ['string', 'null'], enum: ['agent', 'customer', null] },
            due: { type: ['string', 'null'] },
          },
        },
      },
      sentiment: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'score'],
        properties: { label: { type: 'string', enum: ['positive', 'neutral', 'negative'] }, score: { type: 'number' } },
      },
      category: { type: 'string', enum: names },
      contact: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'phone'],
        properties: { email: { type: ['string', 'null'] }, phone: { type: ['string', 'null'] } },
      },
    },
  } as const;
}

const modelOutputSchema = summaryContentSchema.extend({
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
});

function transcriptText(turns: Turn[]): string {
  return turns.map((t) => `${t.role === 'agent' ? 'Agent' : t.role === 'customer' ? 'Customer' : t.speaker}: ${t.text}`).join('\n');
}

function chunk(turns: Turn[], maxTokens: number): string[] {
  const chunks: string[] = [];
  let current: Turn[] = [];
  let size = 0;
  for (const turn of turns) {
    const tokens = estimateTokens(turn.text) + 4;
    if (size + tokens > maxTokens && current.length > 0) {
      chunks.push(transcriptText(current));
      current = [];
      size = 0;
    }
    current.push(turn);
    size += tokens;
  }
  if (current.length) chunks.push(transcriptText(current));
  return chunks;
}

/** Placeholders the model copied back are swapped for the values kept aside before redaction. */
function restoreContact(raw: { email: string | null; phone: string | null }, kept: { emails: string[]; phones: string[] }): SummaryContent['contact'] {
  const pick = (value: string | null, label: string, list: string[]) => {
    const match = value ? new RegExp(`\\[${label}_(\\d+)\\]`).exec(value) : null;
    return match ? list[Number(match[1]) - 1] : value ?? undefined;
  };
  const email = pick(raw.email, 'EMAIL', kept.emails) ?? kept.emails[0];
  const phone = toE164(pick(raw.phone, 'PHONE', kept.phones) ?? kept.phones[0] ?? null);
  return { ...(email && z.string().email().safeParse(email).success ? { email } : {}), ...(phone ? { phone } : {}) };
}

export function createOpenAiSummarizer(options: OpenAiOptions): Summarizer {
  const model = options.model ?? 'gpt-4o-mini';
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? 40_000,
    maxRetries: options.maxRetries ?? 2,
  });
  const maxInputTokens = options.maxInputTokens ?? 24_000;

  async function complete(messages: OpenAI.ChatCompletionMessageParam[], format: OpenAI.ResponseFormatJSONSchema | null, signal?: AbortSignal) {
    try {
      const completion = await client.chat.completions.create(
        { model, messages, temperature: 0.1, ...(format ? { response_format: format } : {}) },
        { signal },
      );
      const choice = completion.choices[0];
      if (choice?.message.refusal) throw new SummarizerError(`The model refused: ${choice.message.refusal}`, 'refusal');
      const usage: TokenUsage = { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
      return { content: choice?.message.content ?? '', usage };
    } catch (error) {
      if (error instanceof SummarizerError) throw error;
      if (error instanceof OpenAI.APIConnectionTimeoutError) throw new SummarizerError('The AI provider timed out.', 'timeout', { cause: error });
      const message = error instanceof Error ? error.message : String(error);
      throw new SummarizerError(`The AI provider failed: ${message}`, 'provider_error', { cause: error });
    }
  }

  return {
    provider: 'openai',
    model,
    async summarize(input: SummarizeInput): Promise<GeneratedSummary> {
      const { turns } = parseTranscript(input.transcript, { agentNames: input.agentNames });
      const raw = transcriptText(turns);
      const redaction = input.redactPii ? redactPii(raw) : { text: raw, emails: [], phones: [] };
      const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
      let body = redaction.text;
      if (estimateTokens(body) > maxInputTokens) {
        // Map: notes per chunk, within the context window. Reduce: one summary from the notes.
        const parts = chunk(parseTranscript(redaction.text).turns, Math.floor(maxInputTokens * 0.8));
        const notes: string[] = [];
        for (const [index, part] of parts.entries()) {
          const result = await complete(
            [
              { role: 'system', content: CHUNK_NOTES_PROMPT },
              { role: 'user', content: `Part ${index + 1} of ${parts.length}:\n${part}` },
            ],
            null,
            input.signal,
          );
          usage.inputTokens += result.usage.inputTokens;
          usage.outputTokens += result.usage.outputTokens;
          notes.push(`Part ${index + 1}:\n${result.content}`);
        }
        body = `Notes taken while reading a long call, in order:\n\n${notes.join('\n\n')}`;
      }
      const result = await complete(
        [
          { role: 'system', content: systemPrompt(input.categories) },
          { role: 'user', content: body },
        ],
        { type: 'json_schema', json_schema: { name: 'call_summary', strict: true, schema: responseSchema(input.categories) as unknown as Record<string, unknown> } },
        input.signal,
      );
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      let json: unknown;
      try {
        json = JSON.parse(result.content);
      } catch {
        throw new SummarizerError('The AI returned text that is not JSON.', 'invalid_output');
      }
      const parsed = modelOutputSchema.safeParse(json);
      if (!parsed.success) {
        throw new SummarizerError(`The AI's summary does not match the schema: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`, 'invalid_output');
      }
      if (!input.categories.some((c) => c.name === parsed.data.category)) {
        throw new SummarizerError(`The AI chose an unknown category "${parsed.data.category}".`, 'invalid_output');
      }
      return {
        ...parsed.data,
        contact: restoreContact(parsed.data.contact, redaction),
        provider: 'openai',
        model,
        promptVersion: PROMPT_VERSION,
        usage,
      };
    },
  };
}
