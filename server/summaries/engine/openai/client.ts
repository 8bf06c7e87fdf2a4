import OpenAI from 'openai';
import type { TokenUsage } from '../../../contract/summary';
import { SummarizerError } from '../errors';

/**
 * The one file that touches the openai SDK: a Chat Completions call with a JSON-schema response
 * format, errors turned into SummarizerError. Chat Completions rather than Responses because every
 * OpenAI-compatible server (Ollama, vLLM, Azure's v1 endpoint) implements it.
 */

export interface ChatClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Per HTTP attempt. */
  timeoutMs: number;
  /** Retries after the first attempt, for connection errors, 408, 409, 429 and 5xx (Retry-After honoured). */
  maxRetries: number;
}

export interface StructuredRequest {
  model: string;
  system: string;
  user: string;
  /** A response_format built by zodResponseFormat (JSON schema, strict). */
  responseFormat: OpenAI.ResponseFormatJSONSchema;
  signal: AbortSignal;
  /** The deadline's own signal, to tell a timeout from the caller cancelling. */
  deadline: AbortSignal;
}

export interface StructuredReply {
  content: string;
  usage: TokenUsage;
}

export interface ChatClient {
  completeStructured(request: StructuredRequest): Promise<StructuredReply>;
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });

  return {
    async completeStructured(request) {
      let completion: OpenAI.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: request.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
            response_format: request.responseFormat,
          },
          { signal: request.signal },
        );
      } catch (error) {
        throw toSummarizerError(error, request.deadline);
      }
      const choice = completion.choices[0];
      const usage: TokenUsage = {
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
      };
      if (!choice) throw new SummarizerError('The AI provider returned no choices.', 'invalid_output');
      if (choice.message.refusal)
        throw new SummarizerError(`The model refused to summarize: ${choice.message.refusal}`, 'refusal');
      if (choice.finish_reason === 'content_filter')
        throw new SummarizerError('The provider filtered the output (content_filter).', 'refusal');
      if (choice.finish_reason === 'length')
        throw new SummarizerError('The output was cut off at the token limit.', 'invalid_output');
      if (!choice.message.content)
        throw new SummarizerError('The AI provider returned an empty message.', 'invalid_output');
      return { content: choice.message.content, usage };
    },
  };
}

function toSummarizerError(error: unknown, deadline: AbortSignal): SummarizerError {
  if (error instanceof SummarizerError) return error;
  if (error instanceof OpenAI.APIUserAbortError) {
    return deadline.aborted
      ? new SummarizerError('Summarizing took longer than its deadline.', 'timeout', { cause: error })
      : new SummarizerError('Summarizing was cancelled.', 'aborted', { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new SummarizerError('The AI provider did not answer in time.', 'timeout', { cause: error });
  if (error instanceof OpenAI.APIConnectionError)
    return new SummarizerError(`Could not reach the AI provider: ${error.message}`, 'provider_error', {
      cause: error,
    });
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return new SummarizerError(
      `The AI provider rejected the credentials (${error.status}): ${error.message}`,
      'auth',
      { cause: error },
    );
  }
  if (error instanceof OpenAI.RateLimitError)
    return new SummarizerError(
      `The AI provider is rate limiting (429) after retries: ${error.message}`,
      'rate_limited',
      { cause: error },
    );
  if (
    error instanceof OpenAI.BadRequestError ||
    error instanceof OpenAI.NotFoundError ||
    error instanceof OpenAI.UnprocessableEntityError
  ) {
    return new SummarizerError(
      `The AI provider rejected the request (${error.status}): ${error.message}`,
      'request_rejected',
      { cause: error },
    );
  }
  if (error instanceof OpenAI.APIError)
    return new SummarizerError(
      `The AI provider failed (${error.status ?? 'no status'}): ${error.message}`,
      'provider_error',
      { cause: error },
    );
  return new SummarizerError(
    `The AI provider call failed: ${error instanceof Error ? error.message : String(error)}`,
    'provider_error',
    { cause: error },
  );
}
