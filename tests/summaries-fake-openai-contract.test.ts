import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';

/** The fake answers like OpenAI's documented API, so the demo and the provider tests mean something. */

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi({ retryAfterMs: 1500 });
});
afterAll(() => fake.close());

const post = (path: string, body: unknown, key = fake.apiKey) =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the fake OpenAI API', () => {
  it('answers a chat completion in the documented shape', async () => {
    const client = new OpenAI({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Customer: my invoice is wrong' }],
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', refusal: null } }],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.usage!.total_tokens).toBe(
      completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
    );
    expect(typeof completion.choices[0]!.message.content).toBe('string');
  });

  it('answers errors with { error: { message, type, param, code } } and the right status', async () => {
    const unauthorized = await post(
      '/chat/completions',
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      'sk-nope',
    );
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({
      error: {
        message: expect.stringContaining('Incorrect API key') as unknown,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });

    const bad = await post('/chat/completions', { model: 'gpt-4o-mini' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string; param: string } }).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'messages',
    });

    const notFound = await post('/nowhere', {});
    expect(notFound.status).toBe(404);

    fake.script('rate_limit');
    const limited = await post('/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');

    fake.script('server_error');
    expect(
      (await post('/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }))
        .status,
    ).toBe(500);
  });

  it('rejects a strict JSON schema that OpenAI would reject', async () => {
    const response = await post('/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'loose',
          strict: true,
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      "'additionalProperties' is required",
    );
  });

  it('fills any other strict schema with valid values, and counts and records what it received', async () => {
    const before = fake.callCount;
    const response = await post('/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'other',
          strict: true,
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['n', 'tags', 'kind'],
            properties: {
              n: { type: 'number' },
              tags: { type: 'array', items: { type: 'string' } },
              kind: { type: 'string', enum: ['x', 'y'] },
            },
          },
        },
      },
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(JSON.parse(body.choices[0]!.message.content)).toEqual({ n: 0, tags: [], kind: 'x' });
    expect(fake.callCount).toBe(before + 1);
    expect(fake.lastRequestBodies()[0]).toMatchObject({
      response_format: { json_schema: { name: 'other' } },
    });
  });

  it('lists models', async () => {
    const client = new OpenAI({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini');
  });
});
