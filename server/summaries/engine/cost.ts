import type { TokenUsage } from '../../contract/summary';

/**
 * USD per 1M tokens (input, output) at OpenAI's standard-tier list prices. Dated model names
 * ("gpt-4o-mini-2024-07-18") use their family's price. Models not listed (self-hosted Ollama or
 * vLLM models, the offline summarizer) cost 0 here; update the table when prices change.
 */
export const PRICES_PER_MILLION_TOKENS: Readonly<Record<string, { input: number; output: number }>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
};

const BY_LENGTH = Object.keys(PRICES_PER_MILLION_TOKENS).sort((a, b) => b.length - a.length);

/** Estimated cost of one summary in USD (rounded to a millionth of a dollar). */
export function estimateCostUsd(model: string, usage: TokenUsage): number {
  const name = model.trim().toLowerCase();
  const key = BY_LENGTH.find((family) => name === family || name.startsWith(`${family}-`));
  const price = key ? PRICES_PER_MILLION_TOKENS[key] : undefined;
  if (!price) return 0;
  const usd = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
