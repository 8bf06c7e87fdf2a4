import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_CATEGORIES } from '../contract/summary';
import { createSummarizer } from '../summaries/engine';

/**
 * `npm run summarize -- <file> [--provider local|openai] [--categories "A,B,C"] [--agents "Name,Name"] [--no-redact]`
 * Prints the summary as one JSON object on stdout; errors go to stderr with exit code 1.
 * The openai provider reads OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL (this is an entry point).
 * Custom category names get no description; names of the default categories keep theirs.
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
  if (!file || positionals.length > 1)
    throw new Error(
      'Usage: npm run summarize -- <transcript file> [--provider local|openai] [--categories "A,B,C"] [--agents "Name"] [--no-redact]',
    );
  const provider = values.provider;
  if (provider !== undefined && provider !== 'local' && provider !== 'openai')
    throw new Error('--provider must be local or openai');
  const names = values.categories
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (values.categories !== undefined && !names?.length)
    throw new Error('--categories needs at least one name');
  const categories = (names ?? DEFAULT_CATEGORIES.map((category) => category.name)).map((name) => ({
    name,
    description:
      DEFAULT_CATEGORIES.find((category) => category.name.toLowerCase() === name.toLowerCase())
        ?.description ?? '',
  }));

  const summarizer = createSummarizer({
    ...(provider ? { provider } : {}),
    openaiApiKey: process.env.OPENAI_API_KEY,
    openaiBaseUrl: process.env.OPENAI_BASE_URL,
    model: process.env.OPENAI_MODEL,
  });
  const transcript = await readFile(file, 'utf8');
  const summary = await summarizer.summarize({
    transcript,
    categories,
    ...(values.agents
      ? {
          agentNames: values.agents
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean),
        }
      : {}),
    redactPii: !values['no-redact'],
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`summarize: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
