import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATEGORIES } from '../../../contract/summary';
import type { Category } from '../types';
import { fixtureLabelSchema, type FixtureLabel } from './labels';

/** The labelled calls of tests/fixtures/transcripts/, read by `npm run eval` and the trainers. */

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/transcripts/', import.meta.url));
const TRANSCRIPT = /\.(?:vtt|txt|json)$/;

/** Sets the offline rules were not tuned on when each was first measured (tests/fixtures/transcripts/README.md). */
export const HELD_OUT_SETS = [
  'heldout',
  'heldout-fresh',
  'heldout-unseen',
  'heldout-final',
  'heldout-blind',
  'heldout-last',
  'heldout-next',
  'heldout-extra',
  'heldout-more',
  'heldout-tenth',
  'heldout-eleventh',
  'heldout-twelfth',
  'heldout-thirteenth',
  'heldout-fourteenth',
  'heldout-fifteenth',
  'heldout-sixteenth',
  'heldout-seventeenth',
  'heldout-eighteenth',
  'heldout-nineteenth',
  'heldout-twentieth',
  'heldout-twentyfirst',
  'heldout-twentysecond',
  'heldout-twentythird',
  'heldout-twentyfourth',
  'heldout-twentyfifth',
  'heldout-twentysixth',
  'heldout-twentyseventh',
  'heldout-twentyeighth',
] as const;

/** Every labelled set: the held-out ones and the calls the first rules were developed against. */
export const LABELLED_SETS = [...HELD_OUT_SETS, 'dev'] as const;

/**
 * The calls the learned layers (sentiment, action items) are fitted to. The newest sets stay out of
 * it, so that they measure the layers on calls they never saw.
 */
export const NEWEST_UNSEEN_SETS: readonly string[] = ['heldout-twentyseventh', 'heldout-twentyeighth'];
export const TRAINING_SETS: readonly string[] = LABELLED_SETS.filter(
  (set) => !NEWEST_UNSEEN_SETS.includes(set),
);

export interface Fixture {
  set: string;
  name: string;
  transcript: string;
  label: FixtureLabel;
}

export async function loadSet(set: string): Promise<Fixture[]> {
  const directory = join(FIXTURES, set);
  const files = (await readdir(directory))
    .filter((file) => TRANSCRIPT.test(file) && !file.endsWith('.label.json'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const labelFile = join(directory, file.replace(TRANSCRIPT, '.label.json'));
      const label = fixtureLabelSchema.parse(JSON.parse(await readFile(labelFile, 'utf8')));
      return { set, name: file, transcript: await readFile(join(directory, file), 'utf8'), label };
    }),
  );
}

/** The organization's categories the call was labelled against: its own, or the defaults. */
export const categoriesOf = (fixture: Fixture): Category[] =>
  fixture.label.categories ?? DEFAULT_CATEGORIES.map((category) => ({ ...category }));
