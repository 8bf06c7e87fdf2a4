import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { ActionItem, GeneratedSummary, OutcomeStatus, SentimentLabel, SummaryContent } from '../../contract/summary';
import { toE164 } from '../../crm/phone';
import { redactPii } from './redact';
import { parseTranscript, type Turn } from './transcript';
import type { CategoryOption, SummarizeInput, Summarizer } from './types';

/**
 * The built-in offline summarizer: deterministic, no network, tens of milliseconds a call. wink-nlp
 * splits sentences, finds entities (emails, dates, money) and scores sentiment; the rules below turn
 * those into the summary's fields. Judged by `npm run eval`, not by looks.
 */
export const OFFLINE_MODEL = 'callrecap-offline-1';
export const OFFLINE_PROMPT_VERSION = 'offline-rules-1';

const nlp = winkNLP(model);
const its = nlp.its;

interface Sentence {
  text: string;
  role: Turn['role'];
  turn: number;
  sentiment: number;
  entities: Array<{ type: string; value: string }>;
}

function sentencesOf(turns: Turn[]): Sentence[] {
  const out: Sentence[] = [];
  turns.forEach((turn, index) => {
    const doc = nlp.readDoc(turn.text);
    const texts = doc.sentences().out();
    const sentiments = doc.sentences().out(its.sentiment) as unknown as number[];
    texts.forEach((raw, position) => {
      const text = raw.trim();
      if (!text) return;
      const entities = nlp.readDoc(text).entities().out(its.detail) as unknown as Array<{ type: string; value: string }>;
      out.push({ text, role: turn.role, turn: index, sentiment: Number(sentiments[position]) || 0, entities });
    });
  });
  return out;
}

// --- category ------------------------------------------------------------------------------------

/** Extra vocabulary for the default categories; custom categories rely on their name and description. */
const CATEGORY_HINTS: Record<string, string[]> = {
  billing: ['charge', 'charged', 'refund', 'invoice', 'bill', 'billing', 'payment', 'paid', 'fee', 'overcharged', 'credit card', 'statement', 'price increase', 'receipt', 'late fee', 'double'],
  'technical support': ['error', 'not working', "isn't working", 'stopped working', 'crash', 'crashes', 'broken', 'outage', 'reboot', 'reset', 'install', 'connect', 'connecting', 'login', 'log in', 'bug', 'firmware', 'update', 'slow', 'down', 'ticket', 'troubleshoot', 'sync', 'freez'],
  sales: ['pricing', 'quote', 'buy', 'purchase', 'demo', 'upgrade', 'seats', 'licenses', 'discount', 'trial', 'interested in', 'competitor', 'contract', 'proposal', 'enterprise'],
  'account changes': ['change my', 'update my', 'add a user', 'add two users', 'remove a user', 'address', 'password', 'billing contact', 'email address', 'transfer ownership', 'rename', 'switch plan', 'change the plan', 'add users'],
  cancellation: ['cancel', 'cancellation', 'close my account', 'close the account', 'terminate', 'not renew', "don't want to renew", 'end my subscription', 'stop my subscription', 'switching to'],
  complaint: ['complaint', 'complain', 'unacceptable', 'rude', 'manager', 'supervisor', 'escalate', 'terrible', 'worst', 'disappointed', 'ridiculous', 'lied', 'promised', 'nobody', 'third time', 'not happy'],
  'general inquiry': ['question', 'wondering', 'information', 'hours', 'where can i', 'how do i', 'does it work', 'compatible', 'is it possible', 'do you offer', 'just wanted to ask'],
};

const STOP = new Set('the a an and or of to for in on with at by from is are be this that it as any other no not your our their'.split(' '));

function keywordsOf(category: CategoryOption): string[] {
  const words = `${category.name} ${category.description}`
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter((w) => w.length > 3 && !STOP.has(w))
    .map((w) => w.replace(/(ing|ed|es|s)$/, ''));
  return [...new Set([...words, ...(CATEGORY_HINTS[category.name.toLowerCase()] ?? [])])];
}

function countHits(text: string, keyword: string): number {
  let count = 0;
  let index = text.indexOf(keyword);
  while (index !== -1) {
    count += 1;
    index = text.indexOf(keyword, index + keyword.length);
  }
  return count;
}

function classify(sentences: Sentence[], categories: CategoryOption[]): string {
  const customer = sentences.filter((s) => s.role === 'customer');
  const opening = customer.slice(0, 3).map((s) => s.text.toLowerCase()).join(' ');
  const customerText = customer.map((s) => s.text.toLowerCase()).join(' ');
  const agentText = sentences.filter((s) => s.role === 'agent').map((s) => s.text.toLowerCase()).join(' ');
  let best = categories[0]?.name ?? 'General Inquiry';
  let bestScore = 0;
  for (const category of categories) {
    let score = 0;
    for (const keyword of keywordsOf(category)) {
      score += countHits(opening, keyword) * 3 + countHits(customerText, keyword) * 1.5 + countHits(agentText, keyword) * 0.5;
    }
    const name = category.name.toLowerCase();
    // A customer who asks to cancel is a cancellation call even when an offer saves them.
    if (name === 'cancellation' && /\b(cancel|close (my|the) account)/.test(opening)) score += 6;
    // Anger at the company or an agent turns any call into a complaint.
    if (name === 'complaint' && /\b(rude|unacceptable|complaint|speak to (a|your) (manager|supervisor)|worst|lied)\b/.test(customerText)) score += 8;
    if (name === 'general inquiry') score = score * 0.6 + 0.5; // the fallback, when nothing else speaks up
    if (score > bestScore) {
      bestScore = score;
      best = category.name;
    }
  }
  return best;
}

// --- sentiment -----------------------------------------------------------------------------------

const POSITIVE_CUES = /\b(thank you so much|thanks so much|perfect|great|awesome|wonderful|excellent|appreciate|helpful|that works|sounds good|brilliant|lovely|happy|glad|fantastic)\b/i;
const NEGATIVE_CUES = /\b(frustrat\w*|annoy\w*|angry|upset|unacceptable|ridiculous|terrible|awful|disappointed|useless|waste|still (not|doesn't|isn't)|not happy|fed up|rude|worst|cancel|no help)\b/i;
const PLEASANTRY = /^(ok(ay)?|thanks?|thank you|bye|goodbye|have a (good|nice) (day|one)|you too|no,? that'?s (all|it|everything))[.!, ]*$/i;

function customerSentiment(sentences: Sentence[]): { label: SentimentLabel; score: number } {
  const customer = sentences.filter((s) => s.role === 'customer' && !PLEASANTRY.test(s.text));
  if (customer.length === 0) return { label: 'neutral', score: 0 };
  // "By the end of the call": later sentences weigh more, the last third most.
  let total = 0;
  let weights = 0;
  customer.forEach((sentence, index) => {
    const position = (index + 1) / customer.length;
    const weight = position > 0.66 ? 3 : position > 0.33 ? 1.5 : 1;
    let value = sentence.sentiment;
    if (POSITIVE_CUES.test(sentence.text)) value += 0.35;
    if (NEGATIVE_CUES.test(sentence.text)) value -= 0.4;
    total += value * weight;
    weights += weight;
  });
  const score = Math.max(-1, Math.min(1, total / weights));
  const label: SentimentLabel = score >= 0.12 ? 'positive' : score <= -0.08 ? 'negative' : 'neutral';
  return { label, score: Math.round(score * 100) / 100 };
}

// --- action items --------------------------------------------------------------------------------

const COMMITMENT = /\b(i'll|i will|i am going to|i'm going to|we'll|we will|we're going to|let me|someone will|an? [\w ]{0,20}(engineer|specialist|technician|manager|team) will|you'll receive|you will receive|you'll get|i can send|i'll make sure)\b/i;
const CUSTOMER_COMMITMENT = /\b(i'll|i will|i can|i'm going to|we'll|we will)\s+(send|upload|email|check|reply|call|get back|forward|review|talk|discuss|sign|return|confirm|share|try|do that|look)/i;
const OFFER = /\b(would you like (me|us) to|do you want (me|us) to|i can (also )?(offer|set up|send|add|schedule|upgrade)|shall i|should i)\b/i;
const DECLINE = /^(no|nope|not (right )?now|not today|that's (ok|okay|alright|fine)|i'm (ok|okay|good|fine)|no thanks|no,? thank you|i'll pass|maybe later|i don't think so)\b/i;
const ACCEPT = /^(yes|yeah|yep|sure|please|that would be|ok(ay)?,? (please|sure)|sounds good|go ahead)\b/i;
const NOT_A_TASK = /\b(help you|assist you|look into (this|that) (for you )?now|check (that|this) (for you )?now|put you on hold|transfer you|bear with me|one moment|let me see|let me check|let me pull|let me look|let me confirm|let me just)\b/i;
const DUE = /\b(today|tonight|tomorrow|this (afternoon|evening|week|weekend)|next (week|month|monday|tuesday|wednesday|thursday|friday)|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end of (the )?(day|week|month)|tomorrow|tonight|noon)|(on |this )?(monday|tuesday|wednesday|thursday|friday)|within (\w+ )?(\d+|one|two|three|twenty[- ]four|forty[- ]eight|a few|an?) (minutes?|hours?|days?|business days?|weeks?)|in (\d+|one|two|three|a few) (hours?|days?|business days?|weeks?)|end of (the )?(day|week|month))\b/i;

function rewriteForSummary(text: string, owner: 'agent' | 'customer' | null): string {
  let out = text
    .replace(/^(so|okay|ok|alright|and|also|great|perfect|sure|yes|right)[,.]?\s+/i, '')
    .replace(/^(i'll|i will|i am going to|i'm going to|we'll|we will|we're going to|let me)\s+/i, '')
    .replace(/^(i can)\s+/i, '')
    .replace(/[.!?]+$/, '');
  out = owner === 'agent' ? out.replace(/\byou\b/gi, 'the customer').replace(/\byour\b/gi, "the customer's") : out.replace(/\bmy\b/gi, 'their').replace(/\byou\b/gi, 'the agent');
  out = out.replace(/\bi\b/gi, owner === 'agent' ? 'the agent' : 'the customer').replace(/\bme\b/gi, owner === 'agent' ? 'the agent' : 'the customer');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function actionItems(sentences: Sentence[]): ActionItem[] {
  const items: ActionItem[] = [];
  const seen = new Set<string>();
  sentences.forEach((sentence, index) => {
    const owner = sentence.role === 'agent' ? 'agent' : sentence.role === 'customer' ? 'customer' : null;
    const isCommitment = owner === 'agent' ? COMMITMENT.test(sentence.text) && !NOT_A_TASK.test(sentence.text) : owner === 'customer' && CUSTOMER_COMMITMENT.test(sentence.text);
    let isOffer = owner === 'agent' && OFFER.test(sentence.text) && sentence.text.trim().endsWith('?');
    if (!isCommitment && !isOffer) return;
    if (/\?$/.test(sentence.text.trim()) && !isOffer) return; // a question is not a promise
    // An offer only counts once accepted; a declined offer is not an action item.
    const reply = sentences.slice(index + 1).find((s) => s.role !== sentence.role);
    if (isOffer || (owner === 'agent' && /\b(if you('d)? like|if you want)\b/i.test(sentence.text))) {
      if (!reply || DECLINE.test(reply.text.trim()) || !ACCEPT.test(reply.text.trim())) return;
      isOffer = true;
    }
    if (reply && DECLINE.test(reply.text.trim()) && owner === 'agent' && /\?$/.test(sentence.text.trim())) return;
    const clause = isOffer ? sentence.text.replace(/^.*?\b(would you like (me|us) to|do you want (me|us) to|shall i|should i|i can (also )?)\s*/i, '') : sentence.text;
    const text = rewriteForSummary(clause, owner).slice(0, 240);
    const key = text.toLowerCase().slice(0, 40);
    if (text.split(' ').length < 3 || seen.has(key)) return;
    seen.add(key);
    const due = DUE.exec(sentence.text)?.[0] ?? null;
    items.push({ text, owner, due });
  });
  return items.slice(0, 8);
}

// --- outcome -------------------------------------------------------------------------------------

const RESOLVED = /\b(that (fixed|solved|did) it|it's working( now)?|works now|working again|(is|has been) (issued|processed|applied|updated|cancelled|canceled|refunded|resolved|waived|added|changed|sorted|fixed)|all set|you're all set|taken care of|sorted (that|it|this) out|problem solved|i've (issued|processed|applied|updated|cancelled|canceled|added|changed|waived|reset|removed|refunded)|i have (issued|processed|applied|updated|cancelled|canceled|added|changed|waived|reset|removed|refunded)|that answers|answered my question|that's (everything|all i needed)|done)\b/i;
const UNRESOLVED = /\b(unfortunately|not able to|unable to|can't (fix|do|help)|cannot (fix|do|help)|no (fix|workaround|solution)|still (not|doesn't|isn't|broken)|known (issue|bug)|don't have a (date|timeline|fix)|nothing (else )?(i|we) can do|no timeline|not (resolved|fixed))\b/i;
const FOLLOW_UP = /\b(call you back|get back to you|follow up|escalat\w+|engineer|specialist|within (\w+ )?(\d+|one|two|twenty[- ]four|forty[- ]eight|a few) (hours?|days?|business days?)|i'll send (you )?(the|a) (quote|proposal|replacement|contract)|send (you )?(the|a) quote|ship|replacement|schedule|will contact you|reach out|next week|tomorrow)\b/i;
const TRIVIAL_TASK = /\b(confirmation|receipt|summary|recap|copy of)\b/i;

function outcome(sentences: Sentence[], items: ActionItem[], sentiment: { label: SentimentLabel }): { status: OutcomeStatus; detail: string } {
  const agent = sentences.filter((s) => s.role === 'agent');
  const tail = sentences.slice(Math.floor(sentences.length * 0.4));
  const resolvedSentence = [...tail].reverse().find((s) => RESOLVED.test(s.text));
  const unresolvedSentence = [...tail].reverse().find((s) => UNRESOLVED.test(s.text));
  const followUps = items.filter((item) => !TRIVIAL_TASK.test(item.text) && (FOLLOW_UP.test(item.text) || item.due !== null || item.owner === 'customer'));
  const followUpSentence = agent.find((s) => FOLLOW_UP.test(s.text) && COMMITMENT.test(s.text));

  if (unresolvedSentence && !resolvedSentence && !followUpSentence) {
    return { status: 'unresolved', detail: rewriteForSummary(unresolvedSentence.text, unresolvedSentence.role === 'agent' ? 'agent' : 'customer') };
  }
  if (followUps.length > 0 || followUpSentence) {
    const first = followUps[0]?.text ?? rewriteForSummary(followUpSentence!.text, 'agent');
    return { status: 'follow_up', detail: first };
  }
  if (unresolvedSentence && sentiment.label === 'negative') {
    return { status: 'unresolved', detail: rewriteForSummary(unresolvedSentence.text, unresolvedSentence.role === 'agent' ? 'agent' : 'customer') };
  }
  if (resolvedSentence) return { status: 'resolved', detail: rewriteForSummary(resolvedSentence.text, resolvedSentence.role === 'agent' ? 'agent' : 'customer') };
  if (sentiment.label === 'negative') return { status: 'unresolved', detail: 'The customer ended the call without a solution.' };
  return { status: 'resolved', detail: 'The customer’s question was answered on the call.' };
}

// --- reason and key points -----------------------------------------------------------------------

const INTENT = /\b(i'm calling|i am calling|calling (about|because|to)|i (want|need|would like|'d like) to|i was (charged|billed)|i have (a|an) (question|problem|issue)|i('ve| have) been|(is|are|isn't|aren't|keeps?|stopped|won't|doesn't|can't) [\w ]{0,20}(working|connect|load|open|crash)|i('m| am) (trying|having|interested|looking|thinking)|i got|we need|can you|could you|i noticed|my \w+ (is|isn't|was|has|keeps))/i;
const GREETING = /^(hi|hello|hey|good (morning|afternoon|evening))\b[^.]*[.!]?$|^(hi|hello|hey)[, ]+(this is|it's|my name is|i'm) [\w .'-]+[.!]?$/i;

function thirdPerson(text: string): string {
  return text
    .replace(/^(hi|hello|hey|yes|yeah|so|well|okay|ok|um|uh)[,.]?\s+/i, '')
    .replace(/^(this is|it's|my name is|i'm) [A-Z][\w'-]*( [A-Z][\w'-]*)?[.,]\s*/i, '')
    .replace(/\bi'm calling\b/gi, 'customer is calling')
    .replace(/\bi am\b/gi, 'customer is')
    .replace(/\bi'm\b/gi, 'customer is')
    .replace(/\bi was\b/gi, 'customer was')
    .replace(/\bi've\b/gi, 'customer has')
    .replace(/\bi have\b/gi, 'customer has')
    .replace(/\bi'd like\b/gi, 'customer would like')
    .replace(/\bi would\b/gi, 'customer would')
    .replace(/\bi want\b/gi, 'customer wants')
    .replace(/\bi need\b/gi, 'customer needs')
    .replace(/\bi\b/g, 'customer')
    .replace(/\bwe're\b/gi, 'they are')
    .replace(/\bwe\b/gi, 'they')
    .replace(/\bour\b/gi, 'their')
    .replace(/\bmy\b/gi, 'their')
    .replace(/\bme\b/gi, 'them');
}

function sentenceCase(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const withStop = /[.!?]$/.test(trimmed) ? trimmed.replace(/[!?]$/, '.') : `${trimmed}.`;
  return withStop.charAt(0).toUpperCase() + withStop.slice(1);
}

function truncateWords(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ').replace(/[,;:]$/, '')}…`;
}

function reason(sentences: Sentence[]): string {
  const customer = sentences.filter((s) => s.role === 'customer' && !GREETING.test(s.text) && s.text.split(/\s+/).length >= 4);
  const intent = customer.slice(0, 6).find((s) => INTENT.test(s.text)) ?? customer[0] ?? sentences.find((s) => s.role !== 'agent') ?? sentences[0];
  if (!intent) return 'Customer contacted support.';
  let text = thirdPerson(intent.text);
  if (!/^customer\b/i.test(text)) text = `Customer: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return truncateWords(sentenceCase(text), 30);
}

function keyPoints(sentences: Sentence[], reasonText: string, outcomeDetail: string): string[] {
  const scored = sentences
    .map((sentence, index) => {
      const words = sentence.text.split(/\s+/).length;
      if (words < 5 || GREETING.test(sentence.text) || PLEASANTRY.test(sentence.text) || /\?$/.test(sentence.text)) return null;
      let score = 0;
      score += sentence.entities.filter((e) => ['MONEY', 'DATE', 'CARDINAL', 'PERCENT', 'ORDINAL', 'TIME', 'DURATION'].includes(e.type)).length * 2;
      if (INTENT.test(sentence.text)) score += 2;
      if (RESOLVED.test(sentence.text) || UNRESOLVED.test(sentence.text) || FOLLOW_UP.test(sentence.text)) score += 2;
      if (NEGATIVE_CUES.test(sentence.text)) score += 1;
      if (/\b(because|since|after|but|however|already|tried|error|says|shows)\b/i.test(sentence.text)) score += 1;
      if (words > 35) score -= 1;
      return { sentence, index, score };
    })
    .filter((s): s is { sentence: Sentence; index: number; score: number } => s !== null && s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 5)
    .sort((a, b) => a.index - b.index);
  const points = scored.map(({ sentence }) => truncateWords(sentenceCase(sentence.role === 'customer' ? thirdPerson(sentence.text) : rewriteForSummary(sentence.text, 'agent')), 24));
  const unique = [...new Set(points)].filter((p) => p.toLowerCase() !== reasonText.toLowerCase());
  if (unique.length < 2) unique.push(...[reasonText, sentenceCase(outcomeDetail)].filter((p) => !unique.includes(p)));
  return unique.slice(0, 6);
}

// --- contact -------------------------------------------------------------------------------------

function contact(turns: Turn[]): SummaryContent['contact'] {
  const customerText = turns.filter((t) => t.role !== 'agent').map((t) => t.text).join('\n');
  const { emails, phones } = redactPii(customerText);
  const result: SummaryContent['contact'] = {};
  if (emails[0]) result.email = emails[0];
  const phone = phones.map((p) => toE164(p)).find(Boolean);
  if (phone) result.phone = phone;
  return result;
}

/** The offline summary of one transcript (synchronous: no I/O). */
export function summarizeOffline(input: SummarizeInput): SummaryContent {
  const { turns } = parseTranscript(input.transcript, { agentNames: input.agentNames });
  const sentences = sentencesOf(turns);
  const sentiment = customerSentiment(sentences);
  const items = actionItems(sentences);
  const result = outcome(sentences, items, sentiment);
  const reasonText = reason(sentences);
  return {
    reason: reasonText,
    keyPoints: keyPoints(sentences, reasonText, result.detail),
    outcome: { status: result.status, detail: truncateWords(sentenceCase(result.detail), 30) },
    actionItems: items,
    sentiment,
    category: classify(sentences, input.categories),
    contact: contact(turns),
  };
}

export function createOfflineSummarizer(): Summarizer {
  return {
    provider: 'local',
    model: OFFLINE_MODEL,
    summarize(input): Promise<GeneratedSummary> {
      return Promise.resolve({
        ...summarizeOffline(input),
        provider: 'local',
        model: OFFLINE_MODEL,
        promptVersion: OFFLINE_PROMPT_VERSION,
        usage: { inputTokens: 0, outputTokens: 0 },
      });
    },
  };
}
