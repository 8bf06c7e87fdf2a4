import type { ActionItem } from '../../../contract/summary';
import { includesAny, type Analysis, type Sentence } from './analysis';
import { contentStems } from './nlp';
import { ROLE_NOUNS, subjectReferredTo, withThingNamed } from './references';

/**
 * Action items are promises, not talk: "I'll email you the quote", "a supervisor will call you back
 * within 24 hours", "please upload the photos", "I'll get back to you next week". Excluded: offers
 * (questions), conditionals, things done on the spot ("I'll leave it as is", a promise the agent
 * reports as done a moment later, a request the customer carries out during the call), and what a
 * customer says while declining an offer.
 */

export interface Commitment extends ActionItem {
  owner: 'agent' | 'customer';
  turn: number;
  /** Paperwork (a confirmation, receipt, invoice) does not leave the issue open; a callback does. */
  followUp: boolean;
}

const LEADING_FILLER =
  /^(?:(?:so|okay|ok|and|also|great|perfect|alright|then|well|sure|absolutely|yes|yeah|got it|thanks|thank you|no problem|of course|done|understood|fine|good|right|wonderful|excellent|first|second|third|next|finally|lastly|plus)[,!.:]?\s+)+/;
const FIRST_PERSON = [
  "i'll ",
  'i will ',
  "i'm going to ",
  'i am going to ',
  "we'll ",
  'we will ',
  "we're going to ",
  'we are going to ',
  "i'm gonna ",
];
const THIRD_PARTY = new RegExp(
  String.raw`(?:^|\s)((?:a |an |the |our |my |your )?(?:${ROLE_NOUNS.join('|')}|(?:someone|somebody)(?: (?:from|in|on) (?:the |our )?[a-z]+(?: team)?)?|they|she|he|(?:dr|ms|mr|mrs)\.? [a-z]+|[a-z]+ team))(?:\s+will|'ll|\s+is going to|\s+are going to)\s`,
);
/**
 * "He'll sort that out", "he'll walk you through all of that": a deed whose only object is a
 * pronoun nothing resolved names no work anyone could check, unless it comes with a time.
 */
const VAGUE_DEED =
  /^(?:customer to |[a-z]+ will )?[a-z-]+(?: the customer)?(?: [a-z]+)? (?:that|it|this|them|everything|all of (?:that|it|this|them))(?: out| up| over| back| for the customer)?(?: together)?$/;
/** "We'll get to the bottom of it", "we'll get it right, Mr. Osei": reassurance, not a deed anyone could check. */
const REASSURANCE =
  /^(?:[a-z]+ will )?(?:get (?:it|this|that) (?:right|sorted|straight)|get to the bottom of (?:it|this|that)|make (?:it|this|that) right)\b/;
/**
 * "They'll always tell you before they do any work", "they'll already have the background": "will"
 * with a habit or a state describes how things go, not a deed promised for this customer.
 */
const POLICY_WILL = /^(?:always|usually|normally|typically|generally|never|already|often|automatically)\b/;
/** "We'll need to see it again", "we'll need to have the signed form": what the company requires. */
const REQUIREMENT = /^need to (?:see|have|know|verify|confirm|ask|receive|collect)\b/;
/**
 * "I'm going to open a claim for you": opening a case or ticket is done while the customer waits,
 * unless a later deed is strung to it ("open a trace and call you back").
 */
const OPENS_RECORD =
  /^(?:open|create|start|log|file|raise) (?:a |an |the |this |it )(?:[a-z-]+ ){0,2}?(?:claim|case|ticket|report|complaint|request|dispute|as)\b(?!.*\band (?:call|email|e-mail|send|get back|let|text|mail)\b)/;
/**
 * A deed named by a pronoun alone, maybe with where or when: "get those over tonight", "send it there",
 * "send it to [email_1], and put your name in the subject" (where to send what was already promised).
 */
const RESTATED_DEED =
  /^(?:customer to )?(?:send|get|email|e-mail|mail|text|forward|upload|do|sign|return|drop|clear|book|bring|fill) (?:it|them|those|these|that)(?: (?:over|back|across|in|off|there|to the company|to them|to \[[a-z_\d]+\](?:,? and [a-z ]+)?))?(?: (?:tonight|today|tomorrow|later|this (?:evening|afternoon|weekend)|(?:on |by )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: morning| afternoon| evening| night)?|first thing [a-z ]+))?$/;
const THINGS_MOVE = /^they will (?:come in|go out|arrive|ship)\b/;
/** A clause opened by one of these words depends on another: "…before they'll cover it". */
const SUBORDINATE_END =
  /\b(?:before|until|after|once|when|whenever|if|unless|because|since|so that|that)\s*$/;
/** "You'll get a confirmation email…": the company promising something the customer will receive. */
const YOU_WILL_RECEIVE =
  /^you(?:'ll| will) (?:get|receive) ((?:a|an) (?:[a-z-]+ ){0,3}(?:email|e-mail|text|message|letter|confirmation|call|receipt|invoice|link|code|notification|package|card|statement|refund|kit|copy|quote|contract|agreement)s?)\b/;
/** "We need to send a technician out": the company committing to a step of its own. */
const WE_NEED_TO =
  /^(?:it means |so )?we(?:'ll| will)? need to ((?:send|schedule|book|arrange|dispatch|order|replace|ship|mail|issue|refund|escalate) .+)/;
/**
 * "Your final bill will be mailed…", "…is cancelled today, and the check will be mailed…": the
 * company's promise, said in the passive, at the start of a clause.
 */
const PASSIVE_PROMISE = /(?:^|, and |; )((?:your|the) [a-z- ]{2,40}? will be [a-z]+ed\b.*)/;
/** Verbs after "I'll" that describe the call itself, not work promised for later. */
const NOT_A_PROMISE = [
  'be ',
  'just ',
  'leave',
  'keep',
  'make a note',
  'note ',
  'check',
  'look',
  'take a look',
  'pull',
  'put you',
  'transfer',
  'connect you',
  'stay',
  'hold',
  'wait',
  'go ahead',
  'walk you',
  'go through',
  'help',
  'explain',
  'try',
  'see ',
  'get that',
  'do my best',
  'think',
  'talk to you',
  'let you',
  'read',
  'repeat',
  'verify',
  'confirm',
  'start by',
  'take it',
  'take that',
  'pass on',
  'go with',
  'go to',
  'stick',
  'need ',
  'ask',
  'add it up',
  // "I'm going to have you turn the pump off": an instruction for the call itself.
  'have you ',
  // "I'll paste our policy": text shared in the chat itself.
  'paste',
  // "We'll miss you", "I'm going to stop having you try things": feelings and the call's own steps.
  'miss ',
  'stop ',
];
/** "I'll check the warranty and let you know before Thursday": checking with a later day is work for later. */
const LATER_CHECK = /^(?:check|look into|let you know|confirm|verify)\b/;
/** Steps of the call itself: a code to read back, a note on the ticket. */
const ON_CALL_STEP =
  /\b(?:verification|one-time|security|confirmation) (?:code|pin)\b|^(?:put|add|leave|make) (?:in |on )?(?:a |the )?(?:note|notes|ticket|comment)\b|^(?:add|put|note|write) (?:that|it|this|those) (?:down )?(?:on|to|in|into) (?:the|your) (?:[a-z]+ )?(?:file|account|notes?|ticket|order|record|profile)\b/;
/** "What I can do is have a supervisor call you back": someone else's work, offered as a promise. */
const ARRANGED_FOR = new RegExp(
  String.raw`^(?:what (?:i|we) can do is|i can|we can) ((?:have|get) (?:a |an |the |our |one of our )?(?:${ROLE_NOUNS.join('|')}|someone|somebody)s? .+)`,
);
/** "Our HVAC contractor is coming tomorrow at 8": a visit told as narration is still a promise. */
const PARTY_ON_THE_WAY = new RegExp(
  String.raw`(?:^|\s)((?:a |an |the |our |your )?(?:[a-z]+ )?(?:${ROLE_NOUNS.join('|')})) (?:is|are) (?:coming|coming out|coming by|stopping by|going to come)\b(.*)`,
);
/**
 * "The templater comes Tuesday between 8 and 10", "Billing reverses duplicate charges within 7 to 10
 * days": a person or team told doing something on a later day, in the present tense, is a promise.
 * "Support calls go to voicemail": calls, emails and texts are verbs only with someone to reach.
 */
const PARTY_DOES = new RegExp(
  String.raw`^(?:the |our )?((?:[a-z]+ )?(?:${ROLE_NOUNS.join('|')}|[a-z]{3,}(?:er|or)|billing|accounting|shipping|support))(?: team)? ((?:comes|arrives|visits|stops by|drops off|picks up|reviews|reverses|refunds|credits|installs|measures|delivers|collects|contacts|processes|issues|ships|mails|prepares|finishes|(?:calls|emails|texts)(?= (?:you|back|them|him|her|us)\b))\b.*)`,
);
/**
 * "The templater comes Tuesday between 8 and 10" is a visit; "the router arrives Thursday" and "your
 * order comes Monday" are deliveries told as news. A subject known only by its "-er/-or" ending may
 * name a thing, so it counts as a person only when it is not the customer's own and, when it merely
 * comes or arrives, when the visit has a time window or a purpose.
 */
const KNOWN_PARTY = new RegExp(
  String.raw`\b(?:${ROLE_NOUNS.join('|')}|billing|accounting|shipping|support)$`,
);
const VISIT_DETAIL = /\b(?:between|from \d|at \d|morning|afternoon|evening|to [a-z]+)\b/;

function personDoes(party: string, deed: string): boolean {
  if (KNOWN_PARTY.test(party)) return true;
  if (/^(?:your|my|his|her|their|its) /.test(party)) return false;
  return !/^(?:comes|arrives)\b/.test(deed) || VISIT_DETAIL.test(deed);
}
/** "The crew usually comes Tuesdays": a habit, not a visit booked. */
const HABIT_WORDS =
  /\b(?:usually|always|normally|typically|generally|often|every)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b/;

/** On-call instructions ("please tap Clear cache") are troubleshooting, not homework. */
const ON_CALL_REQUESTS = [
  'hold',
  'wait',
  'bear',
  'confirm',
  'verify',
  'read',
  'spell',
  'repeat',
  'let me know',
  'stay',
  'go ahead',
  'try',
  'open',
  'click',
  'tap',
  'enter',
  'restart',
  'turn',
  'unplug',
  'plug',
  'remove',
  'rinse',
  'check',
  'give me',
  'tell me',
  'hang on',
  'describe',
  'go to',
  'select',
  'scan',
];
const CUSTOMER_REQUEST = [
  "you'll need to ",
  "you'll also need to ",
  'you will need to ',
  'you will also need to ',
  'you need to ',
  'you also need to ',
  'make sure to ',
  "don't forget to ",
  'remember to ',
  "you'll want to ",
  'you must ',
];
/**
 * "If you can pull together your last two pay stubs, that'll make the session more useful": a request
 * put politely, not a condition.
 */
const POLITE_IF_REQUEST =
  /(?:^|, )if you (?:can|could) ([a-z][^,]*), (?:that'll|that will|that would|that'd|it'll|it will|it would|it'd) (?:help|make|speed|save|be)\b/;
const HABITUAL = /\b(?:sometimes|usually|generally|normally|typically|often)\s*,?\s*$/;
const SCHEDULED = /^(?:i've|i have|we've|we have) (?:booked|scheduled|set up|arranged)\s/;
const LETS_SCHEDULE = /^(?:let's|let us) (?:book|schedule|set up|arrange|plan)\s/;
/** Work done before the call ends: "I'll send her the request now, and…" is already under way. */
const IMMEDIATE = /\b(?:now|right away|real quick|in a moment|in a second|while you wait)\b(?!\s+on\b)/;
/** "I'm going to place you on a brief hold": a step of the call itself. */
const ON_HOLD = /\bon (?:a )?(?:brief |short |quick |quick little )?hold\b/;
/**
 * A promise that depends on something ("if they don't find it, we'll…") is not one yet. "Once you fill
 * it out, we'll…" is not among them: it orders two promised steps, it does not doubt either.
 */
const CONDITIONAL = ['if ', 'unless ', 'in case ', 'when you '];
const DECLINE_START =
  /^(?:no|nope|nah|not now|not right now|not today|no thanks|no thank you|maybe later|i'll pass|i'm good|i'm okay|i'm fine)\b/;
const DONE_ON_CALL = [
  'done',
  'did it',
  'i did',
  'just did',
  "i'm in",
  'it worked',
  'that worked',
  'turned it',
  'all set',
  'finished',
  'completed',
  'just clicked',
  'it is off',
  "it's off",
  'i see it',
];
/** A report still speaking of the future ("…and it will go out shortly") reports nothing done. */
const FUTURE = /\b(?:will|going to)\b|'ll\b/;
const AGENT_DID_IT =
  /(?:^done\b|\bi've |\bi have |\bhas been |\bhave been |\bis now |\bare now |\ball set\b)/;
const CUT_AT = [
  ' so you ',
  ' so that ',
  ', so ',
  ' because ',
  ', otherwise',
  ' otherwise',
  ' just so ',
  ' in case ',
  ' for your records',
  ' in writing',
  ' so we ',
  ' so i ',
  ', and you',
  ' and you will',
  " and you'll",
  " and they'll",
  ' and they will',
  ', since ',
  ', whether ',
  // "…a return mailer so our lab can test it": the purpose, with its own subject, is not the deed.
  ' so our ',
  ' so the ',
  ' so they ',
  ' so he ',
  ' so she ',
  // "…right after this call" times the deed by the call itself, which nobody writes into the task.
  ' right after this call',
  ' right after the call',
  ' after this call',
  ' after we hang up',
  // "…Saturday morning, that's the one near me": a remark about the place, not part of the deed.
  ", that's ",
  ', which ',
  // "…and measure while the lights run the cues": a clause of circumstance, with its own subject.
  ' while ',
  // "…a replacement, it's covered under your plan": a remark about the deed, not the deed.
  ", it's ",
  ', it is ',
];
const PAPERWORK = [
  'confirmation',
  'receipt',
  'invoice',
  'final bill',
  'summary',
  'welcome email',
  'copy of',
  'statement',
  'login details',
  'reset link',
];
/**
 * What a customer can only do after the call. "I'll pay upfront" or "I'll take the blue one" said
 * mid-call is a choice made on the spot; a customer promise without a time must name such a deed.
 */
const LATER_DEEDS = [
  'call',
  'get back',
  'send',
  'email',
  'e-mail',
  'mail',
  'text',
  'upload',
  'forward',
  'fax',
  'bring',
  'drop',
  'sign',
  'e-sign',
  'return',
  'fill',
  'submit',
  'check',
  'think',
  'talk',
  'discuss',
  'let',
  'decide',
  'look for',
  'find',
  'come',
  'visit',
  'stop by',
  'pick',
  'reply',
  'schedule',
  'book',
  'contact',
  'reach out',
  'ask',
  'make sure',
];
/**
 * Sending the customer a document settles nothing by itself ("email you the written arrangement",
 * "put an application in the mail"), unless it is one the customer must decide on.
 */
const DELIVERS_DOCUMENT = new RegExp(
  String.raw`^(?:email|e-mail|mail|send|post|text|put)(?: the customer)? (?:a|an|the|their|the customer's|your|our|this|that|these|those) (?!(?:customer|${ROLE_NOUNS.join('|')})\b)`,
);
/** "The check will be mailed to you": the same delivery, told in the passive. */
const DELIVERED = /\bwill be (?:mailed|emailed|e-mailed|sent|posted|texted)\b/;
/** Documents the customer waits on: a decision or an answer still to be made is the open issue itself. */
const AWAITED_DOCUMENT = [
  'quote',
  'proposal',
  'estimate',
  'contract',
  'agreement',
  'offer',
  'decision',
  'answer',
  'result',
  'approval',
  'outcome',
];
const OPEN_ENDED_CUSTOMER = [
  'get back',
  'call back',
  'call you back',
  'decide',
  'discuss',
  'think about',
  'talk it over',
  'let you know',
];
/**
 * Signing a contract or an agreement is the decision the issue waits on; signing a form ("sign the
 * hardship form Thursday", "bring the signed form") is a formality.
 */
const SIGNS_A_DEAL =
  /\bsign (?:and return )?(?:the |a |an |your |their |the customer's )?(?:[a-z-]+ ){0,3}(?:contract|agreement|lease|proposal|quote|offer)s?\b/;

function stripFiller(text: string): string {
  return text.replace(LEADING_FILLER, '');
}

function clauseAfter(text: string, marker: string): string | undefined {
  const at = text.indexOf(marker);
  if (at === -1) return undefined;
  // Markers count only at the start of a clause: "I'll…", "…, and I'll…", "…, we'll…".
  const before = text.slice(0, at).trimEnd();
  if (
    at > 0 &&
    !before.endsWith(',') &&
    !before.endsWith(' and') &&
    !before.endsWith(' then') &&
    !before.endsWith(' so') &&
    !before.endsWith(' but') &&
    !before.endsWith(';')
  )
    return undefined;
  return text.slice(at + marker.length);
}

function cut(clause: string): string {
  let end = clause.length;
  for (const marker of CUT_AT) {
    const at = clause.indexOf(marker);
    if (at > 0 && at < end) end = at;
  }
  return (
    clause
      .slice(0, end)
      // "…a replacement, no charge": what it costs is a remark, not part of the task.
      .replace(/,?\s+(?:at |for )?(?:no (?:extra |additional )?(?:charge|cost)|free of charge)\b/, '')
      .replace(/[.!?,;:\s]+$/, '')
      .replace(/^(?:also|just|quickly|go ahead and|need to|have to|then)\s+/, '')
  );
}

function thirdPerson(text: string, speaker: 'agent' | 'customer'): string {
  // "call you, whether…": a pronoun before punctuation is still a pronoun.
  let out = ` ${text} `.replace(/([,;:.!?])/g, ' $1');
  if (speaker === 'agent') {
    out = out
      .replace(/ your /g, " the customer's ")
      .replace(/ yours /g, " the customer's ")
      .replace(/ you /g, ' the customer ')
      .replace(/ yourself /g, ' themselves ');
  } else {
    out = out
      .replace(/ my /g, ' their ')
      .replace(/ me /g, ' them ')
      .replace(/ i /g, ' they ')
      .replace(/ i'm /g, " they're ")
      .replace(/ you /g, ' the company ');
  }
  return out.replace(/ ([,;:.!?])/g, '$1').trim();
}

/** The rules read lower case; names and days get their capitals back from the sentence ("by Friday", "Dr. Okafor"). */
function recase(text: string, original: string): string {
  const cased = new Map<string, string>();
  original.split(/\s+/).forEach((word, index) => {
    const bare = word.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
    if (index > 0 && bare !== 'I' && /\p{Lu}/u.test(bare)) cased.set(bare.toLowerCase(), bare);
  });
  return text.replace(
    /[\p{L}\d][\p{L}\d'.-]*/gu,
    (word) => cased.get(word) ?? cased.get(word.replace(/[.]$/, '')) ?? word,
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const NUMBER_WORD = String.raw`(?:\d+(?: to \d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty[- ]four|forty[- ]eight|seventy[- ]two|a few|a couple of)`;
/** "within 24 hours", "in 2 business days", "within the hour", "by the end of the week". */
const SPAN = new RegExp(
  String.raw`\b(?:within|in|by|before|until|no later than)\s+(?:the\s+)?(?:next\s+)?(?:${NUMBER_WORD}\s+(?:business\s+|working\s+)?(?:minutes?|hours?|days?|weeks?|months?)|hour|day|week|end of (?:the )?(?:day|week|month))\b`,
  'i',
);
/** Deadlines that still fall within the call's day, when the work may well be done before it ends. */
const SAME_DAY = /\b(?:now|today|tonight|this (?:morning|afternoon|evening)|minutes?|hours?)\b/i;
const PREPOSITIONS = ['by ', 'on ', 'before ', 'until ', 'this ', 'next ', 'for '];

/** The deadline in the words used: a span ("within 24 hours") or a date wink found ("by Friday", "tomorrow"). */
export function dueOf(sentence: Sentence): string | null {
  const span = SPAN.exec(sentence.text);
  if (span) return span[0].slice(0, 100);
  for (const value of sentence.when) {
    // Bare numbers and units ("2", "days") are pieces of a span, not dates.
    if (/^\d+$|^(?:minutes?|hours?|days?|weeks?|months?)$/i.test(value)) continue;
    const at = sentence.lower.indexOf(value.toLowerCase());
    // "today's outage" names an outage, not a deadline.
    if (at === -1 || sentence.lower.startsWith("'s", at + value.length)) continue;
    const before = sentence.lower.slice(Math.max(0, at - 8), at);
    const preposition = PREPOSITIONS.find(
      (word) => before.endsWith(word) && !value.toLowerCase().startsWith(word),
    );
    return `${preposition ?? ''}${sentence.text.slice(at, at + value.length)}`.slice(0, 100);
  }
  return null;
}

/** A deadline after the call's day ("before Thursday", "tomorrow"): the work cannot be done on the call. */
function dueLater(sentence: Sentence): boolean {
  const due = dueOf(sentence);
  return due !== null && !SAME_DAY.test(due);
}

/** "Friday" is in "come Friday morning" already, whatever preposition the deadline was found with. */
function mentionsDue(text: string, due: string): boolean {
  return due
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter((word) => word && !PREPOSITIONS.includes(`${word} `))
    .some((word) => new RegExp(String.raw`\b${word}\b`).test(text));
}

/** "[email_1]" is a redacted address, not the word "email": "I've updated it to [email_1]" sends nothing. */
const PLACEHOLDER = /\[[a-z]+(?:_[a-z]+)*(?:_\d+)?\]/g;

function wordStems(sentence: Sentence): string[] {
  return sentence.lower.includes('[')
    ? contentStems(sentence.lower.replace(PLACEHOLDER, ' '))
    : sentence.stems;
}

const SENT_IT =
  /\b(?:i've|i have|we've|we have) (?:just |now )?(?:sent|emailed|texted|e-mailed) (?:it|that|them|those|this)\b/;
const SENDS = /^(?:send|email|e-mail|text)\b/;

function completedOnCall(
  analysis: Analysis,
  from: number,
  owner: 'agent' | 'customer',
  stems: ReadonlySet<string>,
  deed: string,
): boolean {
  let looked = 0;
  for (let turn = from + 1; turn < analysis.byTurn.length && looked < 3; turn += 1) {
    const sentences = analysis.byTurn[turn] ?? [];
    const role = sentences[0]?.role;
    if (owner === 'customer' && role === 'customer') {
      looked += 1;
      if (
        sentences.some(
          (sentence) => includesAny(sentence.lower, DONE_ON_CALL) && !sentence.lower.includes("i'll"),
        )
      )
        return true;
    }
    if (owner === 'agent' && role === 'agent') {
      looked += 1;
      if (
        sentences.some(
          (sentence) =>
            // "I've just sent it": the thing promised a moment ago, referred back to.
            (SENT_IT.test(sentence.lower) && SENDS.test(deed)) ||
            (AGENT_DID_IT.test(stripFiller(sentence.lower)) &&
              // "I've updated it, and the confirmation will go there shortly": the promised part is still ahead.
              !FUTURE.test(sentence.lower) &&
              wordStems(sentence).some((stem) => stems.has(stem))),
        )
      )
        return true;
    }
  }
  return false;
}

/**
 * "Let me recap: the users are set up, the fax line is live…": a wrap-up later in the call that states
 * the promised work as done. It must share at least two content words with the promise, so a recap of
 * other work does not cancel an open promise.
 */
const UNTIL_CLAUSE = /\b(?:once|when|after|until|if|as soon as|before) [^,.;]*/g;
const STATE_REPORTED_DONE = /\b(?:is|are|was|were) (?:now |all |already )?(?:set up|live|[a-z]{3,}ed)\b/;

function recappedAsDone(analysis: Analysis, from: number, stems: ReadonlySet<string>): boolean {
  for (let turn = from + 1; turn < analysis.byTurn.length; turn += 1) {
    for (const sentence of analysis.byTurn[turn] ?? []) {
      if (sentence.role !== 'agent' || sentence.lower.includes("i'll") || sentence.lower.includes(' will '))
        continue;
      // "…processing time once the refund is issued" names a moment to come, not work done.
      const reported = sentence.lower.replace(UNTIL_CLAUSE, '');
      if (!STATE_REPORTED_DONE.test(reported) && !AGENT_DID_IT.test(stripFiller(reported))) continue;
      const shared = new Set(wordStems(sentence).filter((stem) => stems.has(stem)));
      if (shared.size >= 2) return true;
    }
  }
  return false;
}

/** The words of a promised deed that a later report of the work would repeat. */
function deedStems(text: string): Set<string> {
  // "email you the UPDATED confirmation" is not done by "I've updated your address": a participle
  // describing the object says nothing about the promised deed.
  return new Set(
    contentStems(text.replace(/\b[a-z]+ed (?=[a-z])/g, '')).filter(
      (stem) => stem.length > 3 && stem !== 'custom',
    ),
  );
}

/** An agent's promise made in `turn` that the agent later reports as done ("To recap, the greeting is added"). */
export function recappedLater(analysis: Analysis, turn: number, text: string): boolean {
  return recappedAsDone(analysis, turn, deedStems(text.toLowerCase()));
}

function previousAgentAsked(analysis: Analysis, turn: number): boolean {
  for (let index = turn - 1; index >= 0 && index >= turn - 2; index -= 1) {
    const sentences = analysis.byTurn[index] ?? [];
    if (sentences[0]?.role !== 'agent') continue;
    return sentences.some(
      (sentence) =>
        sentence.isQuestion ||
        /\b(?:would you like|do you want|want me to|should i|interested in|can i offer|i can|i could|how about)\b/.test(
          sentence.lower,
        ),
    );
  }
  return false;
}

/** "Would you like to set up autopay?" "I'll call back about that": the customer's own option. */
function answersOffer(analysis: Analysis, turn: number): boolean {
  for (let index = turn - 1; index >= 0; index -= 1) {
    const sentences = analysis.byTurn[index] ?? [];
    if (sentences[0]?.role === 'agent')
      return sentences.some((sentence) =>
        /\b(?:would you like|do you want|want me to)\b/.test(sentence.lower),
      );
  }
  return false;
}

interface Candidate {
  sentence: Sentence;
  owner: 'agent' | 'customer';
  text: string;
  /** Began with "he", "she" or "they": it carries on the promise before it. */
  continues?: boolean;
  /** Offered ("I can have…"): a promise only if the customer does not turn it down. */
  offered?: boolean;
  /** Offered as a question or an option ("want me to email you a quote?"): a promise only once the customer says yes. */
  needsYes?: boolean;
}

/** "And if it's still broken?" "Then I'll move you to another office": a turn opened by "then" answers a what-if. */
function answersIf(sentence: Sentence): boolean {
  return (
    sentence.index === 0 &&
    /^(?:(?:okay|ok|well|so|yes|yeah),?\s+)?(?:then|in that case)\b/.test(sentence.lower)
  );
}

function pleaseRequest(sentence: Sentence, clause: string): Candidate | undefined {
  // "Please don't apologize" asks for nothing to be done.
  // "Please stop using that can" asks the customer to refrain, which is no task.
  if (
    ON_CALL_REQUESTS.some((verb) => clause.startsWith(verb)) ||
    /^(?:don't|do not|never|stop) /.test(clause)
  )
    return undefined;
  return { sentence, owner: 'customer', text: `customer to ${thirdPerson(cut(clause), 'agent')}` };
}

/** Work an agent offers that can only happen after the call: sending, calling, booking. */
const AFTER_CALL_OFFER =
  /(?:^|, |and )(?:would you like me to|do you want me to|want me to|should i|shall i|(?:i|we) can(?: also)?) ((?:send|email|e-mail|mail|text|ship|call|schedule|book|reserve|put together|follow up|reach out|check back|get back)\b.*?)\??$/;
/** "Yes, please", "that'd be great", "sure": the customer taking the offer. */
const ACCEPTS =
  /^(?:yes|yeah|yep|yup|sure|please|that would|that'd|definitely|absolutely|sounds good|go ahead|why not|if you could|oh,? (?:yes|yeah|sure|please|that))\b/;

/** The customer's next turn takes the offer. */
function customerAccepted(analysis: Analysis, turn: number): boolean {
  const reply = analysis.byTurn.slice(turn + 1).find((sentences) => sentences[0]?.role !== 'agent');
  const answer = reply?.[0]?.lower ?? '';
  return reply?.[0]?.role === 'customer' && ACCEPTS.test(answer) && !/\b(?:no|not|don't)\b/.test(answer);
}

function agentCandidate(sentence: Sentence): Candidate | undefined {
  const text = stripFiller(sentence.lower);
  // "Want me to email you a written quote?" "Yes, please.": an offer the customer takes is a promise.
  const offer = cut(AFTER_CALL_OFFER.exec(text)?.[1] ?? '');
  // "I can send you a payment link here in the chat" is done before the call ends.
  if (
    offer &&
    !IMMEDIATE.test(offer) &&
    !/\b(?:here|in (?:the|this) chat)\b/.test(offer) &&
    !answersIf(sentence)
  )
    return { sentence, owner: 'agent', text: thirdPerson(offer, 'agent'), needsYes: true };
  if (sentence.isQuestion || answersIf(sentence)) return undefined;
  const conditionalBefore = (clause: string) =>
    CONDITIONAL.some((word) => text.slice(0, text.length - clause.length).includes(word));

  for (const marker of FIRST_PERSON) {
    const clause = clauseAfter(text, marker);
    if (clause === undefined) continue;
    if (conditionalBefore(clause)) return undefined;
    if (POLICY_WILL.test(clause) || REQUIREMENT.test(clause) || OPENS_RECORD.test(clause)) return undefined;
    // "I'll refresh the dashboard on my side": work on the agent's screen, while the customer waits.
    if (/\bon (?:my|our) (?:side|end)\b/.test(clause) && !dueLater(sentence)) return undefined;
    if (
      (NOT_A_PROMISE.some((verb) => clause.startsWith(verb)) &&
        !clause.startsWith('need to ') &&
        !(LATER_CHECK.test(clause) && dueLater(sentence))) ||
      IMMEDIATE.test(clause) ||
      ON_HOLD.test(clause) ||
      ON_CALL_STEP.test(clause)
    )
      return undefined;
    return { sentence, owner: 'agent', text: thirdPerson(cut(clause), 'agent') };
  }
  const arranged = ARRANGED_FOR.exec(text);
  if (arranged?.[1] && !conditionalBefore(text))
    return { sentence, owner: 'agent', text: thirdPerson(cut(arranged[1]), 'agent'), offered: true };
  const visit = PARTY_ON_THE_WAY.exec(text);
  if (visit?.[1] && dueLater(sentence) && !conditionalBefore(text))
    return {
      sentence,
      owner: 'agent',
      text: thirdPerson(
        `${visit[1].replace(/^(?:a|an|the|our|your) /, '')} will come${cut(visit[2] ?? '')}`,
        'agent',
      ),
    };
  const does = PARTY_DOES.exec(text);
  if (
    does?.[1] &&
    personDoes(does[1], does[2] ?? '') &&
    dueLater(sentence) &&
    !HABIT_WORDS.test(text) &&
    !conditionalBefore(text)
  )
    return { sentence, owner: 'agent', text: thirdPerson(`${does[1]} ${cut(does[2] ?? '')}`, 'agent') };
  // "Please bring him in fasting, since she'll want to draw blood": the request leads, the reason follows.
  if (text.startsWith('please ')) return pleaseRequest(sentence, text.slice('please '.length));
  // "One thing: before Tuesday, please clear the counters": a lead-in does not change the request.
  const leadIn = /^[a-z ,:]{0,40}[,:] please /.exec(text);
  if (leadIn && !conditionalBefore(text.slice(leadIn[0].length)))
    return pleaseRequest(sentence, text.slice(leadIn[0].length));
  const party = THIRD_PARTY.exec(text);
  if (party?.[1]) {
    const subject = party[1].replace(/^(?:a|an|the|our|my|your) /, '');
    const clause = text.slice((party.index ?? 0) + party[0].length);
    // "You can bring it to any store and they'll swap it": what follows the customer's own step.
    if (conditionalBefore(clause) || text.slice(0, party.index ?? 0).includes('you can ')) return undefined;
    if (POLICY_WILL.test(clause)) return undefined;
    // "…before they'll cover it" is a condition, and "they'll need the side of the house" a requirement.
    if (!SUBORDINATE_END.test(text.slice(0, party.index ?? 0)) && !clause.startsWith('need '))
      return { sentence, owner: 'agent', text: thirdPerson(`${subject} will ${cut(clause)}`, 'agent') };
  }
  const receive = YOU_WILL_RECEIVE.exec(text);
  if (receive?.[1] && !conditionalBefore(text))
    return { sentence, owner: 'agent', text: `send ${receive[1]} to the customer` };
  const step = WE_NEED_TO.exec(text);
  if (step?.[1] && !conditionalBefore(text))
    return { sentence, owner: 'agent', text: thirdPerson(cut(step[1]), 'agent') };
  const passive = PASSIVE_PROMISE.exec(text);
  if (passive?.[1] && !conditionalBefore(text))
    return {
      sentence,
      owner: 'agent',
      text: thirdPerson(cut(passive[1].replace(/^(?:your|the) /, '')), 'agent'),
    };
  if (SCHEDULED.test(text) && sentence.when.length > 0)
    return {
      sentence,
      owner: 'agent',
      text: thirdPerson(cut(text.replace(/^(?:i've|i have|we've|we have) /, '')), 'agent'),
    };
  if (LETS_SCHEDULE.test(text))
    return {
      sentence,
      owner: 'agent',
      text: thirdPerson(cut(text.replace(/^(?:let's|let us) /, '')), 'agent'),
    };

  const politeIf = POLITE_IF_REQUEST.exec(text)?.[1];
  if (politeIf)
    return { sentence, owner: 'customer', text: `customer to ${thirdPerson(cut(politeIf), 'agent')}` };

  for (const marker of CUSTOMER_REQUEST) {
    const at = text.indexOf(marker);
    if (at === -1) continue;
    // "Sometimes you need to sign out and back in" is general advice, not something asked for later.
    if (HABITUAL.test(text.slice(0, at))) return undefined;
    return {
      sentence,
      owner: 'customer',
      text: `customer to ${thirdPerson(cut(text.slice(at + marker.length)), 'agent')}`,
    };
  }
  return undefined;
}

function customerCandidate(sentence: Sentence): Candidate | undefined {
  const text = stripFiller(sentence.lower);
  if (sentence.isQuestion) return undefined;
  for (const marker of ["i'll ", 'i will ', "i'm going to ", "we'll ", 'we will ']) {
    const clause = clauseAfter(text, marker);
    if (clause === undefined) continue;
    if (CONDITIONAL.some((word) => text.slice(0, text.length - clause.length).includes(word)))
      return undefined;
    // "I'll leave the gate unlocked Thursday": leaving or keeping something a certain way for a later day is a promise.
    const keptForLater = /^(?:leave|keep) /.test(clause) && dueLater(sentence);
    if (
      NOT_A_PROMISE.some((verb) => clause.startsWith(verb)) &&
      !clause.startsWith('need to ') &&
      !keptForLater
    )
      return undefined;
    const action = cut(clause.replace(/^(?:need|have) to /, ''));
    // "I'll have to think about whether it's worth it" is indecision; "think it over and call you" promises the call.
    if (
      /^(?:think|consider|mull)\b/.test(action) &&
      !/\b(?:call|let|get back|email|text|contact)\b/.test(action)
    )
      return undefined;
    // "I'll do that" acknowledges the agent's request, which is already an item.
    if (/^(?:do|handle|get to) (?:that|it|this)\b/.test(action) || action.split(' ').length < 2)
      return undefined;
    if (sentence.when.length === 0 && !LATER_DEEDS.some((deed) => action.startsWith(deed))) return undefined;
    return { sentence, owner: 'customer', text: `customer to ${thirdPerson(action, 'customer')}` };
  }
  // "I can email that to you tonight": an offer with a time is a promise.
  const clause = clauseAfter(text, 'i can ');
  if (
    clause !== undefined &&
    sentence.when.length > 0 &&
    LATER_DEEDS.some((deed) => clause.startsWith(deed))
  ) {
    const action = cut(clause).replace(/ to you\b/, '');
    return { sentence, owner: 'customer', text: `customer to ${thirdPerson(action, 'customer')}` };
  }
  return undefined;
}

/** The customer's next turn opens with "no thanks" or the like. */
function customerTurnedDown(analysis: Analysis, turn: number): boolean {
  const reply = analysis.byTurn.slice(turn + 1).find((sentences) => sentences[0]?.role === 'customer');
  return DECLINE_START.test(stripFiller(reply?.[0]?.lower ?? ''));
}

/** Steps a customer can only take after the call, the ones an agent asks for ("you can email it to…"). */
const HANDOVER_DEED =
  /^(?:send|email|e-mail|mail|upload|forward|fax|bring|drop|sign|e-sign|return|fill|submit|call|visit|stop by|pick up|reply|book|schedule|contact|reach out|print|take)\b/;
/** "You can email that to…", "so, you'll bring the box in", "please return the form": asked of the customer. */
const ASKED_OF_CUSTOMER =
  /(?:^|, )(please |you can (?:just |also )?|you(?:'ll| will) (?:just |also )?(?:need to |want to )?)(.+)$/;
const COULD_YOU = /(?:^|, |: )(?:could|can|would) you (?:please )?(?:be able to )?(.+)$/;
/** The customer promising something, however briefly: "I'll swing by", "will do". */
const CUSTOMER_AGREES = /(?:^|\s)(?:i'll|i will|i'm going to|will do)\b/;

/** "I'll send the PO number over by Friday" names what and when in the customer's own words. */
const SELF_CONTAINED_PROMISE =
  /(?:i'll|i will|i'm going to) (?:just |also )?[a-z-]+ (?:the|my|our|a|an) (?:[a-z-]+ ){0,6}[a-z-]+ (?:over |in |back )?(?:by|on|before|tonight|today|tomorrow|this|next)\b/;

/**
 * "You can email the invoice to adjustments." "Okay, I'll send that over tonight." The customer
 * agreed to the agent's request: one item, in the agent's fuller words, due when the customer said.
 */
function requestAgreedTo(analysis: Analysis, sentence: Sentence): Candidate | undefined {
  if (sentence.isQuestion || !CUSTOMER_AGREES.test(sentence.lower)) return undefined;
  const promise = /(?:i'll|i will|i'm going to) (?:just |also )?([a-z-]+)/.exec(sentence.lower);
  // Only a vague "I'll send it tonight" needs the agent's request to say what.
  if (SELF_CONTAINED_PROMISE.test(sentence.lower)) return undefined;
  for (let turn = sentence.turn - 1; turn >= 0 && turn >= sentence.turn - 2; turn -= 1) {
    const asked = analysis.byTurn[turn] ?? [];
    if (asked[0]?.role !== 'agent') continue;
    // "You'll need to return the modem…" is an item already; "I'll do that" only agrees to it.
    if (asked.some((request) => agentCandidate(request)?.owner === 'customer')) return undefined;
    for (const request of [...asked].reverse()) {
      const text = stripFiller(request.lower);
      // "Could you export the webhook list…?" "Sure, I'll send it tomorrow": any task put off to later.
      const favour = COULD_YOU.exec(text)?.[1];
      // "Could you email that to billing?" "Yes, I'll do it as soon as we hang up.": a customer who
      // names no deed of their own agrees to the favour asked, even without a day.
      // "I'll put that together and send it over by then" agrees too: the customer repeats the deed
      // asked for, and names no time of their own that their own words would carry.
      const repeatsDeed =
        sentence.when.length === 0 &&
        new RegExp(String.raw`\b${(favour?.split(' ')[0] ?? '').replace(/[^a-z-]/g, '')}\b`).test(
          sentence.lower,
        );
      const agreedDeed =
        favour !== undefined &&
        HANDOVER_DEED.test(favour) &&
        (/^(?:do|handle|take care of)$/.test(
          promise?.[1] === 'take' ? 'take care of' : (promise?.[1] ?? ''),
        ) ||
          repeatsDeed);
      if (
        favour &&
        (dueLater(sentence) || agreedDeed) &&
        !ON_CALL_REQUESTS.some((verb) => favour.startsWith(verb))
      )
        return {
          sentence: request,
          owner: 'customer',
          text: `customer to ${thirdPerson(cut(favour.replace(/\?$/, '')), 'agent')}`,
        };
      // A bare imperative ("Send it to support…") counts when the customer repeats its verb.
      const clause =
        ASKED_OF_CUSTOMER.exec(text)?.[2] ??
        (promise?.[1] && text.startsWith(`${promise[1]} `) ? text : undefined);
      if (request.isQuestion || !clause || !HANDOVER_DEED.test(clause)) continue;
      return {
        sentence: request,
        owner: 'customer',
        text: `customer to ${thirdPerson(cut(clause), 'agent')}`,
      };
    }
    return undefined;
  }
  return undefined;
}

/** "He will call…" names who; "send them tonight" names what. See references.ts. */
function resolveReferences(analysis: Analysis, candidate: Candidate): Candidate {
  let text = candidate.text;
  const subject = /^(he|she|they) will /.exec(text);
  const role = subject ? subjectReferredTo(analysis, candidate.sentence, subject[1] ?? '') : undefined;
  if (subject && role) text = `${role} will ${text.slice(subject[0].length)}`;
  return {
    ...candidate,
    text: withThingNamed(analysis, candidate.sentence, text),
    continues: subject !== null,
  };
}

function dice(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const stem of left) if (right.has(stem)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/** "You'll need to sign it" and "I'll sign it tonight" are one action: said twice, kept once. */
const SAME_ACTION = 0.5;

const UNITS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS =
  'zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'.split(
    ' ',
  );
const NUMBER_TOKEN = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?|${[...UNITS.slice(1), ...ORDINAL_UNITS.slice(1), 'twentieth', 'thirtieth'].join('|')})`;
/** Day of the month: "on the fourteenth", "December tenth", "Saturday the ninth", not "the first one". */
const ORDINAL_TOKEN = String.raw`(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|${[...ORDINAL_UNITS.slice(1), 'twentieth', 'thirtieth'].join('|')})`;
const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december)`;
/**
 * Where a spelled number is a range, a time of day or a date ("three to five", "between nine and
 * noon", "at ten", "the fourteenth"), not "the corrected one", "a second call" or "two business days",
 * which people write either way.
 */
const COUNTED = new RegExp(
  String.raw`\b(${NUMBER_TOKEN})(?= (?:to|or) (?:${NUMBER_TOKEN}|\d)| (?:am|pm|a\.m\.|p\.m\.|o'clock)\b)|(?<=\b(?:between|at|by|to) )(${NUMBER_TOKEN})\b(?! (?:of|more|business|working|minutes?|hours?|days?|weeks?|months?)\b)|(?<=\bbetween \S+ and |\b${NUMBER_TOKEN} (?:to|or) )(${NUMBER_TOKEN})\b|(?<=\b(?:on|by|for|until|from|(?:mon|tues|wednes|thurs|fri|satur|sun)day) the |\b${MONTH} )(${ORDINAL_TOKEN})\b`,
  'g',
);

const ordinalSuffix = (value: number) =>
  value % 100 >= 11 && value % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');

/** "fifty-five" is 55, "twenty-first" 21st, "ten" 10. */
function numberValue(words: string): string | undefined {
  const [first = '', second = ''] = words.split(/[- ]/);
  if (first === 'twentieth' || first === 'thirtieth') return first === 'twentieth' ? '20th' : '30th';
  const tens = TENS.indexOf(first) > 0 ? TENS.indexOf(first) * 10 : 0;
  const rest = tens ? second : first;
  if (tens && !rest) return String(tens);
  if (UNITS.indexOf(rest) > 0) return String(tens + UNITS.indexOf(rest));
  const value = tens + ORDINAL_UNITS.indexOf(rest);
  return ORDINAL_UNITS.indexOf(rest) > 0 ? `${value}${ordinalSuffix(value)}` : undefined;
}

/**
 * "within three to five business days", "the fourteenth between nine and noon": people write
 * quantities, times and dates in figures, whatever the transcript spelled out.
 */
function inFigures(text: string): string {
  return clockTimesInFigures(text).replace(COUNTED, (words) => numberValue(words) ?? words);
}

const HOUR_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const MINUTE_WORDS = String.raw`oh[- ](?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?`;
/** Not a time when a unit follows: "two fifteen-minute calls", "at one twenty dollars". */
const NOT_A_MINUTE = String.raw`(?![-\w])(?! (?:minutes?|hours?|days?|weeks?|months?|years?|dollars?|bucks|percent|people|times|of|more|each|items?|units?)\b)`;
/** Said after "at", "between"…, before "pm", or as the start of a range of times. */
const CLOCK_TIME = new RegExp(
  String.raw`(?:(?<=\b(?:at|between|from|by|to|until|till|and|or|around|about) )|\b(?=(?:${HOUR_WORDS}) (?:${MINUTE_WORDS})(?: ?(?:am|pm|a\.m\.|p\.m\.)\b| (?:to|and|or|until) (?:${HOUR_WORDS}) (?:${MINUTE_WORDS})\b)))(${HOUR_WORDS}) (${MINUTE_WORDS})${NOT_A_MINUTE}`,
  'gi',
);

/** "between six fifteen and six forty-five", "at nine oh five": a time said as hour and minutes is 6:15, 9:05. */
export function clockTimesInFigures(text: string): string {
  return text.replace(CLOCK_TIME, (whole: string, hour: string, minutes: string) => {
    const hourValue = UNITS.indexOf(hour.toLowerCase());
    const [first = '', second = ''] = minutes.toLowerCase().split(/[- ]/);
    const minuteValue =
      first === 'oh'
        ? UNITS.indexOf(second)
        : TENS.indexOf(first) > 0
          ? TENS.indexOf(first) * 10 + Math.max(0, UNITS.indexOf(second))
          : UNITS.indexOf(first);
    return hourValue > 0 && minuteValue > 0 ? `${hourValue}:${String(minuteValue).padStart(2, '0')}` : whole;
  });
}

const WEEKDAY = String.raw`(?:mon|tues|wednes|thurs|fri|satur|sun)day`;
/**
 * "I have Thursday between eight and twelve, or Monday afternoon", "the earliest is Saturday the
 * ninth between 8 AM and noon": a day, maybe its date and part of the day, and the window.
 */
const OFFERED_SLOT = new RegExp(
  String.raw`\b(${WEEKDAY}|tomorrow)((?:,? (?!between\b)[a-z0-9]+){0,3}?),? (between [a-z0-9:]+(?: ?[ap]\.?m\.?)? and [a-z0-9:]+(?: ?[ap]\.?m\.?)?)`,
  'g',
);
/** Of the words between the day and the window, the ones that date it: "the ninth", "December tenth", "morning". */
const DATING_WORD = new RegExp(
  String.raw`^(?:the|morning|afternoon|evening|${MONTH}|\d+(?:st|nd|rd|th)?|${NUMBER_TOKEN})$`,
);
/**
 * Who comes: a role named near the slot, or a noun in "-er/-or" after "our" or "the" ("our estimator
 * Dale has Thursday open…", "the templater").
 */
const VISITOR = new RegExp(
  String.raw`\b(?:${ROLE_NOUNS.filter((noun) => !['team', 'department', 'pharmacy', 'lead'].includes(noun)).join('|')}|(?<=\b(?:our|the) )[a-z]{4,}(?:er|or))s?\b`,
  'g',
);
/** Nouns in "-er/-or" that name things or the customer's people, not a visitor. */
const NOT_A_VISITOR =
  /^(?:customer|member|owner|partner|order|number|letter|paper|door|floor|water|power|center|corner|winter|summer|offer|answer|matter|error|color|router|computer|monitor|printer|meter|heater|filter|counter|folder|register|september|october|november|december)s?$/;
/** An item that already sends someone out: the booked window belongs to it. */
const VISIT_DEED =
  /\b(?:visit|come|comes|coming|send|dispatch|install|inspect|measure|deliver|repair|stop by|be there|be out)\b/;

function visitorNear(analysis: Analysis, sentence: Sentence): string | undefined {
  // The slot's own sentence, then what the agent says right after it ("…the technician is booked"),
  // then back through the turns before it.
  const at = analysis.sentences.indexOf(sentence);
  const after = analysis.sentences
    .slice(at + 1)
    .filter((candidate) => candidate.role === 'agent' && candidate.turn <= sentence.turn + 2);
  const before = analysis.sentences
    .slice(0, at)
    .reverse()
    .filter((candidate) => candidate.turn >= sentence.turn - 4);
  const lookedAt = [sentence, ...after, ...before];
  for (const candidate of lookedAt) {
    const nouns = [...candidate.lower.matchAll(VISITOR)]
      .map((match) => match[0].replace(/s$/, ''))
      .filter((noun) => !NOT_A_VISITOR.test(noun));
    if (nouns.length > 0) return nouns.at(-1);
  }
  return undefined;
}

/** The window the agent offered and the customer took: "Thursday between 8 and 12". */
function bookedSlot(analysis: Analysis): { sentence: Sentence; slot: string; day: string } | undefined {
  for (const sentence of analysis.sentences) {
    if (sentence.role !== 'agent') continue;
    const options = [...sentence.lower.matchAll(OFFERED_SLOT)];
    if (options.length === 0) continue;
    const reply = analysis.byTurn.slice(sentence.turn + 1).find((turn) => turn[0]?.role === 'customer')?.[0];
    const answer = stripFiller(reply?.lower ?? '');
    // "No, Thursday's no good": the customer did not take the slot.
    if (DECLINE_START.test(answer) || /\b(?:doesn't|does not|won't|can't) work\b/.test(answer)) continue;
    // "Thursday between 8 and 12, or Tuesday between 1 and 5?" "Tuesday.": the option the customer named.
    const named = new RegExp(String.raw`\b${WEEKDAY}\b`).exec(answer)?.[0];
    const offered = named ? options.find((option) => option[1] === named) : options[0];
    if (!offered) continue;
    const dating = (offered[2] ?? '')
      .split(/[ ,]+/)
      .filter((word) => DATING_WORD.test(word))
      .join(' ');
    const day = dating ? `${offered[1]} ${dating}` : (offered[1] ?? '');
    return {
      sentence,
      slot: recase(inFigures(`${day} ${offered[3] ?? ''}`), sentence.text),
      day: recase(day, sentence.text),
    };
  }
  return undefined;
}

/**
 * A visit booked on the call ("I have Thursday between 8 and 12." "Thursday works.") happens after it:
 * the window goes into the item that sends someone out, or makes an item of its own.
 */
function addBookedVisit(analysis: Analysis, found: Commitment[]): void {
  const booked = bookedSlot(analysis);
  if (!booked) return;
  // The company's item set on that day ("deliver the washer Monday") already holds the visit; one due
  // "before Thursday" is other work.
  const onTheDay = new RegExp(
    String.raw`(?<!\b(?:before|by|until) )\b${booked.day.split(' ')[0] ?? ''}\b`,
    'i',
  );
  if (found.some((item) => item.owner === 'agent' && onTheDay.test(item.text))) return;
  const visit = found
    .filter((item) => item.owner === 'agent' && VISIT_DEED.test(item.text.toLowerCase()))
    .sort(
      (left, right) =>
        Math.abs(left.turn - booked.sentence.turn) - Math.abs(right.turn - booked.sentence.turn),
    )[0];
  if (visit && Math.abs(visit.turn - booked.sentence.turn) <= 6) {
    // A long item strings several deeds together; the window belongs to none of them in particular.
    if (visit.text.split(' ').length > 12) return;
    visit.text = `${visit.text} ${booked.slot}`;
    visit.due = booked.day;
    visit.followUp = true;
    return;
  }
  const visitor = visitorNear(analysis, booked.sentence);
  if (!visitor) return;
  found.push({
    text: capitalize(`${visitor} to visit ${booked.slot}`),
    owner: 'agent',
    due: booked.day,
    turn: booked.sentence.turn,
    followUp: true,
  });
}

/**
 * Whether an item keeps the issue open after the call: paperwork (a confirmation, receipt, invoice) does
 * not, a callback, visit or awaited quote does; the customer's own item only when it is a decision or a
 * deal still to make, not the answer to an offer. `text` in lower case, as the rules word items.
 */
function leavesCallOpen(
  analysis: Analysis,
  item: { text: string; owner: 'agent' | 'customer'; turn: number },
): boolean {
  return item.owner === 'agent'
    ? !includesAny(item.text, PAPERWORK) &&
        ((!DELIVERS_DOCUMENT.test(item.text) && !DELIVERED.test(item.text)) ||
          includesAny(item.text, AWAITED_DOCUMENT))
    : (includesAny(item.text, OPEN_ENDED_CUSTOMER) || SIGNS_A_DEAL.test(item.text)) &&
        !answersOffer(analysis, item.turn);
}

export function findCommitments(analysis: Analysis): Commitment[] {
  const found: Commitment[] = [];
  const items: Array<{ commitment: Commitment; owner: 'agent' | 'customer'; stems: Set<string> }> = [];

  analysis.byTurn.forEach((sentences, turn) => {
    const role = sentences[0]?.role;
    if (!role || role === 'unknown') return;
    const declining =
      role === 'customer' &&
      DECLINE_START.test(stripFiller(sentences[0]?.lower ?? '')) &&
      previousAgentAsked(analysis, turn);
    if (declining) return;
    for (const sentence of sentences) {
      const spotted =
        role === 'agent'
          ? agentCandidate(sentence)
          : (requestAgreedTo(analysis, sentence) ?? customerCandidate(sentence));
      if (!spotted || spotted.text.length < 6) continue;
      if (spotted.offered && customerTurnedDown(analysis, turn)) continue;
      if (spotted.needsYes && !customerAccepted(analysis, turn)) continue;
      // "I'll get those over tonight", "I'll send it there": a deed named only by a pronoun, after the
      // same side already promised something, repeats that promise.
      const restated = RESTATED_DEED.test(spotted.text)
        ? found.findLast((item) => item.owner === spotted.owner)
        : undefined;
      if (restated) {
        restated.due ??= dueOf(sentence);
        continue;
      }
      const candidate = resolveReferences(analysis, spotted);
      if (VAGUE_DEED.test(candidate.text) && sentence.when.length === 0) continue;
      if (REASSURANCE.test(spotted.text)) continue;
      // "They'll go out tomorrow", "they'll come in the same envelope": a "they" no role was found for,
      // that ships or arrives, is the things sent, and the sending is told elsewhere.
      if (THINGS_MOVE.test(candidate.text)) continue;
      // The promised deed's own words: other clauses of the sentence ("I've submitted a request, and
      // the crew will pick up…") must not tie a later report of other work to it.
      const stems = deedStems(candidate.text);
      const due = dueOf(sentence) ?? (spotted.sentence === sentence ? null : dueOf(spotted.sentence));
      // A deed set for a later day ("the crew will pick up this Saturday") cannot be done on the call.
      const later = due !== null && !SAME_DAY.test(due);
      if (
        role === 'agent' &&
        !later &&
        completedOnCall(analysis, turn, candidate.owner, stems, candidate.text)
      )
        continue;
      if (role === 'agent' && candidate.owner === 'agent' && recappedAsDone(analysis, turn, stems)) continue;
      // People write the day into the task ("Technician to visit Thursday"); so does the item when the
      // sentence named a later day outside the promised clause.
      const dated =
        due && later && !mentionsDue(candidate.text, due) ? `${candidate.text} ${due}` : candidate.text;
      const text = capitalize(recase(recase(inFigures(dated), candidate.sentence.text), sentence.text)).slice(
        0,
        300,
      );
      const followUp = leavesCallOpen(analysis, { text: candidate.text, owner: candidate.owner, turn });
      // "I'll escalate this to our manager. He'll call you by Friday." is one action.
      const previous = found.at(-1);
      if (candidate.continues && previous && previous.turn === turn && previous.owner === candidate.owner) {
        previous.text = `${previous.text}; ${recase(candidate.text, sentence.text)}`.slice(0, 500);
        previous.due ??= due;
        previous.followUp ||= followUp;
        continue;
      }
      const stemsOfItem = new Set(contentStems(candidate.text).filter((stem) => stem !== 'custom'));
      const repeated = items.find(
        (item) => item.owner === candidate.owner && dice(item.stems, stemsOfItem) >= SAME_ACTION,
      );
      if (repeated) {
        repeated.commitment.due ??= due;
        continue;
      }
      const item: Commitment = { text, owner: candidate.owner, due, turn, followUp };
      found.push(item);
      items.push({ commitment: item, owner: candidate.owner, stems: stemsOfItem });
    }
  });
  addBookedVisit(analysis, found);
  return found;
}
