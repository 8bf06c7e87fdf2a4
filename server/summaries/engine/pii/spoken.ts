/**
 * Speech-to-text writes contact details the way people say them: "jane dot doe at gmail dot com",
 * "four one five, five five five...". These are rewritten into their written form so the ordinary
 * detectors find (and redact) them. Token scans only: no regex runs over the whole text.
 */

const TLDS = new Set([
  'com',
  'net',
  'org',
  'io',
  'co',
  'edu',
  'gov',
  'us',
  'uk',
  'ca',
  'au',
  'de',
  'fr',
  'info',
  'biz',
  'me',
  'ai',
  'dev',
  'app',
  'tv',
  'ly',
  'nl',
  'es',
  'it',
  'in',
  'mx',
  'br',
  'ie',
  'nz',
]);
/**
 * Word lookups read words from transcripts, so they have no prototype: "__proto__" or "constructor"
 * said in a call must not find Object's own properties.
 */
function wordTable(entries: Record<string, string>): Readonly<Record<string, string>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, string>, entries));
}
const LOCAL_SEPARATORS = wordTable({
  dot: '.',
  period: '.',
  underscore: '_',
  dash: '-',
  hyphen: '-',
});
const DOMAIN_SEPARATORS = wordTable({ dot: '.', dash: '-', hyphen: '-' });
/** Free-mail providers people name without the ending: "rafa dot quintero at gmail". */
const FREE_MAIL_DOMAINS = wordTable({
  gmail: 'gmail.com',
  googlemail: 'googlemail.com',
  yahoo: 'yahoo.com',
  hotmail: 'hotmail.com',
  outlook: 'outlook.com',
  icloud: 'icloud.com',
  aol: 'aol.com',
  protonmail: 'protonmail.com',
});
/** Words after "at" that start ordinary speech, never a domain said in two words ("at the shop dot com"). */
const NOT_A_DOMAIN_WORD = new Set([
  'the',
  'a',
  'an',
  'my',
  'our',
  'your',
  'this',
  'that',
  'home',
  'work',
  'least',
  'all',
]);
/** The words right before an address is said: "my email is…". */
const INTRODUCES_ADDRESS = new Set(['is', "it's", 'its']);
/**
 * Words said right before a mailbox name that are never part of it: "the email is now des dot…",
 * "use sam ruiz, all one word".
 */
const NOT_PART_OF_MAILBOX = new Set(
  "now still just actually really also probably usually use is it's its email my me to the a an and or it".split(
    ' ',
  ),
);
const EMAIL_CONTEXT = new Set([
  'is',
  "it's",
  'its',
  'email',
  'e-mail',
  'address',
  'me',
  'at',
  'to',
  'use',
  'try',
  // "the account under ethan at…", "signed up as j smith at…"
  'under',
  'as',
]);
/** Words that sit before "at" in ordinary speech ("look at", "be at") and are never a mailbox. */
const NOT_A_MAILBOX = new Set([
  'look',
  'looking',
  'looked',
  'go',
  'went',
  'visit',
  'check',
  'see',
  'be',
  'me',
  'us',
  'them',
  'him',
  'her',
  'it',
  'you',
  'find',
  'available',
  'online',
  'here',
  'there',
  'stay',
  'shop',
  'order',
  'log',
  'sign',
  'arrive',
  'arrived',
  'home',
  'work',
  'call',
  'text',
  'email',
  'reach',
  'is',
  'was',
  'are',
  'were',
]);

const DIGIT_WORDS = wordTable({
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
});

interface Token {
  start: number;
  end: number;
  /** Lower-cased, without surrounding punctuation. */
  core: string;
  /** Punctuation after the core ("," in "five,"). */
  trailing: string;
  leading: string;
  /** Letters spelled out ("T A N A K A", "O-N-E-I-L") read as one word. */
  spelled?: boolean;
  /** A letter told by an example word ("P as in Peter"): someone is spelling, so it is no article. */
  named?: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\S+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[0];
    let from = 0;
    let to = raw.length;
    while (from < to && '("\'[“‘'.includes(raw[from] ?? '')) from += 1;
    while (to > from && ',.;:!?)"\']”’…'.includes(raw[to - 1] ?? '')) to -= 1;
    tokens.push({
      start: match.index,
      end: match.index + raw.length,
      core: raw.slice(from, to).toLowerCase(),
      leading: raw.slice(0, from),
      trailing: raw.slice(to),
    });
  }
  return tokens;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

function applyReplacements(text: string, replacements: Replacement[]): string {
  let out = '';
  let cursor = 0;
  for (const replacement of replacements.sort((a, b) => a.start - b.start)) {
    if (replacement.start < cursor) continue;
    out += text.slice(cursor, replacement.start) + replacement.text;
    cursor = replacement.end;
  }
  return out + text.slice(cursor);
}

const isWord = (core: string) => /^[a-z0-9]{1,40}$/.test(core);
const isLetter = (token: Token | undefined): token is Token =>
  token !== undefined && /^[a-z]$/.test(token.core);
/** A pause mark people make while spelling ("J, dot, O-N-E-I-L"); any other punctuation ends the address. */
const onlyPause = (token: Token) => token.trailing === '' || token.trailing === ',';
const SPELLED_RUN = 3;

function merged(first: Token, last: Token, core: string): Token {
  return {
    start: first.start,
    end: last.end,
    core,
    leading: first.leading,
    trailing: last.trailing,
    spelled: true,
  };
}

/**
 * What people add while spelling an address, between pauses: "patrick dot oshea, no apostrophe, at…".
 * It describes the address and is not part of it.
 */
const SPELLING_ASIDES = [
  ['no', 'apostrophe'],
  ['no', 'apostrophes'],
  ['all', 'one', 'word'],
  ['one', 'word'],
  ['all', 'lowercase'],
  ['all', 'lower', 'case'],
  ['lowercase'],
  ['lower', 'case'],
  ['no', 'spaces'],
  ['no', 'space'],
  ['no', 'dot'],
  ['no', 'dots'],
];
function withoutSpellingAsides(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const aside = out.at(-1)?.trailing === ',' ? asideAt(tokens, index) : undefined;
    if (!aside) {
      out.push(tokens[index] as Token);
      continue;
    }
    index += aside.length - 1;
    // "sam ruiz, all one word" is the mailbox "samruiz".
    const [first, second] = out.slice(-2);
    if (
      aside.includes('word') &&
      first &&
      second &&
      !first.trailing &&
      isWord(first.core) &&
      !NOT_PART_OF_MAILBOX.has(first.core)
    ) {
      out.splice(-2, 2, merged(first, second, first.core + second.core));
    }
  }
  return out;
}

/** The aside starting at `index`, if one does and a pause closes it. */
function asideAt(tokens: readonly Token[], index: number): readonly string[] | undefined {
  return SPELLING_ASIDES.find((words) => {
    const span = tokens.slice(index, index + words.length);
    const closed = span.at(-1)?.trailing === ',';
    return closed && span.length === words.length && span.every((token, i) => token.core === words[i]);
  });
}

/** What people say between a word and its spelling. */
const SPELLING_FOLLOWS = new Set(["that's", 'thats', 'spelled', 'spelt']);

/** "B as in boy" is the letter b: the example word only tells the listener which letter was said. */
function withLettersNamed(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    const example = tokens[index + 3];
    if (
      isLetter(token) &&
      !token.trailing &&
      tokens[index + 1]?.core === 'as' &&
      tokens[index + 2]?.core === 'in' &&
      example &&
      /^[a-z]+$/.test(example.core) &&
      example.core.startsWith(token.core)
    ) {
      out.push({ ...token, end: example.end, trailing: example.trailing, named: true });
      index += 3;
    } else out.push(token);
  }
  return out;
}

/** Letters joined by hyphens: "O-N-E-I-L". */
const HYPHEN_SPELLED = /^[a-z](?:-[a-z])+$/;

/**
 * People spell names letter by letter, often right after saying them: "K dot Tanaka, T A N A K A, at
 * example dot net", "J, dot, O-N-E-I-L, at…". The letters become one word, and a word followed by its
 * own spelling is kept once, so the address reader below sees "k dot tanaka at example dot net".
 */
function joinSpelledLetters(spoken: readonly Token[]): Token[] {
  const tokens = withLettersNamed(withoutSpellingAsides(spoken));
  const out: Token[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    let word: Token | undefined;
    const next = tokens[index + 1];
    if (HYPHEN_SPELLED.test(token.core)) word = merged(token, token, token.core.replace(/-/g, ''));
    // "B as in boy, O-A-T-E-N-G": a letter said apart, then the rest of the spelling.
    else if (isLetter(token) && onlyPause(token) && next && HYPHEN_SPELLED.test(next.core)) {
      word = merged(token, next, token.core + next.core.replace(/-/g, ''));
      index += 1;
    } else if (isLetter(token) && onlyPause(token)) {
      let end = index;
      while (isLetter(tokens[end + 1]) && onlyPause(tokens[end] as Token)) end += 1;
      if (end - index + 1 >= SPELLED_RUN) {
        const letters = tokens.slice(index, end + 1).map((letter) => letter.core);
        word = merged(token, tokens[end] as Token, letters.join(''));
        index = end;
      }
    }
    if (!word) {
      out.push(token);
      continue;
    }
    const said = out.at(-1);
    // "kaczmarek, that's K-A-C-Z-M-A-R-E-K": the spelling restates the word said before it.
    const restated = said && SPELLING_FOLLOWS.has(said.core) ? out.at(-2) : undefined;
    if (said && said.core === word.core && onlyPause(said))
      out[out.length - 1] = merged(said, word, word.core);
    else if (restated && restated.core === word.core && onlyPause(restated) && onlyPause(said as Token)) {
      out.pop();
      out[out.length - 1] = merged(restated, word, word.core);
    } else out.push(word);
  }
  return out;
}

function spokenEmails(spoken: readonly Token[]): Replacement[] {
  const tokens = joinSpelledLetters(spoken);
  const replacements: Replacement[] = [];
  for (let at = 1; at < tokens.length - 1; at += 1) {
    const atToken = tokens[at] as Token;
    if (atToken.core !== 'at' || atToken.trailing || atToken.leading) continue;

    // Domain: word (dot|dash word)+ ending in a known TLD, or an already written domain.
    let domain: string;
    let end = at;
    let providerOnly = false;
    const first = tokens[at + 1] as Token;
    const provider = FREE_MAIL_DOMAINS[first.core];
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(first.core) && TLDS.has(first.core.split('.').at(-1) ?? '')) {
      domain = first.core;
      end = at + 1;
    } else if (provider && (first.trailing || !DOMAIN_SEPARATORS[tokens[at + 2]?.core ?? ''])) {
      domain = provider;
      end = at + 1;
      providerOnly = true;
    } else if (isWord(first.core) && !first.trailing) {
      domain = first.core;
      let cursor = at + 2;
      // "dmitri at lindqvist courier dot example dot com": a company's name said as two words.
      const second = tokens[at + 2];
      if (
        second &&
        isWord(second.core) &&
        !second.trailing &&
        !DOMAIN_SEPARATORS[second.core] &&
        DOMAIN_SEPARATORS[tokens[at + 3]?.core ?? ''] === '.' &&
        !NOT_A_DOMAIN_WORD.has(first.core)
      ) {
        domain += second.core;
        cursor += 1;
      }
      let sawDot = false;
      while (cursor + 1 < tokens.length) {
        const separator = DOMAIN_SEPARATORS[(tokens[cursor] as Token).core];
        const word = tokens[cursor + 1] as Token;
        if (!separator || (tokens[cursor] as Token).trailing || !isWord(word.core)) break;
        domain += separator + word.core;
        if (separator === '.') sawDot = true;
        end = cursor + 1;
        cursor += 2;
        if (word.trailing) break;
      }
      if (!sawDot || !TLDS.has(domain.split('.').at(-1) ?? '')) continue;
    } else continue;

    // Local part: word (dot|underscore|dash word)* read backwards from "at".
    let startIndex = at - 1;
    // Digits said after the name belong to it: "bello eighty-four at…" is "bello84@…".
    const suffix = spokenDigitsBefore(tokens, at);
    // "brooks dot eighty-eight at…": the digits can follow a separator of their own.
    const separatorToken = suffix ? tokens[suffix.from - 1] : undefined;
    const digitsSeparator =
      separatorToken && onlyPause(separatorToken) ? LOCAL_SEPARATORS[separatorToken.core] : undefined;
    if (suffix) startIndex = suffix.from - (digitsSeparator ? 2 : 1);
    const last = tokens[startIndex];
    // A spelled word is never ordinary speech: "h, o, m, e, at" is a mailbox, "home at" is not.
    if (!last || !onlyPause(last) || (NOT_A_MAILBOX.has(last.core) && !last.spelled)) continue;
    // An already written local part ("john.smith at example dot com") needs no more reading.
    const written = /^[a-z0-9][a-z0-9._+-]{0,63}$/.test(last.core) && /[._]/.test(last.core);
    if (!written && !isWord(last.core)) continue;
    let local = last.core + (digitsSeparator ?? '') + (suffix?.digits ?? '');
    let words = written ? 2 : 1;
    let spelled = last.spelled === true;
    const readSeparatedWords = () => {
      while (!written && startIndex - 2 >= 0) {
        const separatorToken = tokens[startIndex - 1] as Token;
        const word = tokens[startIndex - 2] as Token;
        const separator = LOCAL_SEPARATORS[separatorToken.core];
        if (!separator || !onlyPause(separatorToken) || !onlyPause(word) || !isWord(word.core)) break;
        local = word.core + separator + local;
        spelled ||= word.spelled === true;
        startIndex -= 2;
        words += 1;
      }
    };
    readSeparatedWords();
    // An initial said before the surname is part of it: "r malhotra at example dot org".
    const initial = tokens[startIndex - 1];
    // While spelling, people pause after it: "d, p-r-a-t-t, seven seven, at…".
    const initialJoins = !initial?.trailing || (spelled && initial.trailing === ',');
    // A letter before a letter: initials said one by one, which can follow a name (below).
    let initials = false;
    // Before a dotted name only when said straight before it or told by an example word ("p desai dot
    // travels", "P as in Peter, Desai, dot travels"): "a, john dot smith" is no "ajohn".
    if (
      !written &&
      (words === 1 || initial?.named === true || !initial?.trailing) &&
      isLetter(initial) &&
      isInitial(tokens, startIndex - 1) &&
      initialJoins
    ) {
      local = initial.core + local;
      startIndex -= 1;
      spelled = true;
      initials = isLetter(last);
    }
    // Initials said one by one: "J, P, dot, Adeyemi" is "jp.adeyemi", not "p.adeyemi".
    while (
      !written &&
      isLetter(tokens[startIndex]) &&
      isLetter(tokens[startIndex - 1]) &&
      onlyPause(tokens[startIndex - 1] as Token)
    ) {
      local = (tokens[startIndex - 1] as Token).core + local;
      startIndex -= 1;
      spelled = true;
      initials = true;
    }
    // Initials can follow a name too: "gloria dot N R at…" is "gloria.nr".
    if (initials) readSeparatedWords();
    // "My email is front desk dot parkview at…": after "email is", the words before the first separator
    // are one mailbox name.
    const extra = tokens[startIndex - 1];
    if (
      !written &&
      words > 1 &&
      extra !== undefined &&
      isWord(extra.core) &&
      !extra.trailing &&
      !NOT_A_MAILBOX.has(extra.core) &&
      !NOT_PART_OF_MAILBOX.has(extra.core) &&
      INTRODUCES_ADDRESS.has(tokens[startIndex - 2]?.core ?? '') &&
      tokens
        .slice(Math.max(0, startIndex - 6), startIndex - 2)
        .some((token) => /^e-?mail$|^address$/.test(token.core))
    ) {
      local = extra.core + local;
      startIndex -= 1;
    }
    // A pause before "at" belongs to spelling ("O-N-E-I-L, at"), not to ordinary speech ("Sure, at…").
    if (last.trailing && !spelled && words === 1) continue;
    if (words === 1 && !spelled) {
      // "look at google dot com" is not an address: a one-word local part needs email-ish context.
      const before = tokens[startIndex - 1];
      const startsSentence = !before || /[.!?:]$/.test(before.trailing);
      // "Is the email still walt at pedersenfarms dot com?": the word "email" just before says what follows.
      // Or a few words before: "I've emailed them to the address on the order, lgreene at…".
      const namedEmail = tokens
        .slice(Math.max(0, startIndex - 6), startIndex)
        .some((token) => /^e-?mail(?:ed|'s)?$|^address$/.test(token.core));
      // "I'm at outlook all day": a provider said alone is an address only when the mailbox is named so.
      if (providerOnly ? !namedEmail : !startsSentence && !EMAIL_CONTEXT.has(before.core) && !namedEmail) continue;
    }
    const startToken = tokens[startIndex] as Token;
    const endToken = tokens[end] as Token;
    replacements.push({
      start: startToken.start + startToken.leading.length,
      end: endToken.end - endToken.trailing.length,
      text: `${local}@${domain}`,
    });
    at = end;
  }
  return replacements;
}

/**
 * Whether the letter at `index` can be an initial. "a" and "i" are usually the article and the pronoun;
 * "a" is an initial only after a pause ("I have an email, a dufresne at…").
 */
function isInitial(tokens: readonly Token[], index: number): boolean {
  const letter = tokens[index]?.core;
  if (letter === 'i') return false;
  if (letter !== 'a') return true;
  const before = tokens[index - 1];
  return !before || /[,.!?:]$/.test(before.trailing);
}

const TENS = wordTable({
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
});

/** "six-zero", "four-two": digits said one by one and written with hyphens. */
const hyphenatedDigits = (core: string) => {
  const parts = core.split('-');
  return parts.length > 1 && parts.every((part) => DIGIT_WORDS[part] !== undefined)
    ? parts.map((part) => DIGIT_WORDS[part]).join('')
    : undefined;
};

/** Up to four number words or numbers right before `at` ("eighty-four", "eight four", "84"), as digits. */
function spokenDigitsBefore(
  tokens: readonly Token[],
  at: number,
): { from: number; digits: string } | undefined {
  let from = at;
  while (from - 1 >= 1 && at - from < 4) {
    const token = tokens[from - 1] as Token;
    const [tens = '', unit] = token.core.split('-');
    const isNumber =
      /^\d{1,4}$/.test(token.core) ||
      (tens in TENS && (unit === undefined || (DIGIT_WORDS[unit] ?? '0') !== '0')) ||
      hyphenatedDigits(token.core) !== undefined ||
      (DIGIT_WORDS[token.core] !== undefined && token.core !== 'oh' && token.core !== 'o');
    // A pause is part of spelling: "alvarado, seventy-one, at…".
    if (!isNumber || (token.trailing && token.trailing !== ',') || token.leading) break;
    from -= 1;
  }
  if (from === at) return undefined;
  // Digits said twice between pauses are said once: "wheeler sixty, six-zero, at…" is "wheeler60".
  const groups: string[] = [''];
  const saidAs: string[] = [''];
  for (let index = from; index < at; index += 1) {
    const token = tokens[index] as Token;
    const [tens = '', unit] = token.core.split('-');
    const nextUnit = DIGIT_WORDS[(tokens[index + 1] as Token).core];
    let digits: string;
    if (tens in TENS && unit) digits = `${TENS[tens]}${DIGIT_WORDS[unit]}`;
    else if (tens in TENS && index + 1 < at && nextUnit && nextUnit !== '0' && !token.trailing) {
      digits = `${TENS[tens]}${nextUnit}`;
      index += 1;
    } else if (tens in TENS) digits = `${TENS[tens]}0`;
    else digits = hyphenatedDigits(token.core) ?? DIGIT_WORDS[tens] ?? tens;
    groups[groups.length - 1] += digits;
    saidAs[saidAs.length - 1] += ` ${token.core}`;
    if ((tokens[index] as Token).trailing === ',' && index + 1 < at) {
      groups.push('');
      saidAs.push('');
    }
  }
  // "eight, eight" is 88: only the same digits said in other words are a restatement.
  const restated = groups.length === 2 && groups[0] === groups[1] && saidAs[0] !== saidAs[1];
  return { from, digits: restated ? (groups[0] as string) : groups.join('') };
}

const TEENS = wordTable({
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
});

function digitsOf(token: Token, inRun: boolean): string | undefined {
  if (/^\d{1,4}$/.test(token.core)) return token.core;
  // "Two-oh-eight, five-five-five": digits written with hyphens.
  const hyphenated = hyphenatedDigits(token.core);
  if (hyphenated !== undefined) return hyphenated;
  if (inRun) {
    // "seven twenty, five five five…", "oh one fifteen": two digits said as a number inside a run.
    const [tens = '', unit] = token.core.split('-');
    const unitDigit = unit === undefined ? '0' : DIGIT_WORDS[unit];
    if (tens in TENS && unitDigit !== undefined && unit !== 'oh' && unit !== 'o')
      return `${TENS[tens]}${unitDigit}`;
    if (TEENS[token.core]) return TEENS[token.core];
  }
  const word = DIGIT_WORDS[token.core];
  if (word === undefined) return undefined;
  // "oh" and "o" are zeros only inside a run of digits ("five oh three"), never on their own.
  if ((token.core === 'oh' || token.core === 'o') && !inRun) return undefined;
  return word;
}

function spokenDigitRuns(tokens: readonly Token[]): Replacement[] {
  const replacements: Replacement[] = [];
  let index = 0;
  while (index < tokens.length) {
    let digits = '';
    let words = 0;
    let cursor = index;
    // Not the tail of a longer run ("zero one two seven." is not an exchange "one two seven.").
    const before = tokens[index - 1];
    const startsFresh = !before || digitsOf(before, true) === undefined;
    let firstStop: { cursor: number; digits: string; words: number } | undefined;
    while (cursor < tokens.length && digits.length <= 24) {
      const token = tokens[cursor] as Token;
      // "one eight hundred, five five five…": a toll-free prefix said as a number.
      const previous = tokens[cursor - 1];
      if (
        token.core === 'hundred' &&
        digits.length > 0 &&
        previous &&
        !previous.trailing &&
        DIGIT_WORDS[previous.core]
      ) {
        digits += '00';
        cursor += 1;
        if (/[.!?;]/.test(token.trailing)) break;
        continue;
      }
      const repeat = token.core === 'double' ? 2 : token.core === 'triple' ? 3 : 1;
      const valueToken = repeat > 1 ? tokens[cursor + 1] : token;
      if (!valueToken || (repeat > 1 && token.trailing)) break;
      const value = digitsOf(valueToken, digits.length > 0);
      if (value === undefined) break;
      digits += value.repeat(repeat);
      if (/^[a-z]+$/.test(valueToken.core)) words += 1;
      else if (/^[a-z]+(?:-[a-z]+)+$/.test(valueToken.core)) words += value.length;
      cursor += repeat > 1 ? 2 : 1;
      // "four one two... five five five": an ellipsis is a pause, any other stop ends the number,
      // except a full stop after the area code or exchange of a number said word by word ("four oh
      // two. Five five five. Oh one eight eight.").
      const pause = /^(?:\.\.\.|…),?$/.test(valueToken.trailing);
      const groupStop =
        startsFresh &&
        valueToken.trailing === '.' &&
        words === digits.length &&
        (digits.length === 3 || digits.length === 6);
      if (groupStop && !firstStop) firstStop = { cursor, digits, words };
      if (/[.!?;]/.test(valueToken.trailing) && !pause && !groupStop) break;
    }
    // Read across full stops, the number must come out whole (3, 3 and 4 digits); otherwise the first
    // stop ends it ("We're nine seven three. Nine seven three, five five five…" is said twice).
    if (firstStop && digits.length !== 10) ({ cursor, digits, words } = firstStop);
    // Only runs that were actually spoken as words; written numbers are left to the detectors.
    if (words >= 3 && digits.length >= 7) {
      const first = tokens[index] as Token;
      const last = tokens[cursor - 1] as Token;
      replacements.push({
        start: first.start + first.leading.length,
        end: last.end - last.trailing.length,
        text: digits,
      });
      index = cursor;
    } else index += 1;
  }
  return replacements;
}

/** Rewrites spoken emails and spoken digit sequences into written form; everything else is kept. */
export function normalizeSpokenContacts(text: string): string {
  if (!/\b(?:at|zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/i.test(text)) return text;
  const withEmails = applyReplacements(text, spokenEmails(tokenize(text)));
  return applyReplacements(withEmails, spokenDigitRuns(tokenize(withEmails)));
}
