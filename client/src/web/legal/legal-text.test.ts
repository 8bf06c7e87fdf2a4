import { describe, expect, it } from 'vitest';
import privacyPolicy from './privacy-policy.txt?raw';
import { parseLegalText } from './legal-text';

describe('privacy policy text', () => {
  const blocks = parseLegalText(privacyPolicy);

  it('finds the title, the date and the twelve numbered sections', () => {
    expect(blocks[0]).toEqual({ kind: 'title', text: 'Privacy Policy' });
    expect(blocks.find((b) => b.kind === 'updated')).toEqual({ kind: 'updated', text: 'Last updated: February 23, 2026' });
    const headings = blocks.filter((b) => b.kind === 'heading');
    expect(headings).toHaveLength(12);
    expect(headings[0]).toMatchObject({ text: '1. Introduction', id: 'introduction' });
  });

  it('groups bullets into lists and keeps their lead-in labels', () => {
    const rights = blocks.find((b) => b.kind === 'list' && b.items.some((i) => i.label === 'Data Export'));
    expect(rights?.kind === 'list' && rights.items.map((i) => i.label)).toEqual(['Data Export', 'Account Deletion', 'Zoom Deauthorization', 'CRM Disconnection']);
  });

  it('loses no words: the blocks put back together are the file', () => {
    const words = (text: string) => text.replace(/•/g, ' ').split(/\s+/).filter(Boolean);
    const rebuilt = blocks.flatMap((b) => {
      if (b.kind === 'paragraph') return [b.content.label ? `${b.content.label}: ${b.content.text}` : b.content.text];
      if (b.kind === 'list') return b.items.map((i) => (i.label ? `${i.label}: ${i.text}` : i.text));
      return [b.text];
    });
    expect(words(rebuilt.join(' '))).toEqual(words(privacyPolicy));
  });
});
