import type { Response } from 'express';

/** OpenAI's error body: { error: { message, type, param, code } }. */
export interface OpenAiErrorBody {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

export function sendOpenAiError(res: Response, status: number, error: OpenAiErrorBody): void {
  res.status(status).json({
    error: {
      message: error.message,
      type: error.type,
      param: error.param ?? null,
      code: error.code ?? null,
    },
  });
}

export const invalidApiKey = (key: string): OpenAiErrorBody => ({
  message: `Incorrect API key provided: ${key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****'}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  type: 'invalid_request_error',
  code: 'invalid_api_key',
});

export const rateLimited = (model: string, retryAfterMs: number): OpenAiErrorBody => ({
  message: `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${Math.max(1, Math.round(retryAfterMs))}ms.`,
  type: 'requests',
  code: 'rate_limit_exceeded',
});

export const serverError = (): OpenAiErrorBody => ({
  message: 'The server had an error while processing your request. Sorry about that!',
  type: 'server_error',
});

export const invalidRequest = (message: string, param: string | null = null): OpenAiErrorBody => ({
  message,
  type: 'invalid_request_error',
  param,
});
