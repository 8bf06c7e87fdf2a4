/**
 * Realistic contact-center conversations for the fake Zoom, the simulator and the demo. Each scenario
 * is a script with placeholders; a seed picks the people, amounts and details, so the same seed always
 * gives the same call. Output is WebVTT in the layout Zoom uses for transcripts ("Name: words" per cue).
 */

export const CALL_SCENARIOS = [
  'billing',
  'tech_support',
  'cancellation',
  'sales',
  'account_change',
  'complaint',
] as const;
export type CallScenario = (typeof CALL_SCENARIOS)[number];

export interface CallTurn {
  speaker: 'agent' | 'customer';
  name: string;
  text: string;
  startMs: number;
  endMs: number;
}

export interface GeneratedCall {
  scenario: CallScenario;
  /** The queue such a call would come in on. */
  queueName: string;
  agentName: string;
  customer: { name: string; email: string; phone: string };
  turns: CallTurn[];
  durationSeconds: number;
  /** Voice/video transcript, as Zoom serves it. */
  vtt: string;
  /** The same conversation as a chat log ("[hh:mm:ss] Name: text" per line). */
  chatText: string;
}

export interface GenerateCallOptions {
  scenario?: CallScenario;
  seed?: number;
  agentName?: string;
  customerName?: string;
  company?: string;
}

type Line = readonly ['agent' | 'customer', string];

const QUEUE_OF: Record<CallScenario, string> = {
  billing: 'Billing',
  tech_support: 'Technical Support',
  cancellation: 'Retention',
  sales: 'Sales',
  account_change: 'Customer Care',
  complaint: 'Customer Care',
};

// Placeholders: {agent} {agentFirst} {customer} {customerFirst} {company} {amount} {date} {email} {phone} {plan} {seats} {ticket} {device}
const SCRIPTS: Record<CallScenario, readonly Line[]> = {
  billing: [
    [
      'agent',
      'Thanks for calling {company} billing, this is {agentFirst}. Who do I have the pleasure of speaking with?',
    ],
    [
      'customer',
      "Hi, it's {customer}. I'm looking at my statement and I think I was charged twice this month.",
    ],
    ['agent', "I'm sorry about that, let me take a look. Can you confirm the email address on the account?"],
    ['customer', "Sure, it's {email}."],
    [
      'agent',
      'Thank you. I can see two charges of {amount} on {date}, one of them a few minutes after the other.',
    ],
    ['customer', "Right, that's exactly what I see. I only have the one subscription."],
    [
      'agent',
      'You are correct, the second one is a duplicate from a payment retry on our side. I am refunding it now.',
    ],
    ['customer', 'Okay, good. How long does the refund take?'],
    [
      'agent',
      'It usually shows up on your card within three to five business days. I will also email you a confirmation.',
    ],
    ['customer', 'That works. Could you make sure it does not happen again next month?'],
    [
      'agent',
      'I have flagged the account so the retry is not triggered again, and I added a note for the billing team.',
    ],
    ['customer', 'Great, thank you for sorting that out so quickly.'],
    ['agent', 'My pleasure, {customerFirst}. Is there anything else I can help with today?'],
    ['customer', "No, that's everything. Have a good day."],
  ],
  tech_support: [
    ['agent', '{company} technical support, {agentFirst} speaking. What can I help you with?'],
    ['customer', 'Hi, this is {customer}. Our {device} stopped connecting after the update on {date}.'],
    ['agent', 'Sorry to hear that. What do you see on the screen when it tries to connect?'],
    ['customer', 'It says registration failed and then it just keeps rebooting.'],
    ['agent', 'Understood. Have you tried a factory reset, or is it still on the original settings?'],
    ['customer', 'We reset it twice this morning. Same thing. And a second one in the office does it too.'],
    [
      'agent',
      'Thanks, that helps. It looks like the new firmware is rejecting the old provisioning profile. I am opening ticket {ticket} for this.',
    ],
    ['customer', 'Is there anything we can do in the meantime? People cannot take calls.'],
    [
      'agent',
      'You can forward the line to a mobile number from the admin portal for now. I will send you the steps by email.',
    ],
    ['customer', 'Okay. And when will it actually be fixed?'],
    [
      'agent',
      'A tier two engineer will call you back within twenty four hours. It would help if you could upload the device logs from the admin portal.',
    ],
    ['customer', 'I can do that this afternoon. My number is {phone} if they need to reach me.'],
    ['agent', 'Got it, I have added that to the ticket. Anything else for now?'],
    ['customer', 'No, just please make sure someone calls back.'],
  ],
  cancellation: [
    ['agent', 'Hello, you have reached {company}, my name is {agentFirst}. How can I help?'],
    ['customer', "Hi, I'm {customer}. I would like to cancel my subscription, please."],
    ['agent', 'I can help with that. May I ask what is prompting the cancellation?'],
    [
      'customer',
      'Honestly it is the price. We are paying {amount} a month and we only use a couple of features.',
    ],
    [
      'agent',
      'That makes sense. Before I cancel, would a smaller plan help? The {plan} plan covers what you use for about half the price.',
    ],
    ['customer', 'Hmm. I did not know that existed. What would we lose?'],
    [
      'agent',
      'Mainly the advanced reporting and the extra storage. Your data and users would stay as they are.',
    ],
    ['customer', 'I need to check with my manager before deciding. Can you hold off on the cancellation?'],
    ['agent', 'Of course, nothing changes today. I will email you a comparison of the two plans to {email}.'],
    ['customer', 'Thanks. If we still want to cancel, can I just reply to that email?'],
    ['agent', 'Yes, reply by the end of the month and we will process it without any further charge.'],
    ['customer', 'Okay, that is fair. Thank you.'],
  ],
  sales: [
    ['agent', 'Thanks for calling {company} sales, this is {agentFirst}. What are you looking for today?'],
    ['customer', 'Hi, {customer} here. We are evaluating tools for our support team, about {seats} people.'],
    ['agent', 'Great. What are you using today, and what is not working for you?'],
    [
      'customer',
      'We are on another vendor, our contract ends in June. We need a proper Salesforce integration and single sign on.',
    ],
    [
      'agent',
      'Both are included in the {plan} plan. For {seats} seats I can also look at a volume discount.',
    ],
    ['customer', 'That would help, budget is tight this year. Could we see a demo first?'],
    ['agent', 'Absolutely. How does next Tuesday at ten look for a forty minute demo with your team?'],
    ['customer', 'Tuesday works. Please send the invite to {email}.'],
    [
      'agent',
      'Will do. I will also prepare a quote for {seats} seats with annual billing so you can compare.',
    ],
    ['customer', 'Perfect. Can the quote include onboarding?'],
    ['agent', 'Yes, I will include the onboarding package as a separate line so you can see the cost.'],
    ['customer', 'Great, talk to you Tuesday.'],
  ],
  account_change: [
    ['agent', 'Good morning, {company} customer care, {agentFirst} speaking.'],
    [
      'customer',
      "Hi, it's {customer}. We moved offices and I need to update our billing address, and add two new users.",
    ],
    ['agent', 'Happy to help. For security, can you confirm the phone number on the account?'],
    ['customer', 'It should be {phone}.'],
    ['agent', 'Thank you, that matches. What is the new address?'],
    ['customer', 'Four hundred Market Street, suite twelve. Same city.'],
    [
      'agent',
      'Updated. The next invoice on {date} will show the new address. Now, who are the two new users?',
    ],
    ['customer', 'I will email their names and addresses, I do not have them in front of me.'],
    [
      'agent',
      'No problem. Send them to our support address and reference this call; I will add them as soon as they arrive.',
    ],
    ['customer', 'Will the new seats change our bill?'],
    ['agent', 'Yes, each seat adds {amount} a month, prorated from the day they are added.'],
    ['customer', 'Okay, that is expected. Thanks for your help.'],
  ],
  complaint: [
    ['agent', 'Thank you for calling {company}, this is {agentFirst}. How can I help you today?'],
    [
      'customer',
      'This is {customer}. I have called three times about the same outage and nobody has called me back.',
    ],
    [
      'agent',
      'I am really sorry, that is not the experience we want you to have. Let me pull up your previous tickets.',
    ],
    ['customer', 'The first one was on {date}. Ticket {ticket}. It has been a week.'],
    ['agent', 'I see it. The ticket was escalated but never assigned to an engineer. That is our mistake.'],
    ['customer', 'We lost a full day of calls because of this. I want to speak to a manager.'],
    [
      'agent',
      'I understand. I am escalating this to my supervisor now and marking it urgent. You will get a call back today.',
    ],
    ['customer', 'And what about the downtime? We paid for a service we did not get.'],
    [
      'agent',
      'I am requesting a service credit of {amount} for the affected days. My supervisor will confirm it when they call.',
    ],
    ['customer', 'Fine. But if this happens again we are leaving.'],
    [
      'agent',
      'That is completely fair. You can reach me directly at {email} if you do not hear back by five today.',
    ],
    ['customer', 'Okay. I will wait for the call.'],
  ],
};

const FIRST_NAMES = [
  'Alex',
  'Jordan',
  'Priya',
  'Sam',
  'Maria',
  'Daniel',
  'Aisha',
  'Tom',
  'Mei',
  'Carlos',
  'Emma',
  'Kwame',
  'Sofia',
  'Liam',
  'Nora',
  'Ravi',
];
const LAST_NAMES = [
  'Rivera',
  'Lee',
  'Patel',
  'Okafor',
  'Garcia',
  'Nguyen',
  'Khan',
  'Schmidt',
  'Chen',
  'Lopez',
  'Brown',
  'Mensah',
  'Rossi',
  'Walsh',
  'Berg',
  'Iyer',
];
const COMPANIES = ['Acme Telecom', 'Northwind Software', 'Bluebird Energy', 'Cobalt Insurance'];
const PLANS = ['Starter', 'Business', 'Essentials', 'Pro'];
const DEVICES = ['desk phone', 'conference phone', 'headset base station'];

/** mulberry32: small, deterministic, good enough to vary scripts. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function generateCall(options: GenerateCallOptions = {}): GeneratedCall {
  const random = randomSource(options.seed ?? 1);
  const scenario = options.scenario ?? pick(random, CALL_SCENARIOS);
  const agentName = options.agentName ?? `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
  let customerName = options.customerName ?? `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
  if (customerName === agentName)
    customerName = `${customerName.split(' ')[0]} ${pick(random, LAST_NAMES)}-Hill`;
  const customerFirst = customerName.split(' ')[0] ?? customerName;
  const email = `${customerName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
  const phone = `+1415555${String(1000 + Math.floor(random() * 9000))}`;
  const values: Record<string, string> = {
    agent: agentName,
    agentFirst: agentName.split(' ')[0] ?? agentName,
    customer: customerName,
    customerFirst,
    company: options.company ?? pick(random, COMPANIES),
    amount: `$${(19 + Math.floor(random() * 180)).toFixed(2)}`,
    date: pick(random, ['March 3', 'April 12', 'May 28', 'June 9', 'the first of the month']),
    email,
    phone,
    plan: pick(random, PLANS),
    seats: String(10 + Math.floor(random() * 90)),
    ticket: `CS-${10000 + Math.floor(random() * 89999)}`,
    device: pick(random, DEVICES),
  };

  const turns: CallTurn[] = [];
  let clock = 800;
  for (const [speaker, template] of SCRIPTS[scenario]) {
    const text = template.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? `{${key}}`);
    const words = text.split(/\s+/).length;
    const spoken = Math.round(words * (330 + random() * 80));
    turns.push({
      speaker,
      name: speaker === 'agent' ? agentName : customerName,
      text,
      startMs: clock,
      endMs: clock + spoken,
    });
    clock += spoken + 300 + Math.floor(random() * 900);
  }

  return {
    scenario,
    queueName: QUEUE_OF[scenario],
    agentName,
    customer: { name: customerName, email, phone },
    turns,
    durationSeconds: Math.ceil(clock / 1000),
    vtt: toWebVtt(turns),
    chatText:
      turns.map((turn) => `[${timestamp(turn.startMs).slice(0, 8)}] ${turn.name}: ${turn.text}`).join('\n') +
      '\n',
  };
}

export function toWebVtt(turns: readonly CallTurn[]): string {
  const cues = turns.map(
    (turn, index) =>
      `${index + 1}\n${timestamp(turn.startMs)} --> ${timestamp(turn.endMs)}\n${turn.name}: ${turn.text}`,
  );
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function timestamp(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const millis = ms % 1000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
}
