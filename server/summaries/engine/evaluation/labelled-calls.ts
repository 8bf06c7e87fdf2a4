import type { Analysis } from '../offline/analysis';
import type { Category } from '../types';
import { readCall } from '../offline/summarizer';
import { categoriesOf, type Fixture } from './fixtures';
import type { FixtureLabel } from './labels';

/** A labelled call read once, as the summarizer reads it (PII redacted), for the trainers. */
export interface LabelledCall {
  set: string;
  name: string;
  label: FixtureLabel;
  /** The organization's categories (the defaults unless the label gives its own). */
  categories: Category[];
  analysis: Analysis;
}

export function readLabelledCalls(fixtures: readonly Fixture[]): LabelledCall[] {
  return fixtures.map((fixture) => ({
    set: fixture.set,
    name: fixture.name,
    label: fixture.label,
    categories: categoriesOf(fixture),
    analysis: readCall({
      transcript: fixture.transcript,
      categories: categoriesOf(fixture),
      ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}),
      redactPii: true,
    }).analysis,
  }));
}
