/** How the UI names where a summary came from. "local" is the built-in offline summarizer (no AI key). */
export function providerLabel(provider: 'openai' | 'local' | null, model: string | null): string {
  if (provider === 'local') return 'Offline summarizer';
  if (provider === 'openai') return model ? `OpenAI ${model}` : 'OpenAI';
  return 'Unknown summarizer';
}
