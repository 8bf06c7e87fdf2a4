import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Response } from 'express';
import { BehaviourQueue, type FakeOpenAiBehaviour } from './faults';
import { invalidApiKey, invalidRequest, rateLimited, sendOpenAiError, serverError } from './errors';
import { plainTextReply, replyFor } from './replies';
import { chatRequestSchema, messageText, strictSchemaProblem, type ChatRequest } from './request';
import { holdUnanswered, randomFailures, type RandomFailureOptions } from '../random-failures';

/**
 * A fake OpenAI API on 127.0.0.1 for tests, the demo and the simulator: POST /v1/chat/completions
 * and GET /v1/models with OpenAI's documented request and response shapes, status codes and error
 * bodies. A json_schema response format gets a schema-valid answer, built for our summary and notes
 * schemas by the offline summarizer from the conversation sent. Point the official SDK at it with
 * `new OpenAI({ apiKey: fake.apiKey, baseURL: fake.url })`. Faults are scripted per request.
 */

export type { FakeOpenAiBehaviour } from './faults';

export interface RecordedRequest {
  model: string;
  /** Message contents flattened to text. */
  messages: Array<{ role: string; content: string }>;
  response_format?: ChatRequest['response_format'];
  /** The body exactly as parsed from JSON. */
  body: unknown;
  receivedAt: number;
}

export interface FakeOpenAiOptions {
  /** Latency before every answer, so a test can act while a summary is being written. */
  delayMs?: number;
  /** Only these model names exist (404 model_not_found otherwise); any name when omitted. */
  models?: string[];
  /** What a 429 asks the client to wait (Retry-After, and retry-after-ms for sub-second waits). */
  retryAfterMs?: number;
  /** Fail this share of chat completions (seeded) with a 429, a 500 or 503, or no answer; after any scripted behaviours. */
  failures?: RandomFailureOptions;
}

export interface FakeOpenAi {
  /** Base URL including /v1, for the SDK's baseURL. */
  url: string;
  apiKey: string;
  /** Every authenticated chat completion request, in order (including ones answered with errors). */
  requests: RecordedRequest[];
  /** Chat completion requests received so far. */
  readonly callCount: number;
  /** Requests accepted and never answered (the 'hang' behaviour). */
  readonly hanging: number;
  lastRequestBodies(count?: number): unknown[];
  /** Queue behaviours for the next requests, in order; then it answers normally. */
  script(...behaviours: FakeOpenAiBehaviour[]): void;
  /** The next `count` requests get 429 (Retry-After), then success. */
  rateLimitNext(count: number): void;
  clearScript(): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const apiKey = `sk-fake-${randomBytes(12).toString('hex')}`;
  const retryAfterMs = options.retryAfterMs ?? 1000;
  const behaviours = new BehaviourQueue();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let completionCount = 0;
  const drawFailure = options.failures ? randomFailures(options.failures) : () => undefined;
  const randomBehaviour = (): FakeOpenAiBehaviour | undefined => {
    const failure = drawFailure();
    if (failure === 'rate_limit') return 'rate_limit';
    if (failure === 'server_error') return completionCount % 2 === 0 ? 'server_error' : 'overloaded';
    return failure === 'timeout' ? 'hang' : undefined;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '20mb' }));
  app.use((req, res, next) => {
    res.setHeader('openai-version', '2020-10-01');
    res.setHeader('x-request-id', `req_${randomBytes(12).toString('hex')}`);
    const authorization = req.header('authorization') ?? '';
    const key = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    if (key !== apiKey) return sendOpenAiError(res, 401, invalidApiKey(key));
    if (options.delayMs) return void setTimeout(next, options.delayMs);
    next();
  });

  app.get('/v1/models', (_req, res) => {
    const names = options.models ?? ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'];
    res.json({
      object: 'list',
      data: names.map((id) => ({ id, object: 'model', created: 1_715_367_049, owned_by: 'system' })),
    });
  });

  app.post('/v1/chat/completions', (req, res) => {
    completionCount += 1;
    const parsed = chatRequestSchema.safeParse(req.body);
    const raw = req.body as { model?: unknown; messages?: unknown };
    requests.push({
      model: typeof raw.model === 'string' ? raw.model : '',
      messages: parsed.success
        ? parsed.data.messages.map((message) => ({ role: message.role, content: messageText(message) }))
        : [],
      ...(parsed.success && parsed.data.response_format
        ? { response_format: parsed.data.response_format }
        : {}),
      body: req.body as unknown,
      receivedAt: Date.now(),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendOpenAiError(
        res,
        400,
        invalidRequest(`Invalid request: ${issue?.message ?? 'bad body'}`, issue?.path.join('.') || null),
      );
    }
    const body = parsed.data;
    if (body.stream)
      return sendOpenAiError(
        res,
        400,
        invalidRequest('This fake does not stream; send stream: false.', 'stream'),
      );
    if (options.models && !options.models.includes(body.model)) {
      return sendOpenAiError(res, 404, {
        message: `The model \`${body.model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      });
    }
    const format =
      body.response_format?.type === 'json_schema' ? body.response_format.json_schema : undefined;
    if (format?.strict) {
      const problem = strictSchemaProblem(format.schema);
      if (problem)
        return sendOpenAiError(
          res,
          400,
          invalidRequest(
            `Invalid schema for response_format '${format.name}': ${problem}`,
            'response_format',
          ),
        );
    }

    const behaviour = behaviours.next() ?? randomBehaviour();
    if (behaviour === 'rate_limit') {
      res.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      res.setHeader('retry-after-ms', String(retryAfterMs));
      res.setHeader('x-ratelimit-limit-requests', '500');
      res.setHeader('x-ratelimit-remaining-requests', '0');
      return sendOpenAiError(res, 429, rateLimited(body.model, retryAfterMs));
    }
    if (behaviour === 'server_error') return sendOpenAiError(res, 500, serverError());
    if (behaviour === 'overloaded')
      return sendOpenAiError(res, 503, {
        message: 'The engine is currently overloaded, please try again later.',
        type: 'server_error',
        code: 'overloaded',
      });
    if (behaviour === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      holdUnanswered(res, options.failures?.timeoutMs);
      return;
    }

    const system = body.messages
      .filter((message) => message.role === 'system' || message.role === 'developer')
      .map(messageText)
      .join('\n');
    const user = body.messages
      .filter((message) => message.role === 'user')
      .map(messageText)
      .join('\n');
    let content: string | null = format ? replyFor(format, system, user) : plainTextReply(user);
    let refusal: string | null = null;
    let finishReason = 'stop';
    if (behaviour === 'refusal') {
      content = null;
      refusal = "I'm sorry, but I can't help with that request.";
    } else if (behaviour === 'content_filter') {
      content = null;
      finishReason = 'content_filter';
    } else if (behaviour === 'not_json')
      content = 'Sure! Here is a summary of the call: the customer asked about a charge.';
    else if (behaviour === 'wrong_schema')
      content = JSON.stringify({ reason: 'A billing question.', keyPoints: 'one point' });
    else if (behaviour === 'unknown_category' && content)
      content = JSON.stringify({
        ...(JSON.parse(content) as Record<string, unknown>),
        category: 'Astrology',
      });
    else if (behaviour === 'truncated' && content) {
      content = content.slice(0, Math.floor(content.length / 2));
      finishReason = 'length';
    }
    sendCompletion(res, body, { content, refusal, finishReason });
  });

  app.use((req, res) => sendOpenAiError(res, 404, invalidRequest(`Invalid URL (${req.method} ${req.path})`)));
  const onError: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
    if (error.type === 'entity.parse.failed') {
      return sendOpenAiError(
        res,
        400,
        invalidRequest(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
        ),
      );
    }
    sendOpenAiError(res, 500, serverError());
  };
  app.use(onError);

  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    get callCount() {
      return completionCount;
    },
    get hanging() {
      return hanging.size;
    },
    lastRequestBodies: (count = 1) => requests.slice(-count).map((request) => request.body),
    script: (...next) => behaviours.push(...next),
    rateLimitNext: (count) => behaviours.repeat('rate_limit', count),
    clearScript: () => behaviours.clear(),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function sendCompletion(
  res: Response,
  body: ChatRequest,
  reply: { content: string | null; refusal: string | null; finishReason: string },
) {
  // Rough token counts (four characters a token), enough for usage and cost figures.
  const promptTokens =
    Math.ceil(body.messages.map(messageText).join('\n').length / 4) + 3 * body.messages.length;
  const completionTokens = Math.ceil((reply.content ?? reply.refusal ?? '').length / 4);
  res.json({
    id: `chatcmpl-${randomBytes(14).toString('base64url')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content, refusal: reply.refusal, annotations: [] },
        logprobs: null,
        finish_reason: reply.finishReason,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake_callrecap',
  });
}
