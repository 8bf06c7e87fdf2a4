import winkNLP, { type Document, type ItemToken, type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** wink-nlp with its English lite model, loaded once per process (about 150 ms) on first use. */
let instance: WinkMethods | undefined;

function nlp(): WinkMethods {
  // No part-of-speech tagging or custom entities: nothing here uses them, and POS is the slow step.
  instance ??= winkNLP(model, ['sbd', 'negation', 'sentiment', 'ner']);
  return instance;
}

export function readDoc(text: string): Document {
  return nlp().readDoc(text);
}

/** wink's `its` helpers as plain function values (its typings declare them as methods, and `stem` with a signature `out()` rejects). */
export interface Its {
  type: ItsFunction<string>;
  stem: ItsFunction<string>;
  stopWordFlag: ItsFunction<boolean>;
  negationFlag: ItsFunction<boolean>;
  sentiment: ItsFunction<number>;
  span: ItsFunction<number[]>;
  detail: ItsFunction<{ value: string; type: string }>;
}

export function its(): Its {
  return nlp().its as unknown as Its;
}

function stemsOf(text: string, keep: (token: ItemToken, helpers: Its) => boolean): string[] {
  const helpers = its();
  const stems: string[] = [];
  readDoc(text)
    .tokens()
    .each((token: ItemToken) => {
      const type = token.out(helpers.type);
      if ((type === 'word' || type === 'number') && keep(token, helpers))
        stems.push(String(token.out(helpers.stem)));
    });
  return stems;
}

/** Porter stems of the content words of a text (stop words and punctuation dropped). */
export function contentStems(text: string): string[] {
  return stemsOf(text, (token, helpers) => !token.out(helpers.stopWordFlag));
}

/** Porter stems of every word and number in a text, stop words included. */
export function allStems(text: string): string[] {
  return stemsOf(text, () => true);
}

/**
 * Content stems a negation governs, clause by clause: in "Something does not work: errors" only
 * "work" is negated (wink's own scope would run on past the colon).
 */
export function negatedContentStems(text: string): string[] {
  const helpers = its();
  const negated: string[] = [];
  for (const clause of text.split(/[:;,.]/)) {
    readDoc(clause)
      .tokens()
      .each((token: ItemToken) => {
        const type = token.out(helpers.type);
        if (type === 'word' && !token.out(helpers.stopWordFlag) && token.out(helpers.negationFlag))
          negated.push(String(token.out(helpers.stem)));
      });
  }
  return negated;
}
