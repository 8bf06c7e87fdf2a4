import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_CATEGORIES } from '../contract/summary';
import { createSummarizer } from '../summaries/engine';

/**
 * `npm run summarize -- <file> [--provider local|openai] [--categories "A,B,C"] [--no-redact]`
 * Prints the summary as one JSON object on stdout. OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL
 * configure the openai provider.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      categories: { type: 'string' },
      agents: { type: 'string' },
      'no-redact': { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('Usage: npm run summarize -- <transcript file> [--provider local|openai] [--categories "A,B,C"]');
  if (values.provider && values.provider !== 'local' && values.provider !== 'openai') throw new Error('--provider must be local or openai');
  const categories = values.categories
    ? values.categories.split(',').map((name) => name.trim()).filter(Boolean).map((name) => DEFAULT_CATEGORIES.find((c) => c.name === name) ?? { name, description: '' })
    : DEFAULT_CATEGORIES.map((c) => ({ ...c }));
  const summarizer = createSummarizer({
    provider: values.provider as 'local' | 'openai' | undefined,
    openaiApiKey: process.env.OPENAI_API_KEY,
    openaiBaseUrl: process.env.OPENAI_BASE_URL,
    model: process.env.OPENAI_MODEL,
  });
  const transcript = await readFile(file, 'utf8');
  const summary = await summarizer.summarize({
    transcript,
    categories,
    agentNames: values.agents?.split(',').map((a) => a.trim()),
    redactPii: !values['no-redact'],
  });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
