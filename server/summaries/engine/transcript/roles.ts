import type { SpeakerRole, TranscriptTurn } from '../types';
import type { RawTurn } from './webvtt';

/**
 * Who is the agent? In order of trust: a role the transcript states, the agent names the caller
 * knows (Zoom's engagement lists its agents), a generic label ("Agent", "Caller", a phone number
 * as an SMS sender), and finally what people say: agents greet with the company's name and ask how
 * they can help; customers explain what they need.
 */

const AGENT_ROLE_WORDS = new Set([
  'agent',
  'rep',
  'representative',
  'support',
  'advisor',
  'adviser',
  'specialist',
  'staff',
  'user',
  'operator',
  'assistant',
  'employee',
  'host',
]);
const COMPANY_VOICE_WORDS = new Set(['recording', 'ivr', 'bot', 'system', 'automated', 'announcement']);
/**
 * A business's name as an SMS or chat sender ("Saffron & Sage Catering", "Prairie Line Ag Parts"):
 * the company's own channel shows its name, a customer writes as a person or a number.
 */
const BUSINESS_NAME =
  /&|\b(?:shop|store|parts|catering|museum|co|company|inc|llc|ltd|services|clinic|bakery|salon|studio|supply|supplies|repair|hardware|garage|pharmacy|boutique|gallery|cafe|restaurant|hotel|outfitters|rentals)\.?$/i;
const CUSTOMER_ROLE_WORDS = new Set([
  'customer',
  'caller',
  'client',
  'consumer',
  'visitor',
  'guest',
  'contact',
  'end-user',
  'enduser',
  'member',
  'patient',
  'prospect',
  'lead',
]);

const AGENT_PHRASES = [
  'thank you for calling',
  'thanks for calling',
  'thank you for contacting',
  'thanks for contacting',
  'thanks for reaching out',
  'thank you for reaching out',
  "you've reached",
  'you have reached',
  'how can i help',
  'how may i help',
  'how can i assist',
  'how may i assist',
  'what can i do for you',
  'what can i help you with',
  'how can we help',
  'welcome to',
  'my name is',
  'anything else i can help',
  'anything else i can do',
  'is there anything else',
  'let me pull up',
  'let me pull it up',
  'let me pull that up',
  'pull up your account',
  'can i have your',
  'can i get your',
  'may i have your',
  'for verification',
  'for security',
  'i can help with that',
  'i can help you with that',
  'happy to help',
  'on file',
  'let me check',
  'let me take a look',
  'let me look into',
  "let's get you",
  'found it',
  'thanks for flagging',
  'thank you for flagging',
  'i apologize for',
  "i've updated",
  "i've added",
  "i've applied",
  "i've refunded",
  "i've sent",
  'have a great day',
  'have a good day',
  'have a good afternoon',
  'have a good evening',
  'sorry to hear',
  'i can take care of that',
  'can you confirm',
  'could you confirm',
  'our policy',
  'let me look up',
  'let me look that up',
  'look up your',
  'on your account',
  'sorry about the wait',
  'sorry for the wait',
  'thanks for your patience',
  'thank you for your patience',
  'thanks for holding',
  'thank you for holding',
  // What an agent cannot do for the customer; these offset the customer's "I can't" below.
  "i can't promise",
  "i can't guarantee",
  "i can't give you",
  "i can't offer",
  "i can't waive",
  "i can't send",
  "i can't change the",
  "i can't refund",
  "i can't make an exception",
];
/**
 * Answering with the company's name: "BrightPanel Solar Cleaning, this is Brianna.", "Good morning,
 * Tamarack Col Hut booking office, Annelie speaking." The name is the first group.
 */
const COMPANY_ANSWER =
  /^(?:[Gg]ood (?:morning|afternoon|evening),\s*)?(?!(?:Hi|Hello|Hey|Yes|Yeah|Oh|Good|Morning|Okay|Ok|Sorry|Thanks)\b)([A-Z][\p{L}&'.-]*(?:\s+[\p{L}&'.-]+){0,5}),\s*(?:this is [A-Z]|[A-Z][\p{L}'-]+ speaking\b)/u;

/** The company's name an agent answered with, if the turn opens that way. */
export const companyAnswered = (text: string): string | undefined => COMPANY_ANSWER.exec(text)?.[1];

/**
 * An agent introduces themself with the company ("this is Ana from Fieldkit", "I'm Elena with
 * RootLine", "Kit here in wholesale at Orchard Gate") and reports work done on the customer's behalf
 * ("I've processed", "I've flagged"). A business customer introduces themself the same way ("this is
 * Sofia from The Copper Hen"), so the customer's own words below have to outweigh it.
 */
const AGENT_PATTERNS = [
  // Case-sensitive: a capitalised name, so "I'm not new at this" is no introduction.
  /\b(?:[Tt]his is|I'm|I am|[Mm]y name is) [A-Z][\p{L}'-]+(?: [A-Z][\p{L}'-]+)? (?:from|with|at) /u,
  /\b[A-Z][\p{L}'-]+ here (?:in|at|with|from|on) /u,
  COMPANY_ANSWER,
  /\b[Ii]'ve (?:processed|submitted|paused|set|flagged|noted|cancelled|canceled|reset|scheduled|booked|removed|changed|issued|opened|credited|waived|reversed|moved|transferred|extended)\b/,
];
const CUSTOMER_PHRASES = [
  "i'm calling",
  'i am calling',
  'calling about',
  'calling because',
  'i want to cancel',
  "i'd like to cancel",
  'i need to',
  'i want to',
  "i'd like to",
  'i was charged',
  'i got charged',
  'my bill',
  'my account',
  'my order',
  'my internet',
  'can you help me',
  "isn't working",
  "doesn't work",
  'not working',
  'stopped working',
  'i have a question',
  'quick question',
  'i was wondering',
  'i got locked',
  "i can't",
  'i tried',
  'i have a problem',
  'i have an issue',
  'you charged me',
  'you guys',
];

type Hint = SpeakerRole | undefined;

export function assignRoles(raw: readonly RawTurn[], agentNames: readonly string[] = []): TranscriptTurn[] {
  const speakers = [...new Set(raw.map((turn) => turn.speaker))];
  const roleOf = new Map<string, SpeakerRole>();

  for (const speaker of speakers) {
    const stated = raw.find((turn) => turn.speaker === speaker && turn.role)?.role;
    const hint = statedRole(stated) ?? knownAgent(speaker, agentNames) ?? labelRole(speaker);
    if (hint) roleOf.set(speaker, hint);
  }

  const undecided = speakers.filter((speaker) => !roleOf.has(speaker));
  if (undecided.length > 0) {
    const anyAgent = [...roleOf.values()].includes('agent');
    const anyCustomer = [...roleOf.values()].includes('customer');
    if (anyAgent && !anyCustomer && undecided.length === 1) roleOf.set(undecided[0] as string, 'customer');
    else if (anyCustomer && !anyAgent && undecided.length === 1) roleOf.set(undecided[0] as string, 'agent');
    else if (agentNames.length > 0 && anyAgent) {
      for (const speaker of undecided)
        roleOf.set(speaker, inferFromSpeech(raw, speaker) === 'agent' ? 'agent' : 'customer');
    } else inferByConversation(raw, undecided, roleOf, anyAgent);
  }

  return raw.map((turn) => ({
    speaker: turn.speaker,
    role: roleOf.get(turn.speaker) ?? 'unknown',
    text: turn.text,
    ...(turn.startSeconds === undefined ? {} : { startSeconds: turn.startSeconds }),
  }));
}

function statedRole(role: string | undefined): Hint {
  if (!role) return undefined;
  const value = role.trim().toLowerCase();
  if (AGENT_ROLE_WORDS.has(value) || value === 'bot' || value === 'system') return 'agent';
  if (CUSTOMER_ROLE_WORDS.has(value)) return 'customer';
  return undefined;
}

function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\d ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function knownAgent(speaker: string, agentNames: readonly string[]): Hint {
  const spoken = normalizeName(speaker);
  if (!spoken) return undefined;
  for (const name of agentNames) {
    const known = normalizeName(name);
    if (!known) continue;
    if (known === spoken) return 'agent';
    // Zoom may list "Priya Shah" while the transcript says "Priya", or the other way round.
    const [knownFirst] = known.split(' ');
    const [spokenFirst] = spoken.split(' ');
    if (
      knownFirst &&
      knownFirst === spokenFirst &&
      (known.split(' ').length === 1 || spoken.split(' ').length === 1)
    )
      return 'agent';
  }
  return undefined;
}

function labelRole(speaker: string): Hint {
  const compact = speaker.replace(/[\s().-]/g, '');
  if (/^\+?\d{7,15}$/.test(compact)) return 'customer'; // an SMS sender shown by number
  const words = speaker
    .toLowerCase()
    .split(/[^a-z-]+/)
    .filter(Boolean);
  if (words.some((word) => AGENT_ROLE_WORDS.has(word) && word !== 'user')) return 'agent';
  // The company's recorded voice ("Recording", "IVR", "System") speaks for the company, not the caller.
  if (words.some((word) => COMPANY_VOICE_WORDS.has(word))) return 'agent';
  if (BUSINESS_NAME.test(speaker.trim())) return 'agent';
  if (words.some((word) => CUSTOMER_ROLE_WORDS.has(word))) return 'customer';
  return undefined;
}

function phraseScore(text: string, phrases: readonly string[]): number {
  let score = 0;
  for (const phrase of phrases) if (text.includes(phrase)) score += 1;
  return score;
}

/** Agent minus customer evidence in what the speaker says; the opening turns count double. */
function speechScore(raw: readonly RawTurn[], speaker: string): number {
  let score = 0;
  let seen = 0;
  for (const turn of raw) {
    if (turn.speaker !== speaker) continue;
    const original = turn.text.replace(/’/g, "'");
    const text = original.toLowerCase();
    const weight = seen < 3 ? 2 : 1;
    const agentCues =
      phraseScore(text, AGENT_PHRASES) + AGENT_PATTERNS.filter((cue) => cue.test(original)).length;
    score += weight * (agentCues - phraseScore(text, CUSTOMER_PHRASES));
    seen += 1;
  }
  return score;
}

function inferFromSpeech(raw: readonly RawTurn[], speaker: string): SpeakerRole {
  return speechScore(raw, speaker) > 0 ? 'agent' : 'customer';
}

function inferByConversation(
  raw: readonly RawTurn[],
  undecided: readonly string[],
  roleOf: Map<string, SpeakerRole>,
  anyAgent: boolean,
) {
  const scored = undecided
    .map((speaker) => ({ speaker, score: speechScore(raw, speaker) }))
    .sort((a, b) => b.score - a.score);
  if (anyAgent) {
    // The agent is known; the others are customers unless they talk very much like agents (a transfer).
    for (const { speaker, score } of scored) roleOf.set(speaker, score > 2 ? 'agent' : 'customer');
    return;
  }
  const [best, runnerUp] = scored;
  // Two people, one of whom talks clearly more like a customer: the other is the agent, even when
  // the agent said nothing a phrase list knows ("Hi Nadia, sorry you're leaving us").
  const twoApart =
    scored.length === 2 && best && runnerUp && runnerUp.score < 0 && best.score > runnerUp.score;
  if (!best || (best.score <= 0 && !twoApart) || (runnerUp && runnerUp.score === best.score)) {
    // No evidence either way: leave them unknown rather than guess.
    if (best && !runnerUp && best.score < 0) roleOf.set(best.speaker, 'customer');
    return;
  }
  roleOf.set(best.speaker, 'agent');
  for (const { speaker, score } of scored.slice(1)) {
    // A second agent (a supervisor joining) shows the same habits as the first.
    roleOf.set(speaker, score > 0 && score * 2 >= best.score ? 'agent' : 'customer');
  }
}
