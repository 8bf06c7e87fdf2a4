import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { summarizeOffline } from '../../../server/summaries/engine';

/**
 * A fake OpenAI Chat Completions API on 127.0.0.1, following the documented request and response
 * shapes and error bodies. For a json_schema response format it answers with a schema-valid
 * summary (built by the offline summarizer from the transcript in the request), so the demo reads
 * like a real one. Tests script failures: refusal, 429 with retry-after, 500, hang, malformed output.
 */
export type FakeOpenAiBehaviour = 'refusal' | 'rate_limit' | 'server_error' | 'hang' | 'not_json' | 'wrong_schema' | 'unknown_category';

export interface FakeOpenAi {
  url: string;
  apiKey: string;
  requests: Array<{ model: string; messages: Array<{ role: string; content: string }>; response_format?: unknown; receivedAt: number }>;
  /** Queue behaviours for the next requests, in order; then it answers normally. */
  script(...behaviours: FakeOpenAiBehaviour[]): void;
  close(): Promise<void>;
}

interface ChatRequest {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { schema?: { properties?: { category?: { enum?: string[] } } } } };
}

function error(res: express.Response, status: number, type: string, message: string, code: string | null) {
  res.status(status).json({ error: { message, type, param: null, code } });
}

export async function startFakeOpenAi(options: { delayMs?: number } = {}): Promise<FakeOpenAi> {
  const apiKey = `sk-fake-${randomBytes(12).toString('hex')}`;
  const queue: FakeOpenAiBehaviour[] = [];
  const requests: FakeOpenAi['requests'] = [];
  const hanging = new Set<express.Response>();
  const app = express();
  app.use(express.json({ limit: '20mb' }));

  // Optional latency, so a test can kill a worker while a summary is being written.
  if (options.delayMs) app.use((_req, _res, next) => void setTimeout(next, options.delayMs));
  app.post('/v1/chat/completions', (req, res) => {
    if (req.header('authorization') !== `Bearer ${apiKey}`) return error(res, 401, 'invalid_request_error', 'Incorrect API key provided.', 'invalid_api_key');
    const body = req.body as ChatRequest;
    if (!body.model || !Array.isArray(body.messages)) return error(res, 400, 'invalid_request_error', "'model' and 'messages' are required.", null);
    requests.push({ model: body.model, messages: body.messages, response_format: body.response_format, receivedAt: Date.now() });
    const behaviour = queue.shift();
    if (behaviour === 'rate_limit') {
      res.setHeader('retry-after', '1');
      return error(res, 429, 'requests', 'Rate limit reached for requests. Please try again in 1s.', 'rate_limit_exceeded');
    }
    if (behaviour === 'server_error') return error(res, 500, 'server_error', 'The server had an error while processing your request.', null);
    if (behaviour === 'hang') {
      hanging.add(res);
      return;
    }
    const userText = body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
    let content: string | null = null;
    let refusal: string | null = null;
    if (behaviour === 'refusal') refusal = "I'm sorry, I can't help with that request.";
    else if (behaviour === 'not_json') content = 'Here is your summary: the customer called about billing.';
    else if (behaviour === 'wrong_schema') content = JSON.stringify({ reason: 'Billing', keyPoints: ['only one'] });
    else if (body.response_format?.type === 'json_schema') {
      const categories = body.response_format.json_schema?.schema?.properties?.category?.enum ?? ['General Inquiry'];
      const transcript = userText.startsWith('Notes taken') ? userText.replace(/^Notes taken[^\n]*\n+/, '').replace(/^Part \d+:$/gm, '') : userText;
      let summary;
      try {
        summary = summarizeOffline({ transcript: transcript.includes(':') ? transcript : `Customer: ${transcript}`, categories: categories.map((name) => ({ name, description: '' })), redactPii: false });
      } catch {
        summary = summarizeOffline({ transcript: 'Customer: I have a question about my account.', categories: categories.map((name) => ({ name, description: '' })), redactPii: false });
      }
      const category = behaviour === 'unknown_category' ? 'Astrology' : summary.category;
      content = JSON.stringify({ ...summary, category, contact: { email: summary.contact.email ?? null, phone: summary.contact.phone ?? null } });
    } else {
      content = `- ${userText.split('\n').filter((l) => l.includes(':')).slice(0, 5).join('\n- ')}`;
    }
    const completionTokens = Math.ceil((content ?? refusal ?? '').length / 4);
    res.json({
      id: `chatcmpl-${randomBytes(12).toString('hex')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  });

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
