import { zodResponseFormat } from 'openai/helpers/zod';
import type { GeneratedSummary, TokenUsage } from '../../../contract/summary';
import { SummarizerError } from '../errors';
import { findContact } from '../offline/contact';
import { createRedactor } from '../pii/redact';
import { TranscriptParseError } from '../transcript/errors';
import { parseTranscript } from '../transcript/parse';
import { checkedInput } from '../input';
import type { SummarizeInput, Summarizer, TranscriptTurn } from '../types';
import { chunkLines, estimateTokens, renderTurns } from './chunking';
import { createChatClient } from './client';
import { notesSystemPrompt, PROMPT_VERSION, summarySystemPrompt } from './prompt';
import { buildSummary, parseJsonReply } from './reply';
import { chunkNotesSchema, summaryOutputSchema, summaryReplySchema, type ChunkNotes } from './schema';
import { OPENAI_DEFAULTS } from './defaults';

export { OPENAI_DEFAULTS };

export interface OpenAiSummarizerOptions {
  apiKey: string;
  /** Any OpenAI-compatible server: Ollama (http://localhost:11434/v1), vLLM, Azure's /openai/v1/. */
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
  deadlineMs?: number;
  maxInputTokens?: number;
  concurrency?: number;
}

function addUsage(total: TokenUsage, more: TokenUsage) {
  total.inputTokens += more.inputTokens;
  total.outputTokens += more.outputTokens;
}

async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

function renderNotes(notes: readonly ChunkNotes[]): string {
  const parts = notes.map((note, index) => {
    const lines = [`Part ${index + 1} of ${notes.length}`];
    if (note.customerIssue.trim()) lines.push(`Customer issue: ${note.customerIssue}`);
    if (note.keyPoints.length) lines.push('Key points:', ...note.keyPoints.map((point) => `- ${point}`));
    if (note.actionItems.length)
      lines.push(
        'Promised:',
        ...note.actionItems.map(
          (item) => `- (${item.owner ?? 'unknown'}) ${item.text}${item.due ? `; due: ${item.due}` : ''}`,
        ),
      );
    lines.push(`Contact given: email ${note.contact.email ?? 'none'}; phone ${note.contact.phone ?? 'none'}`);
    lines.push(`Customer mood at the end of this part: ${note.customerMood}`);
    return lines.join('\n');
  });
  return `Notes on the ${notes.length} consecutive parts of one long conversation, in order.\n\n${parts.join('\n\n')}`;
}

export function createOpenAiSummarizer(options: OpenAiSummarizerOptions): Summarizer {
  const model = options.model ?? OPENAI_DEFAULTS.model;
  const deadlineMs = options.deadlineMs ?? OPENAI_DEFAULTS.deadlineMs;
  const maxInputTokens = options.maxInputTokens ?? OPENAI_DEFAULTS.maxInputTokens;
  const concurrency = options.concurrency ?? OPENAI_DEFAULTS.concurrency;
  const client = createChatClient({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    timeoutMs: options.timeoutMs ?? OPENAI_DEFAULTS.timeoutMs,
    maxRetries: options.maxRetries ?? OPENAI_DEFAULTS.maxRetries,
  });
  const notesFormat = zodResponseFormat(chunkNotesSchema, 'call_notes');

  return {
    provider: 'openai',
    model,
    async summarize(rawInput: SummarizeInput): Promise<GeneratedSummary> {
      const input = checkedInput(rawInput);
      const categories = input.categories;
      let turns: TranscriptTurn[];
      try {
        turns = parseTranscript(input.transcript, { agentNames: input.agentNames }).turns;
      } catch (error) {
        if (error instanceof TranscriptParseError)
          throw new SummarizerError(error.message, 'invalid_transcript', { cause: error });
        throw error;
      }
      const names = categories.map((category) => category.name) as [string, ...string[]];

      // Redaction happens here, before any text is put into a request.
      const redactor = createRedactor();
      const findings = turns.map((turn) => redactor.redactWithFindings(turn.text));
      const fallbackContact = findContact(turns, findings);
      const outgoing = input.redactPii
        ? turns.map((turn, index) => ({ ...turn, text: findings[index]?.text ?? '' }))
        : turns;
      const lines = renderTurns(outgoing, { withCustomerNames: !input.redactPii });

      const deadline = AbortSignal.timeout(deadlineMs);
      const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
      if (input.signal?.aborted) throw new SummarizerError('Summarizing was cancelled.', 'aborted');
      const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };

      let body = `Conversation:\n${lines.join('\n')}`;
      if (estimateTokens(body) > maxInputTokens) {
        // Map: notes per chunk, each within the context window. Reduce: one summary from the notes.
        const chunks = chunkLines(lines, maxInputTokens);
        const notes = await mapWithLimit(chunks, concurrency, async (chunk, index) => {
          const reply = await client.completeStructured({
            model,
            system: notesSystemPrompt(),
            user: `Part ${index + 1} of ${chunks.length}:\n${chunk.join('\n')}`,
            responseFormat: notesFormat,
            signal,
            deadline,
          });
          addUsage(usage, reply.usage);
          return parseJsonReply(reply.content, chunkNotesSchema, `notes for part ${index + 1}`);
        });
        body = renderNotes(notes);
      }

      const reply = await client.completeStructured({
        model,
        system: summarySystemPrompt(categories),
        user: body,
        responseFormat: zodResponseFormat(summaryOutputSchema(names), 'call_summary'),
        signal,
        deadline,
      });
      addUsage(usage, reply.usage);
      return buildSummary({
        reply: parseJsonReply(reply.content, summaryReplySchema, 'summary'),
        categories,
        redactor,
        fallbackContact,
        model,
        promptVersion: PROMPT_VERSION,
        usage,
      });
    },
  };
}
