/**
 * Related words for common contact-center topics. A category whose name or description uses one
 * word of a group also matches the others, at a lower weight, so "Invoices, charges, refunds"
 * recognises "I was billed twice". Custom categories get the same help from their descriptions.
 */
export const TOPIC_GROUPS: readonly (readonly string[])[] = [
  [
    'bill',
    'billing',
    'billed',
    'invoice',
    'charge',
    'charged',
    'fee',
    'refund',
    'payment',
    'pay',
    'paid',
    'autopay',
    'statement',
    'balance',
    'overcharged',
    'prorated',
    'receipt',
    'credit',
    'dispute',
    'amount',
    'price',
    'pricing',
    'cost',
    'money',
  ],
  [
    'error',
    'broken',
    'crash',
    'crashes',
    'bug',
    'glitch',
    'outage',
    'down',
    'signal',
    'wifi',
    'internet',
    'connection',
    'connect',
    'disconnect',
    'reboot',
    'restart',
    'install',
    'driver',
    'sync',
    'syncing',
    'setup',
    'configure',
    'troubleshoot',
    'fix',
    'working',
    'freeze',
    'freezes',
    'slow',
    'modem',
    'router',
    'app',
    'device',
    'settings',
    'offline',
    'network',
    'firmware',
    'connectivity',
  ],
  [
    'buy',
    'purchase',
    'upgrade',
    'quote',
    'demo',
    'pricing',
    'plan',
    'plans',
    'seats',
    'licenses',
    'trial',
    'interested',
    'discount',
    'contract',
    'subscribe',
    'enterprise',
    'budget',
    'compare',
    'comparing',
    'considering',
    'evaluating',
    'shopping',
    'options',
    'software',
    'product',
    'products',
  ],
  [
    'update',
    'change',
    'address',
    'password',
    'reset',
    'locked',
    'login',
    'username',
    'user',
    'authorized',
    'profile',
    'authenticator',
    'two-factor',
    'moved',
    'add',
    'remove',
  ],
  [
    'cancel',
    'cancellation',
    'cancelling',
    'close',
    'terminate',
    'quit',
    'discontinue',
    'unsubscribe',
    'renew',
    'renewal',
    'switch',
  ],
  [
    'complain',
    'complaint',
    'rude',
    'supervisor',
    'manager',
    'unacceptable',
    'terrible',
    'worst',
    'disappointed',
    'unhappy',
    'escalate',
    'escalation',
    'dismissive',
    'unprofessional',
    'ridiculous',
    'attitude',
    'review',
    'dissatisfied',
    'staff',
    'lied',
  ],
  [
    'question',
    'information',
    'hours',
    'open',
    'policy',
    'wondering',
    'stock',
    'location',
    'know',
    'return',
    'returns',
  ],
  [
    'leak',
    'leaking',
    'repair',
    'broken',
    'plumber',
    'pipe',
    'sink',
    'heat',
    'heating',
    'appliance',
    'toilet',
    'electrical',
    'outlet',
    'pest',
    'maintenance',
    'fix',
  ],
  ['lease', 'renew', 'roommate', 'move', 'term'],
  ['noise', 'loud', 'neighbor', 'neighbors', 'music', 'parking'],
  ['feature', 'request', 'capability', 'roadmap', 'export', 'missing', 'wish', 'add', 'option'],
  [
    'integration',
    'integrate',
    'connect',
    'slack',
    'google',
    'jira',
    'salesforce',
    'api',
    'webhook',
    'webhooks',
    'sync',
  ],
  // Not "new": "a new cousin", "a new roll" would tie every setup category to onboarding.
  ['onboarding', 'started', 'import', 'training', 'tutorial', 'setup'],
  [
    'package',
    'delivery',
    'delivered',
    'shipping',
    'shipped',
    'tracking',
    'order',
    'lost',
    'carrier',
    'courier',
  ],
];

/** Category names that mean "none of the others": chosen when nothing else matches well. */
export const CATCH_ALL_WORDS = [
  'general',
  'other',
  'misc',
  'miscellaneous',
  'inquiry',
  'enquiry',
  'anything',
];

/**
 * Words nearly every support conversation uses whatever it is about ("your account", "the number on
 * file"): they say little about the topic, so they count a quarter.
 */
export const GENERIC_WORDS = [
  'account',
  'number',
  'call',
  'calling',
  'help',
  'thank',
  'thanks',
  'customer',
  'service',
  'today',
  'check',
  'moment',
  'name',
  'email',
  'phone',
  'information',
  'confirm',
  'please',
  'day',
  'month',
  'time',
  'minute',
  'question',
  'issue',
  'problem',
  'company',
  // "a new tab", "the new certificate": new is everywhere, not only in sales.
  'new',
];

/**
 * How category descriptions talk about themselves ("The customer wants to…", "anything that fits no
 * other category", "related requests"): these words name no topic, and "wants" would make every
 * "I wanted to know" a cancellation.
 */
export const DESCRIPTION_NOISE = [
  'customer',
  'customers',
  'want',
  'wants',
  'ask',
  'asks',
  'something',
  'anything',
  'thing',
  'things',
  'else',
  'other',
  'fit',
  'fits',
  'related',
];

/** The customer pointing at the real reason mid-call: "That's what I'm actually calling about." */
export const RESTATED_REASON =
  /\b(?:that's|that is|this is) (?:what|why) (?:i'm|i am) (?:actually |really |mainly )?(?:calling|writing|here)\b|\bthe (?:real|main|actual) reason (?:i'm|i am|i) (?:calling|called|writing)\b|\bwhat (?:really |actually )?(?:bothers|upsets|annoys|bugs|worries) me(?: most| more)? is\b|\b(?:the|my) (?:real|main|bigger|actual) (?:issue|problem|concern|question) is\b/;

/**
 * The customer opening a second, smaller matter once the first is handled: "while I've got you, my
 * daughter moved". What follows is a side topic, not what the call was mainly about.
 */
export const SIDE_TOPIC =
  /\b(?:while i(?:'ve| have) (?:got )?you|while we're at it|one more thing|(?:one|a) (?:last|other|more|quick|small|separate) (?:thing|question)|another (?:thing|question)|unrelated(?:,| question| thing)|before (?:i|we) (?:go|hang up|let you go)|on (?:a|an|another) (?:separate|different|other|unrelated) note)\b/;

/**
 * Words that look like a topic but are not one here: "you know" and "wonderful" ask nothing (they
 * would read as "know" and "wondering", questions), and neither a battery's charge nor the person in
 * charge is a charge on a bill.
 */
export const NOT_TOPIC_WORDS =
  /\b(?:you know|y'know|i know|good to know|let (?:me|us|you) know|wonderful|in charge|(?:full|hold(?:s|ing)? a|keep(?:s|ing)? a) charge|charge (?:it|them)(?! (?:to|on|back))|chargers?|charging (?:it|them|cable|dock|base|station))\b/g;

/** Phrases that introduce what the customer wants: the words right after them weigh triple. */
export const INTENT_PHRASES = [
  'want to',
  'wanted to',
  'would like to',
  "i'd like to",
  'need to',
  'calling to',
  'calling about',
  'calling because',
  'trying to',
  'looking to',
  'looking at',
  'looking for',
  'interested in',
  'question about',
  'asking about',
  'going to have to',
  'have to',
];

/**
 * A customer's grievance about how they were treated: by an agent, a driver, a technician. Anger at a
 * double charge is a billing call; anger at the person who handled it makes the call a complaint.
 */
export const STAFF_CONDUCT =
  /\b(?:rude|dismissive|treated (?:like (?:that|this|dirt|garbage|a criminal|an idiot)|that way|so badly)|being treated|walked (?:off|away)(?: on (?:me|us))?|(?:didn't|did not) even (?:look up|look at (?:me|us)|apologi[sz]e|listen)|(?:file|make|lodge|log|register)(?: this)?(?: as)? a (?:formal )?complaint|unprofessional|disrespectful|condescending|lied|hung up on (?:me|us)|talked down|not (?:his|her|their|my) problem|speak (?:to|with) (?:a|your) (?:supervisor|manager)|worst service|terrible service|nobody (?:showed|came)|no-show|(?:how|the way) (?:you're|you are|you|they|he|she) (?:treat|treated|treating|spoke|talked)|(?:what|and) about the (?:agent|rep|representative|driver|technician|person)|how (?:i|we) (?:was|were|got) (?:treated|spoken to|talked to)|(?:talked|spoken|talking|speaking) to (?:me |us )?like (?:that|this|a child|i'm|we're)|rolled (?:his|her|their) eyes|(?:send|sending|forward|forwarding|write|writing) (?:up )?(?:a|the) (?:written |formal )?complaint|(?:talk|speak) (?:to|with) (?:a|your|the) (?:supervisor|manager|owner)|(?:talk|speak) (?:to|with) (?:whoever|someone|somebody|the person)(?: who's| who is| that's| is)? in charge)\b/;

/**
 * How customers say what kind of call it is without the categories' own words. A cue adds the
 * words it means to the sentence, so "I'm looking into getting an alarm system" reads as buying
 * and "Export failed (code 502)" as an error, for whichever category's description uses them.
 */
export const CONCEPT_CUES: readonly { cue: RegExp; means: string; agentToo?: boolean }[] = [
  // Ending a service in the customer's own words: letting it lapse, switching it off, being done with it.
  {
    cue: /\b(?:(?:not|don't want it|doesn't|won't) to renew|let (?:it|the \w+) (?:lapse|expire)|shut (?:it|this|that) off|(?:i'm|i am|we're|we are) (?:kind of |pretty much |just )?done with (?:it|this|the)|stop (?:my|the|our) (?:subscription|membership|service|plan)|(?:don't|do not) (?:want|need) (?:it|this|the \w+) anymore)\b/,
    means: 'cancel',
  },
  // A prospect: wanting something new, or asking what it would cost and on what terms.
  {
    cue: /\b(?:looking (?:into|at) (?:getting|buying|a |an |some |\w+ (?:tools|software|systems|options|plans))|interested in (?:getting|buying|signing|your)|thinking (?:about|of) (?:getting|buying|signing up)|shopping (?:for|around)|(?:want|wanted|like) to (?:buy|purchase|sign up for|order a|get (?:a|an) new)|(?:i'd|i would) like to get (?:a|an)\b|(?:get|need|want) a quote|saw your ad|what does (?:it|that|the \w+(?: itself)?) cost|how much (?:does|would) (?:it|that|the \w+) cost|what (?:would|will) (?:it|that) cost|what (?:it|that) (?:would|will) cost|(?:is there|what's the) (?:a )?contract|contract length|installation fees?|anything cheaper|setup fee|minimum contract|sign me up|gift (?:membership|card|subscription|certificate|box)|can i (?:get|buy|order|purchase) (?:him|her|them|us|my \w+) (?:a|an|one)\b)\b/,
    means: 'buying interested',
  },
  // A prospect shopping around: asking for someone to do a job, for a price, comparing quotes, choosing.
  {
    cue: /\b(?:looking for (?:someone|somebody|a company|a (?:rough )?(?:price|quote|estimate))|(?:a|the) rough price|price-?wise|(?:getting|get) (?:a couple (?:of )?|some |a few )?(?:other |more )?quotes|(?:run|think) it (?:by|over with) (?:my|the)|leaning towards|(?:have|got) (?:it|this|that|one|any|the \w+) in stock|how do i (?:hold|reserve|order) (?:it|one)|(?:let's|i'll|we'll) (?:do|go with|get|take) the (?:\w+[- ])?(?:package|plan|option|deal|bundle)|(?:i'll|we'll) take (?:it|them|both)(?=[.!,]|$)|sign (?:me|him|her|us|them) up)\b/,
    means: 'buying quotes',
  },
  // Something the customer wants to own or run: taking over an account, adding or removing people.
  {
    cue: /\b(?:take (?:it|this|the account|(?:his|her|their) account) over|take over (?:his|her|their|the|my)|transfer (?:management|ownership|the account|(?:his|her|their) (?:account|profile))|(?:put|move) (?:it|the account) (?:in|under|into) my name|(?:add|remove) (?:a |an |my )?(?:user|authorized user|co-?owner|joint owner)|(?:add|adding|remove|removing|take|taking) \w+(?: \w+)? (?:to|from|on|off) (?:the|my|our|his|her|their) (?:\w+ )?account)\b/,
    means: 'ownership users',
  },
  // The service itself failed the customer: late, wrong or missing, or nobody came or called.
  {
    cue: /\b(?:(?:was|were) supposed to (?:be delivered|arrive|show up|be here|be ready)|(?:came|arrived|showed up) (?:\w+ )?(?:hours?|minutes?) late|(?:wrong|missing) (?:order|items?|size|colou?r)|never (?:showed up|arrived|came)|nobody (?:called|showed up|came)|(?:it's|it is|it was|it got|got|came back|is) (?:completely |totally |just )?(?:ruined|destroyed))\b/,
    means: 'dissatisfaction service',
  },
  // Something does not work: errors and failures, not settings the customer wants changed.
  {
    cue: /\b(?:error|errors|offline|failed|fails|failing|(?:got |was |were |keeps getting )rejected|fault(?:y| code)|(?:hardware|printer|print head|electrical|wiring|line) fault|(?:it|that) (?:breaks|broke)|(?:come|comes|coming) out blank|(?:isn't|is not|aren't|not) (?:heating|printing|charging|turning on|loading|responding)|crash(?:es|ed|ing)?|froze|freezes|frozen|glitch\w*|bug|(?:can't|cannot|won't|doesn't|isn't|stopped) (?:\w+ )?(?:export|load|open|sync|syncing|print|printing|connect|connecting|work|working|save|upload|download|send|sending)|keeps (?:dropping|crashing|freezing|failing|disconnecting|going offline)|still (?:doing it|happening|broken|dropping|failing))\b/,
    means: 'error broken',
  },
  // A device misbehaving, told by its symptom: it buzzes, flashes red, won't take a code or hold a charge
  // ("the store won't accept returns" is a policy, not a fault, so only codes and the device itself).
  {
    cue: /\b(?:buzz(?:es|ing)?|humming|static on|interference|flicker(?:s|ing)|(?:flash(?:es|ing)?|blink(?:s|ing)?) (?:red|orange|amber)|(?:won't|will not) (?:take|accept|recogni[sz]e) (?:it|(?:the|my) (?:new )?(?:code|pin|password|fingerprint))|(?:won't|will not|doesn't|does not|didn't|did not) (?:respond|turn on|power on|hold a charge|stay on))\b/,
    means: 'error broken',
  },
  // Money taken without the customer's consent: fraud, whatever account or card it came from.
  {
    cue: /\b(?:(?:that|which) i (?:didn't|did not|never) (?:make|made|authorize|authorise|buy|order)|(?:didn't|did not|never) authori[sz]e|(?:don't|do not) recogni[sz]e (?:these|this|the|those|some|a|any)|someone (?:used|stole|took|hacked)|(?:hacked|compromised|fraudulent|unauthori[sz]ed))\b/,
    means: 'unrecognized fraud',
  },
  // A prospect booking or pricing a job or an outing: buying a service is still buying.
  {
    cue: /\b(?:(?:want|wanted|like|trying|hoping|looking) to (?:book|reserve)|(?:can|could) (?:i|we) (?:book|reserve)|(?:get|need|want|schedule|set up|come out for) (?:a|an|the) (?:free |written )?(?:estimate|quote)|pricing (?:out|it out)|let's (?:grab|book|reserve) (?:it|that|one|the)|what does (?:a|an) \w+(?: \w+){0,2} (?:even )?(?:run|cost)|how much (?:is|are|for) (?:a|an|the)\b)/,
    means: 'buying quotes',
  },
  // Asking how things work (opening hours, deadlines, policies), not about a problem or a purchase.
  {
    cue: /^(?:and |so |also |ok,? |okay,? )?(?:how (?:long|late|early|far) (?:do|does|is|are|can|will)|what time (?:do|does|is|are)|what are (?:your|the) (?:hours|rules)|when (?:does|do) (?:the|you|your)|where (?:is|are) (?:the|your)|do you (?:price match|have a policy|accept|take)|what(?:'s| is) (?:your|the) (?:policy|return policy|deadline|cutoff))\b/,
    means: 'questions information',
  },
  // Unhappy with how people behaved or with the service itself, not just with a fault or a charge.
  {
    cue: STAFF_CONDUCT,
    means: 'complaint dissatisfaction',
    // An agent logging "a formal complaint about how you were treated" restates the customer's grievance.
    agentToo: true,
  },
];
