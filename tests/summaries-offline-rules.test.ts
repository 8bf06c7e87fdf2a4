import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../server/contract/summary';
import { summarizeOffline } from '../server/summaries/engine';
import { analyze } from '../server/summaries/engine/offline/analysis';
import { classify, scoreCategories } from '../server/summaries/engine/offline/category';
import { findCommitments } from '../server/summaries/engine/offline/commitments';
import { outcomeDetailOf } from '../server/summaries/engine/offline/narrative';
import { detectOutcome } from '../server/summaries/engine/offline/outcome';
import { endOfCallSentiment } from '../server/summaries/engine/offline/sentiment';
import { readCall } from '../server/summaries/engine/offline/summarizer';
import { parseTranscript } from '../server/summaries/engine/transcript/parse';
import type { Category } from '../server/summaries/engine/types';

/** One general rule of the offline summarizer per test, each on a small call written for it. */

const defaults = DEFAULT_CATEGORIES.map((category) => ({ ...category }));

/**
 * The summary with the rules' own mood, promises, outcome and category: the learned mood, items and
 * category (learned-sentiment.ts, learned-action-items.ts, learned-category.ts) have their own tests.
 */
function summarize(lines: readonly string[], categories: Category[] = defaults) {
  const input = { transcript: lines.join('\n'), categories, agentNames: ['Agent'], redactPii: true };
  const { analysis } = readCall(input);
  const commitments = findCommitments(analysis);
  const sentiment = endOfCallSentiment(analysis);
  const outcome = detectOutcome(analysis, commitments, sentiment);
  return {
    ...summarizeOffline(input),
    sentiment,
    actionItems: commitments.map(({ text, owner, due }) => ({ text, owner, due })),
    outcome: { status: outcome.status, detail: outcomeDetailOf(outcome.status, outcome, analysis) },
    category: classify(analysis, categories),
  };
}

const actionTexts = (lines: readonly string[]) =>
  summarize(lines).actionItems.map((item) => item.text.toLowerCase());

describe('contact details', () => {
  it("takes the customer's corrected email, digits spoken after the name included", () => {
    const summary = summarize([
      'Agent: Thanks for calling Brightway, how can I help?',
      'Customer: I want to update my email.',
      'Agent: Sure, what is the new one?',
      "Customer: It's sam.lee@example.com. Oh wait, no, sorry, it's sam dot lee forty-two at example dot com.",
      'Agent: Got it, updated.',
    ]);
    expect(summary.contact.email).toBe('sam.lee42@example.com');
  });

  it("never takes the company's own mailbox or numbers, even repeated back by the customer", () => {
    const summary = summarize([
      'Agent: Thank you for contacting Orchard Appliances, this is Bea. How can I help?',
      'Customer: My dryer arrived dented.',
      'Agent: Please email photos to claims@orchardappliances.example.com. You can also call us at 312-555-0100.',
      'Customer: Okay, 312-555-0100. Can someone call me back on my cell, 773-555-0163?',
      'Agent: Yes. And our billing line is 1-800-555-0123 if you need it.',
      'Customer: Thanks.',
    ]);
    expect(summary.contact).toEqual({ phone: '+17735550163' });
  });

  it("takes the agent's read-back of a number the customer corrected in words", () => {
    const summary = summarize([
      'Agent: Riverside Dental, what is the best number for you?',
      'Customer: Three one two, five five five, zero one four seven. No, wait, zero one seven four.',
      'Agent: Three one two, five five five, zero one seven four. Saved.',
      'Customer: Yes.',
    ]);
    expect(summary.contact.phone).toBe('+13125550174');
  });

  it("takes the agent's read-back of an address the customer spelled past the detectors", () => {
    const summary = summarize([
      'Agent: Whitlock Bells, this is Nora. What email should the quote go to?',
      "Customer: My email is h, p, r, u, i, t, t, at, st brigid c b, that's S-T-B-R-I-G-I-D-C-B, dot org.",
      'Agent: So h pruitt at stbrigidcb dot org.',
      'Customer: Wonderful.',
    ]);
    expect(summary.contact.email).toBe('hpruitt@stbrigidcb.org');
  });

  it("takes the agent's read-back of an address the customer corrected in words, once confirmed", () => {
    const summary = summarize([
      'Agent: Can I get an email address to send the quote to?',
      "Customer: Yes, it's h pettigrew, P-E-T-T-I-G-R-E-W, fifty-one, at yahoo dot com.",
      'Agent: So h, pettigrew, five one, at yahoo dot com?',
      "Customer: Oh, wait, no, sorry. It's forty-one, not fifty-one. Four one.",
      'Agent: No problem at all. h pettigrew four one, at yahoo dot com.',
      "Customer: That's it.",
    ]);
    expect(summary.contact.email).toBe('hpettigrew41@yahoo.com');
  });

  it("leaves out a family member's details the customer gives, and keeps the customer's own", () => {
    const pickup = summarize([
      'Agent: And your phone, is it still 312-555-0126?',
      "Customer: Yep, that's my cell, that's still good.",
      "Agent: We put a phone number on the pickup authorization, so we can call her if we can't reach you. Do you have hers?",
      'Customer: Yeah, hers is three one two, five five five, zero one nine four.',
      'Agent: Three one two, five five five, oh one nine four. And an email for her? That one is optional.',
      "Customer: Sure, it's marisol q, just the letter q, at example dot com.",
      'Agent: marisolq at example dot com. Okay, she is on there as an authorized pickup.',
    ]);
    expect(pickup.contact).toEqual({ phone: '+13125550126' });
    const transfer = summarize([
      'Agent: Can I get the email on your account?',
      'Customer: nikhil.desai.88@gmail.com',
      "Agent: Verified. For the transfer I need your sister's full name, her email, and her mailing address.",
      'Customer: Asha Desai, asha.d.writes@gmail.com, 41 Larkspur Ct, Boulder CO 80304',
    ]);
    expect(transfer.contact.email).toBe('nikhil.desai.88@gmail.com');
    // "The best number for her to reach you" asks for the customer's own.
    const callback = summarize([
      'Agent: The nurse will call you back tonight. What is the best number for her?',
      'Customer: (512) 555-0177.',
    ]);
    expect(callback.contact.phone).toBe('+15125550177');
  });

  it('keeps a local number said without its area code, and takes the full number when the call has it', () => {
    const local = summarize([
      'Agent: Harbor Linen, how can I help?',
      "Customer: The van never came. Don't call the house, use my cell. Five five five, zero one eight seven.",
      'Agent: Got it, I will have dispatch call you.',
    ]);
    expect(local.contact.phone).toBe('555-0187');
    const completed = summarize([
      'Agent: Keycap Collective, how can I help?',
      'Customer: My case arrived scratched. She can call me at 555-0152. Area code 503.',
      'Agent: 503-555-0152, got it.',
    ]);
    expect(completed.contact.phone).toBe('+15035550152');
  });

  it("reads the number on file back as the customer's once they own it, never a line the company points to", () => {
    const onFile = summarize([
      'Agent: Done, you are moved to Monday. The number I have for reminders is 614-555-0163, is that still good?',
      "Customer: That's my cell, yes.",
    ]);
    expect(onFile.contact.phone).toBe('+16145550163');
    const sms = summarize([
      'Customer: hey, I got charged twice for my textbook',
      "Agent: Hi, this is Amir from Shelfwise support. I've sent it to billing and they'll reverse it.",
      'Agent: If you need us, reply here or call 555-0170.',
      'Customer: thanks',
    ]);
    expect(sms.contact.phone).toBeUndefined();
  });

  it("leaves out a number the customer says is someone else's, the company's office line and its mailboxes", () => {
    const summary = summarize([
      'Agent: Oxbow Cargo Cycles service desk, this is Lena.',
      'Customer: Hi Lena, I need to move the account to me. My number is three one two, five five five, oh one eight six.',
      "Agent: Three one two, five five five, zero one eight six. And the number on file now, three one two, five five five, zero one two zero, that's Arjun's?",
      "Customer: Yeah, that's his, take that off.",
      'Agent: Done. Does your bookkeeper have the office number, two oh seven, five five five, zero one zero two?',
      'Customer: She does.',
      'Agent: And please email the invoice to warranty at oxbow cargo dot example dot com.',
      'Customer: Will do.',
    ]);
    expect(summary.contact).toEqual({ phone: '+13125550186' });
  });

  it("takes a corrected read-back only right after the customer's number, never the company's line", () => {
    const summary = summarize([
      'Agent: Greenleaf Nursery, what is the best number for the crew?',
      'Customer: Use my cell. Seven oh eight, five five five, oh one three four.',
      'Agent: Seven oh eight, five five five, oh one three four. And if the crew is late, you can call the yard directly at seven oh eight, five five five, oh one hundred.',
      'Customer: Okay.',
    ]);
    expect(summary.contact.phone).toBe('+17085550134');
    const corrected = summarize([
      'Agent: Best phone number?',
      'Customer: My cell is three one seven, five five five, zero one three one.',
      'Agent: Three one seven, five five five, zero one three one.',
      'Customer: Wait, no, sorry, zero one three six. Three six. I just got this phone.',
      'Agent: No worries. Three one seven, five five five, zero one three six.',
    ]);
    expect(corrected.contact.phone).toBe('+13175550136');
  });

  it('does not take an account number for a phone number', () => {
    const summary = summarize([
      'Agent: Thanks for calling Tri-County Electric. Can you give me your account number?',
      "Customer: It's 415 555 0132.",
      'Agent: Thank you, I have your account.',
    ]);
    expect(summary.contact.phone).toBeUndefined();
  });
});

describe('category', () => {
  it('reads a prospect asking about prices as Sales, not Billing', () => {
    const summary = summarize([
      'Agent: Thanks for calling ClearDesk, how can I help?',
      "Customer: Hi, we're looking at helpdesk tools for our shop.",
      'Agent: Great, how many people answer email?',
      'Customer: Four of us. What does it cost?',
      'Agent: The Team plan is 39 dollars per agent per month, billed monthly, and the price drops if you pay annually.',
      'Customer: Is there a setup fee? The pricing seems high for us.',
      'Agent: No setup fee.',
      'Customer: Okay, thanks, bye.',
    ]);
    expect(summary.category).toBe('Sales');
  });

  it('makes a billing dispute that turns on the staff a Complaint', () => {
    const summary = summarize([
      'Agent: Metro Power, this is Kevin.',
      'Customer: I was charged a late fee on my bill but I paid on time.',
      'Agent: The payment posted late, so the fee on the invoice is correct.',
      'Customer: I paid the bill on the 14th. Can you refund the fee? I have paid every invoice on time.',
      'Agent: The charge stays. Payments must post by the due date.',
      'Customer: You are being rude about it. I want to make a complaint about how you are treating me.',
      'Agent: Noted.',
    ]);
    expect(summary.category).toBe('Complaint');
  });

  it('keeps anger at a double charge Billing: the anger is at the error, not at the staff', () => {
    const summary = summarize([
      'Agent: Northline Mobile, how can I help?',
      "Customer: You charged my card twice for the same bill and I'm really not happy about it.",
      'Agent: I see both payments. I have refunded the second charge; it shows within 5 days.',
      'Customer: Okay. Thanks.',
    ]);
    expect(summary.category).toBe('Billing');
  });

  it('reads a customer asking about hours and policies as a General Inquiry', () => {
    const summary = summarize([
      'Agent: Hi, this is Alder Books, what can I do for you?',
      'Customer: How long do I have to return a gift? It was paid by card.',
      'Agent: 30 days with the receipt, refunded to the card, or store credit without it.',
      'Customer: What time does the downtown store close on Sunday?',
      'Agent: 5 pm.',
      'Customer: Ok, thanks.',
    ]);
    expect(summary.category).toBe('General Inquiry');
  });

  it("reads charges the customer didn't make as fraud for a bank's own categories", () => {
    const summary = summarize(
      [
        'Agent: Thanks for calling Prairie Bank.',
        "Customer: There are three charges on my credit card that I didn't make.",
        "Agent: I've blocked the card and ordered a new card; the card arrives in a week.",
        'Customer: Okay.',
      ],
      [
        {
          name: 'Cards',
          description: 'Credit and debit cards: activation, lost cards, limits, replacements.',
        },
        { name: 'Fraud', description: 'Unrecognized transactions and fraud reports.' },
        { name: 'General', description: 'Anything else.' },
      ],
    );
    expect(summary.category).toBe('Fraud');
  });

  it("hears a failure in the customer's words for an organization's own categories", () => {
    const summary = summarize(
      [
        'Agent: Welcome to Ledgerly support, what can I help with?',
        "Customer: I can't export invoices to PDF. It says Export failed every time.",
        'Agent: Which browser are you using?',
        'Customer: Chrome. Same error in Edge.',
      ],
      [
        { name: 'Bug Report', description: 'Something in the product is broken or shows an error.' },
        {
          name: 'Billing & Plans',
          description: 'Our subscription, our invoices to the customer, upgrades, refunds.',
        },
        { name: 'How-To', description: 'Questions about how to use a feature.' },
      ],
    );
    expect(summary.category).toBe('Bug Report');
  });
});

describe('action items', () => {
  it('says who "he" is when the agent named a supervisor just before', () => {
    const items = actionTexts([
      'Agent: Thanks for calling, how can I help?',
      'Customer: The driver broke my front door.',
      'Agent: I am so sorry. My supervisor, Mr. Okoye, reviews those reports himself. He will call you tomorrow about compensation.',
      'Customer: Okay.',
    ]);
    expect(items).toEqual(['supervisor will call the customer tomorrow about compensation']);
  });

  it('keeps the object of a customer promise made with a pronoun', () => {
    const items = actionTexts([
      'Agent: Thanks for calling, how can I help?',
      'Customer: My washer was delivered with a dent.',
      'Agent: Could you send us a couple of photos of the dent?',
      "Customer: Fine, I'll send them tonight.",
      'Agent: Thank you.',
    ]);
    expect(items).toEqual(['customer to send a couple of photos of the dent tonight']);
  });

  it('drops narration and deeds with nothing to check', () => {
    const items = actionTexts([
      'Agent: Thanks for calling Harbor Security, how can I help?',
      'Customer: I want the alarm package.',
      "Agent: Great. I'll need a few details first. The installer can angle the sensor, he'll sort that out.",
      'Customer: Okay.',
    ]);
    expect(items).toEqual([]);
  });

  it('drops a choice the customer makes on the spot, and a promise declined after "I can"', () => {
    const items = actionTexts([
      'Agent: Thanks for calling, how can I help?',
      "Customer: Let's do the Essentials package. I'll pay for the equipment upfront.",
      'Agent: I can open a ticket with our engineering team about the sensor too.',
      "Customer: No, forget it. I'll ask my brother to look at it.",
      'Agent: Alright.',
    ]);
    expect(items).toEqual([]);
  });

  it('keeps one item when the agent asks for something and the customer promises it', () => {
    const summary = summarize([
      'Agent: Thanks for calling, how can I help?',
      'Customer: I want to buy the package.',
      "Agent: I'll email you the monitoring agreement within the hour. You'll need to e-sign it before Saturday.",
      "Customer: Okay, I'll sign it tonight.",
      'Agent: Wonderful.',
    ]);
    expect(summary.actionItems.map((item) => [item.owner, item.text.toLowerCase()])).toEqual([
      ['agent', 'email the customer the monitoring agreement within the hour'],
      ['customer', 'customer to e-sign the monitoring agreement before saturday'],
    ]);
  });

  it('keeps a dated third-party promise when other work is reported done later', () => {
    const items = actionTexts([
      'Agent: Hi, city services.',
      'Customer: The crew never came for my old fridge.',
      "Agent: I've opened a new request, and the crew will pick up the fridge on Friday, May 9.",
      "Agent: I've also added a note about the missed pickup to the request.",
      'Customer: Okay.',
    ]);
    expect(items).toEqual([expect.stringContaining('crew will pick up the fridge')]);
  });

  it('drops requirements, subordinate clauses and requests to do nothing', () => {
    const items = actionTexts([
      'Agent: Your plan needs a form from your doctor before they will cover it.',
      "Agent: The installer will need access to the garage. Please don't apologize.",
      "Customer: I'll need our office manager for that, she's away.",
    ]);
    expect(items).toEqual([]);
  });

  it('turns "you\'ll get a confirmation email" into the company\'s promise to send it', () => {
    const items = actionTexts([
      'Agent: Thanks for calling Lumen, how can I help?',
      'Customer: I want to cancel my subscription.',
      "Agent: Done, I've cancelled it. You'll get a confirmation email in the next few minutes.",
      'Customer: Thanks, bye.',
    ]);
    expect(items).toEqual(['send a confirmation email to the customer']);
  });
});

describe('sentiment and outcome', () => {
  it('leaves the call open when the agent hands the work on to someone who acts after it', () => {
    const { analysis } = readCall({
      transcript: [
        'Agent: Northside Metal, how can I help?',
        'Customer: Half the brackets in the last shipment have burrs on the holes.',
        'Agent: Send me photos and I will pass them to quality.',
        'Customer: Okay, thanks.',
      ].join('\n'),
      categories: defaults,
      agentNames: ['Agent'],
      redactPii: true,
    });
    const outcome = (text: string) =>
      detectOutcome(analysis, [], endOfCallSentiment(analysis), [{ text, owner: 'agent', due: null }]).status;
    expect(outcome('Quality will review them and get back to the customer within 2 business days')).toBe(
      'follow_up',
    );
    expect(outcome('AR will apply the deposit and send the customer a corrected invoice')).toBe('follow_up');
    // The agent's own paperwork, and news of what arrives, settle nothing further.
    expect(outcome('Email the customer the receipt today')).toBe('resolved');
    expect(outcome('They will each get an invitation email from us')).toBe('resolved');
    expect(outcome('The loft will ship it by freight on Monday, straight to the marina')).toBe('resolved');
  });

  it('reads a polite cancellation as neutral and warm thanks as positive', () => {
    const call = (closing: string) =>
      summarize([
        'Agent: Thanks for calling, how can I help?',
        'Customer: I want to cancel my subscription.',
        "Agent: I've cancelled it; you keep access until the 14th.",
        closing,
        'Agent: Anything else?',
        "Customer: No, that's all. Bye.",
      ]).sentiment.label;
    expect(call('Customer: Okay, great. Thanks.')).toBe('neutral');
    expect(call('Customer: Thank you so much, that was really easy!')).toBe('positive');
  });

  it('reads the goodbye: warm thanks after a worry, sarcastic thanks, a bare closing', () => {
    const call = (...closing: string[]) =>
      summarize([
        'Agent: Thanks for calling, how can I help?',
        'Customer: My pickup was missed again and nobody told me.',
        "Agent: I'm sorry. I've booked a new pickup for Tuesday morning.",
        ...closing,
      ]).sentiment.label;
    expect(call("Customer: Oh, that's very kind of you, thank you so much. I was worried about it.")).toBe(
      'positive',
    );
    expect(call("Customer: Wonderful. I'm sure that'll go great this time. Thanks so much.")).toBe(
      'negative',
    );
    expect(call("Customer: Perfect, that's all I needed.", 'Customer: thanks')).toBe('neutral');
    expect(
      call("Customer: I'm pretty frustrated, honestly.", 'Customer: Well.', 'Customer: Goodnight.'),
    ).toBe('negative');
  });

  it('does not let turning down a last offer hide warm thanks', () => {
    const summary = summarize([
      'Agent: Thanks for calling, how can I help?',
      'Customer: I want to cancel, it is too expensive.',
      "Agent: I can move you to 2 meals a week at 40% off. Done, I've switched you.",
      'Customer: Amazing, thank you so much!!',
      "Agent: Want me to add the free dessert to this week's box too?",
      'Customer: No thanks, sugar is bad for us, we hate waste.',
    ]);
    expect(summary.sentiment.label).toBe('positive');
  });

  it('keeps a customer who complained during the call negative when they leave curtly', () => {
    const summary = summarize([
      'Agent: Thanks for calling, how can I help?',
      'Customer: The driver was rude. He dropped my washer and left.',
      'Customer: Nobody showed up twice before that. It is unacceptable.',
      'Agent: I am sorry. A new washer arrives Monday.',
      "Customer: We'll see.",
      'Agent: Could you send us photos of the dent?',
      "Customer: Fine, I'll send them tonight.",
      'Agent: Thank you.',
      'Customer: Okay. Call me on my cell if anything changes.',
      'Agent: Anything else?',
      'Customer: No.',
    ]);
    expect(summary.sentiment.label).toBe('negative');
  });

  it('calls an unhappy ending with nothing promised unresolved', () => {
    const summary = summarize([
      'Agent: Thanks for calling, how can I help?',
      'Customer: My invoices will not export, it keeps failing.',
      'Agent: It works on my side. Could you try another network?',
      "Customer: I don't have time for this. This is useless, I'm going to start looking at other software.",
      'Agent: I am sorry to hear that.',
      'Customer: Whatever. Bye.',
    ]);
    expect(summary.outcome.status).toBe('unresolved');
    expect(summary.actionItems).toEqual([]);
  });

  it('settles a call whose only loose ends are documents and an option the customer will think about', () => {
    const summary = summarize([
      'Agent: Thanks for calling, how can I help?',
      'Customer: I need a payment arrangement for my past due bill.',
      "Agent: I've set up the arrangement. I'll email you the written payment arrangement today.",
      'Customer: Thank you.',
      'Agent: Would you like to set up autopay as well?',
      "Customer: I'd have to check with my husband. I'll call back about that.",
      'Agent: No problem.',
    ]);
    expect(summary.outcome.status).toBe('resolved');
    expect(summary.actionItems).toHaveLength(2);
  });
});

describe('action items and outcome: promises as people actually phrase them (rules 4)', () => {
  it("takes a request the customer agreed to in the agent's words, due when the customer said", () => {
    const summary = summarize([
      'Agent: Thanks for calling Northgate Gas, how can I help?',
      'Customer: My meter reading looks wrong.',
      'Agent: You can email a photo of the meter dial to readings at northgate dot example dot com, with your account number in the subject.',
      "Customer: Okay, I'll send that over tomorrow.",
      'Agent: Thanks.',
    ]);
    expect(summary.actionItems).toHaveLength(1);
    expect(summary.actionItems[0]).toMatchObject({ owner: 'customer', due: 'tomorrow' });
    expect(summary.actionItems[0]?.text.toLowerCase()).toContain('photo of the meter dial');
  });

  it('takes a "could you…?" the customer put off to a later day', () => {
    const texts = actionTexts([
      'Agent: Could you export the error log from the admin page and attach it to the ticket?',
      "Customer: Sure, our admin is out today. I'll do it Monday.",
      'Agent: Great, thank you.',
    ]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('export the error log');
  });

  it('reads a visit told as narration ("the electrician is coming Friday") as a promise', () => {
    const texts = actionTexts([
      'Customer: Half my outlets are dead.',
      'Agent: I am sorry. Our electrician is coming Friday morning to replace the breaker.',
      'Customer: Okay.',
    ]);
    expect(texts).toEqual(['electrician will come friday morning to replace the breaker']);
  });

  it('takes "what I can do is have a manager call you back" as a promise, but not "what I can do is explain"', () => {
    const summary = summarize([
      'Customer: I want to speak to a manager.',
      'Agent: None is free right now. What I can do is have a manager call you back.',
      'Customer: Fine.',
    ]);
    expect(summary.actionItems.map((item) => item.text.toLowerCase())).toEqual([
      'have a manager call the customer back',
    ]);
    expect(summary.outcome.status).toBe('follow_up');
    expect(
      actionTexts(['Customer: Why is it so high?', 'Agent: What I can do is explain the charges.']),
    ).toEqual([]);
    expect(
      actionTexts([
        'Agent: I can have a technician look at it Thursday.',
        "Customer: No thanks, I'd rather fix it myself.",
      ]),
    ).toEqual([]);
  });

  it('does not take steps of the call itself: a hold, a code to read back, a note on the ticket, work started now', () => {
    const summary = summarize([
      "Agent: I'm going to place you on a brief hold.",
      "Agent: I'm going to send a one-time verification code to your phone. Read it back to me when you get it.",
      'Customer: 4 4 1 9.',
      "Agent: Thanks. I'll put in the ticket that this is your second call.",
      "Agent: I'll send the request to the warehouse now, and they'll take it from there.",
      'Customer: Thanks, bye.',
    ]);
    expect(summary.actionItems).toEqual([]);
    expect(summary.outcome.status).toBe('resolved');
  });

  it('keeps a request that comes before a reason with a third party in it', () => {
    const texts = actionTexts([
      'Agent: You are booked for Tuesday. Please bring your old glasses, since the optometrist will want to compare prescriptions.',
      'Customer: Will do.',
    ]);
    expect(texts).toEqual(["customer to bring the customer's old glasses"]);
  });

  it('does not take a promise that answers a what-if', () => {
    const texts = actionTexts([
      'Customer: And if the heater still fails after the repair?',
      "Agent: Then I'll move you to another room for free.",
      'Customer: Okay.',
    ]);
    expect(texts).toEqual([]);
  });

  it('reads a promise named only by a pronoun as the earlier promise said again', () => {
    const summary = summarize([
      "Agent: I'll mail you a letter today confirming the charge was our mistake.",
      'Customer: Can it go to my work address instead?',
      "Agent: Sure, I'll send it there.",
      'Customer: Thanks.',
    ]);
    expect(summary.actionItems.map((item) => item.text.toLowerCase())).toEqual([
      'mail the customer a letter today confirming the charge was our mistake',
    ]);
  });

  it('takes checking set for a later day as a promise, and checking during the call as none', () => {
    expect(
      actionTexts([
        "Agent: Once I have the invoice, I'll check the warranty and let you know before Thursday whether parts are covered.",
        'Customer: Thanks.',
      ]),
    ).toHaveLength(1);
    expect(actionTexts(["Agent: I'll check that for you.", 'Customer: Thanks.'])).toEqual([]);
  });

  it('keeps a promised email whose sending a later "I\'ve updated it" reports as still ahead', () => {
    const texts = actionTexts([
      "Agent: I'll email you a confirmation of the new plan. Is your email still the one on file?",
      'Customer: No, use sam at example dot com.',
      "Agent: I've updated it, and the confirmation will go there in a few minutes.",
    ]);
    expect(texts).toEqual(['email the customer a confirmation of the new plan']);
  });

  it('leaves the call open when a notice waits on an event or a decision still to be made', () => {
    const ready = summarize([
      'Customer: I paid the deposit for the cabinet.',
      "Agent: Got it. I'll text you when the cabinet is built and ready.",
      'Customer: Great, thanks!',
    ]);
    expect(ready.outcome.status).toBe('follow_up');
    const decision = summarize([
      'Customer: Can I still get a refund?',
      'Agent: I submitted an exception request. As soon as I hear back, I will email you the decision.',
      'Customer: Okay, thanks.',
    ]);
    expect(decision.outcome.status).toBe('follow_up');
  });

  it('calls a question the agent cannot answer unresolved, and an annoyed customer whose issue was fixed resolved', () => {
    const unanswered = summarize([
      'Customer: Do you take the Harbor vision plan?',
      'Agent: We are out of network with Harbor now.',
      'Customer: What would a checkup cost me then?',
      "Agent: I can't tell you what Harbor would pay. We can't check benefits for non-patients.",
      'Customer: Okay, thanks.',
    ]);
    expect(unanswered.outcome.status).toBe('unresolved');
    const fixedButAnnoyed = summarize([
      'Customer: Half my order was missing and the driver was rude.',
      "Agent: I'm sorry. I've refunded the missing items. I've also reported the driver to our conduct team.",
      'Customer: Fine. Still ruined my evening, this was terrible.',
      'Agent: I understand, sorry again.',
    ]);
    expect(fixedButAnnoyed.sentiment.label).toBe('negative');
    expect(fixedButAnnoyed.outcome.status).toBe('resolved');
  });
});

describe('category from descriptions and the stated reason (rules 5)', () => {
  const scoreOf = (text: string, name: string) => {
    const analysis = analyze([{ speaker: 'Customer', role: 'customer', text }]);
    return scoreCategories(analysis, defaults).find((score) => score.name === name)?.score ?? 0;
  };

  it('matches a description word said under a negation ("does not work") only when negated', () => {
    expect(scoreOf('Can you tell me how the loyalty points work?', 'Technical Support')).toBe(0);
    expect(scoreOf("The loyalty page doesn't work for me.", 'Technical Support')).toBeGreaterThan(0);
  });

  it('ignores how descriptions talk ("the customer wants to…") and generic words pulling in a topic', () => {
    // "The customer wants to cancel…": wanting is not cancelling.
    expect(scoreOf('I wanted to know if you deliver on Sundays.', 'Cancellation')).toBe(0);
    // "…pricing questions": one generic word does not make opening hours a billing matter.
    expect(scoreOf('Are you open on Saturdays?', 'Billing')).toBe(0);
    expect(scoreOf('Are you open on Saturdays?', 'General Inquiry')).toBeGreaterThan(0);
  });

  it('reads someone shopping for a job to be done, comparing quotes, as Sales', () => {
    const summary = summarize([
      'Agent: Brookside Gutters, how can I help?',
      'Customer: Hi, I just moved in and I am looking for someone to clean and repair the gutters.',
      'Agent: For a two-storey house it runs 240 dollars, and repairs are priced per foot.',
      'Customer: Hm. I am getting a couple of other quotes first, and I need to run it by my partner.',
      'Agent: Of course. We can hold that price for two weeks.',
      'Customer: Okay, thanks for the info.',
    ]);
    expect(summary.category).toBe('Sales');
  });

  it('follows the customer to the real reason, and reads a late, wrong order as a Complaint', () => {
    const restated = summarize([
      'Agent: Riverside Clinic billing, how can I help?',
      'Customer: I need to talk about a bill, I was charged 80 dollars for a visit.',
      'Agent: I see the charge on the invoice for the visit on the 3rd.',
      'Customer: When I asked the receptionist about it she just walked off. That is what I am really calling about.',
      'Agent: I am sorry. I will pass it to the office manager.',
      'Customer: Okay.',
    ]);
    expect(restated.category).toBe('Complaint');
    const serviceFailure = summarize([
      'Agent: Hi, Pine Street Florist, how can I help?',
      'Customer: Our anniversary flowers were supposed to be delivered at noon. They came three hours late.',
      'Customer: And it was the wrong order, lilies instead of roses.',
      'Agent: I am so sorry. I can refund the delivery fee right now.',
      'Customer: ok',
    ]);
    expect(serviceFailure.category).toBe('Complaint');
  });

  it('reads taking over an account or adding a person to it as Account Changes', () => {
    const summary = summarize([
      'Agent: Thanks for contacting Harbor Energy, how can I help?',
      'Customer: My mother is moving into care and I need to take her account over, and add my brother to the account.',
      'Agent: I can help. We need a signed letter of authority.',
      'Customer: I will upload it tonight.',
    ]);
    expect(summary.category).toBe('Account Changes');
  });
});

describe('sentiment at the end of the call (rules 5)', () => {
  const ending = (...closing: string[]) =>
    summarize([
      'Agent: Thanks for calling, how can I help?',
      'Customer: My parcel locker code does not work.',
      "Agent: I've sent you a new code by text.",
      ...closing,
    ]).sentiment.label;

  it('reads the clause after "but", and warm thanks followed by a short sign-off, as the mood', () => {
    expect(
      ending(
        "Customer: I was kind of annoyed calling in, but you've been really great. Thank you so much.",
        'Agent: You are welcome!',
        'Customer: Okay, bye!',
      ),
    ).toBe('positive');
  });

  it('reads a bare "Great." followed by a "So I…" consequence as sarcasm', () => {
    expect(ending('Customer: Great. So I get to drive back to the depot tomorrow. Thanks.')).toBe('negative');
    expect(ending('Customer: Great. So I will see the courier on Tuesday. Thanks.')).not.toBe('negative');
  });

  it('reads praise under a negation, grudging thanks and a threat to leave as negative', () => {
    expect(ending("Customer: I don't love it, but fine.", 'Customer: Thanks for explaining, anyway.')).toBe(
      'negative',
    );
    expect(ending("Customer: Yeah, well. If it happens again I'm done with you.", 'Customer: Bye.')).toBe(
      'negative',
    );
    expect(ending('Customer: Not the evening I wanted, to be honest. Thanks.')).toBe('negative');
  });
});

describe('roles without names (rules 5)', () => {
  it('makes the other of two speakers the agent when one clearly talks like the customer', () => {
    const turns = parseTranscript(
      [
        'Dana Ortiz: Hi, I need to cancel my gym membership, I am moving abroad.',
        'Sam Lee: Sorry to hear you are leaving us! Can you confirm the email on the account?',
        'Dana Ortiz: dana.ortiz@example.com',
        "Sam Lee: Thanks. I've processed the cancellation.",
      ].join('\n'),
    ).turns;
    expect(turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer', 'agent']);
  });

  it('does not take "I\'m not new at this" for an agent introducing themself', () => {
    const turns = parseTranscript(
      [
        'Lou Park: Thank you for calling Corvane support, my name is Lou, how can I help?',
        "Bea Shaw: My printer jams. I'm not new at this, I have cleaned the rollers.",
        'Lou Park: Let me check the model.',
      ].join('\n'),
    ).turns;
    expect(turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent']);
  });
});

describe('category signals (rules 6)', () => {
  it("reads letting a service lapse, in the customer's own words, as a cancellation", () => {
    const summary = summarize([
      'Agent: Thanks for calling Nimbus Music, how can I help?',
      'Customer: The yearly renewal letter came and honestly I hardly use it any more.',
      "Customer: I think I'm done with it. Shut it off before it charges me.",
      'Agent: Understood, I have turned off the renewal.',
    ]);
    expect(summary.category).toBe('Cancellation');
  });

  it('does not read "the app closes" as closing the account', () => {
    const analysis = analyze(
      parseTranscript(
        [
          'Agent: Hi, this is Lane at Gridstack, what is going on?',
          'Customer: When I tap the map screen the app just closes and I land on my home screen.',
          'Agent: Which version are you on?',
          'Customer: The newest one. It closes every single time.',
        ].join('\n'),
        { agentNames: ['Agent'] },
      ).turns,
    );
    const scores = scoreCategories(analysis, defaults);
    const cancellation = scores.find((score) => score.name === 'Cancellation')?.score ?? 0;
    expect(cancellation).toBeLessThan(1);
  });

  it('makes a billing question that turns into a grievance about how staff spoke to the customer a complaint', () => {
    const summary = summarize([
      'Agent: Harbor Dental billing, this is Jo.',
      "Customer: I'm calling about a bill for a cleaning that I thought was covered.",
      'Agent: Let me look. The plan covers two cleanings a year and this was the third.',
      "Customer: Fine, if that's the rule. What bothers me is the receptionist.",
      'Customer: She rolled her eyes at me and talked to me like I was a child in front of everyone.',
      "Agent: I'm sorry, I'm sending a written complaint to the office manager today.",
      "Customer: Good. It's not the bill, it's how I was treated.",
    ]);
    expect(summary.category).toBe('Complaint');
  });

  it('follows "the real reason I called" to what the customer says next', () => {
    const summary = summarize([
      'Agent: Ridgeway Rentals, this is Pat.',
      'Customer: Quick one first, do you rent canoes?',
      'Agent: We do, forty a day.',
      'Customer: Cool. But the real reason I called.',
      'Customer: We paid a deposit on a trailer last month and the refund never reached my card.',
      "Agent: I see the refund bounced. I'll email you a form for the new card.",
    ]);
    expect(summary.category).toBe('Billing');
  });
});

describe('action items (rules 6)', () => {
  it('keeps a promise that follows "but", and a team\'s step ordered after the customer\'s with "once you"', () => {
    const texts = actionTexts([
      'Agent: Hi, Marlow Print, how can I help?',
      'Customer: My refund went to a card I cancelled.',
      "Agent: We can't take card numbers by phone, but I'll email you a secure form for the new card.",
      'Agent: Once you fill that out, our accounts team will reissue the refund within three business days.',
      "Customer: Okay, I'll fill it out tonight.",
    ]);
    expect(texts.some((text) => text.includes('secure form'))).toBe(true);
    expect(texts.some((text) => text.includes('reissue the refund'))).toBe(true);
  });

  it('reads leaving something a certain way for a later day as a customer promise', () => {
    const texts = actionTexts([
      'Agent: The technician comes Thursday morning. Can they reach the meter?',
      "Customer: It's in the side yard. I'll leave the side gate unlocked Thursday morning.",
      'Agent: Perfect, I will add that to the work order.',
    ]);
    expect(texts).toContain('customer to leave the side gate unlocked thursday morning');
    expect(texts.some((text) => text.includes('work order'))).toBe(false);
  });

  it('drops on-call instructions, joint troubleshooting and general advice', () => {
    const texts = actionTexts([
      "Agent: No worries, we'll figure it out together.",
      "Agent: I'm going to have you switch the pump off before we touch anything.",
      'Customer: Okay, it is off.',
      'Agent: Done on my side. Sometimes you need to sign out and back in.',
    ]);
    expect(texts).toEqual([]);
  });

  it('does not make "I\'ll have to think about it" a promise', () => {
    const texts = actionTexts([
      'Agent: The new rate is ten dollars more a month from June.',
      "Customer: Well, I don't love it. I'll have to think about whether it's worth it.",
    ]);
    expect(texts).toEqual([]);
  });

  it('names the document an agent said "we have" when promising to send "it" after the call', () => {
    const texts = actionTexts([
      'Customer: Is there anything in writing about how you store my files?',
      'Agent: We have a one-page privacy statement. I can email it to you.',
      'Customer: Yes please.',
      "Agent: I'll send it right after this call.",
    ]);
    // The offer taken ("I can email it" "Yes please") is the promise; "I'll send it…" repeats it.
    expect(texts).toEqual(['email a one-page privacy statement to the customer']);
  });
});

describe('action items (rules 7)', () => {
  it('reads a person or team told doing something on a later day, in the present tense, as a promise', () => {
    const texts = actionTexts([
      'Agent: Okay, the inspection is booked. The inspector comes Friday between 1 and 3.',
      'Agent: Accounting refunds the deposit within 5 business days.',
      'Agent: Support calls go to voicemail after 30 seconds, and the crew usually comes Mondays.',
      'Customer: Great, thanks.',
    ]);
    expect(texts).toEqual([
      'inspector comes friday between 1 and 3',
      'accounting refunds the deposit within 5 business days',
    ]);
  });

  it('takes "someone from" a team as the one who promises', () => {
    const texts = actionTexts([
      "Agent: I've opened a ticket. Someone from shipping will text you tomorrow with the new date.",
      'Customer: Okay.',
    ]);
    expect(texts).toEqual(['someone from shipping will text the customer tomorrow with the new date']);
  });

  it('does not take a redacted address, or a participle, as the promised work done on the call', () => {
    const texts = actionTexts([
      "Agent: I'll email you the corrected invoice with the new total.",
      'Customer: Please use my other address, lee.park@example.com.',
      "Agent: Got it, I've corrected it to lee.park@example.com.",
    ]);
    expect(texts).toEqual(['email the customer the corrected invoice with the new total']);
  });

  it('keeps a favour that hands something over once the customer agrees, with what "that" stands for', () => {
    const texts = actionTexts([
      'Agent: The one thing I need from you is a photo of the receipt.',
      'Agent: Could you email that to claims@store.example.com?',
      "Customer: Sure, I'll do it as soon as we hang up.",
    ]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^customer to email the receipt to/);
  });

  it('looks past "a new one" for the thing it stands for', () => {
    const texts = actionTexts([
      'Agent: Since the dates changed, we need an updated permission slip. Just email us a new one.',
      "Customer: Oh no, okay. I'll send it tonight.",
    ]);
    expect(texts).toEqual(['customer to send an updated permission slip tonight']);
  });

  it('reads a request after a lead-in, and keeps one item when the customer agrees to it', () => {
    const texts = actionTexts([
      'Agent: One thing: before Thursday, please clear the boxes out of the hallway.',
      "Customer: Sure, I'll clear them Wednesday night.",
    ]);
    expect(texts).toEqual(['customer to clear the boxes out of the hallway before thursday']);
  });

  it('drops feelings said with "will", and makes "you" before a comma the customer', () => {
    const texts = actionTexts([
      "Agent: Your membership ends today. Oh, we'll miss you.",
      "Agent: As soon as I hear back from the insurer, I'll call you, whether it's approved or not.",
    ]);
    expect(texts).toEqual(['call the customer']);
  });
});

describe('rules 8: what a promise hands over, and what the call was mainly about', () => {
  it('resolves "it" from "do you have…", even when the deed that hands it over comes second', () => {
    const texts = actionTexts([
      'Agent: Do you have the receipt for that repair? The contractor may ask for it.',
      "Customer: Fine. I'll dig it up and email it to you tonight.",
    ]);
    expect(texts).toEqual(['customer to dig it up and email the receipt to the company tonight']);
  });

  it('leaves out what a deed costs and remarks told in a clause of their own', () => {
    const texts = actionTexts([
      'Customer: The remote stopped working.',
      "Agent: I'll send you a replacement remote, no charge, it's covered under your plan.",
    ]);
    expect(texts).toEqual(['send the customer a replacement remote']);
  });

  it('cuts a "while…" clause from the deed and keeps its day', () => {
    const texts = actionTexts([
      'Customer: The speakers still crackle during shows.',
      "Agent: I'll bring a sound meter and measure while the band plays through a full set next Friday.",
    ]);
    expect(texts).toEqual(['bring a sound meter and measure next friday']);
  });

  it('reads where to send something already promised as that promise, not a second task', () => {
    const texts = actionTexts([
      'Agent: If you have a video of the noise, that would help the technician.',
      "Customer: My son filmed it. I'll email it to you this afternoon.",
      'Agent: You can send it to help@sound.example.com, and put your order number in the subject line.',
    ]);
    expect(texts).toEqual(['customer to email a video of the noise to the company this afternoon']);
  });

  const topCategory = (lines: readonly string[], categories: Category[] = defaults) =>
    summarize(lines, categories).category;

  it('reads a device by its symptom as a technical problem', () => {
    expect(
      topCategory([
        'Agent: Thanks for calling Lockright, how can I help?',
        'Customer: Hi. You installed our door keypad last month.',
        "Customer: I'm typing in my code and the lock just flashes red and won't take it.",
        'Agent: Which model is it?',
        'Customer: The K2.',
      ]),
    ).toBe('Technical Support');
  });

  it('reads booking an outing or asking what a job would run as buying', () => {
    expect(
      topCategory([
        'Agent: River Bend Outfitters, this is Jo!',
        "Customer: Hi, I'm trying to book the sunset canoe trip for a group of six.",
        'Agent: Let me check. Saturday is full, Sunday morning has room.',
        "Customer: Okay, I'll think about Sunday.",
      ]),
    ).toBe('Sales');
    expect(
      topCategory([
        'Agent: Summit Siding, this is Lee.',
        'Customer: The storm tore some siding off the garage.',
        'Customer: What does a whole new wall even run these days?',
        'Agent: Our estimator can come out Thursday.',
      ]),
    ).toBe('Sales');
  });

  it('does not read a battery charge or the person in charge as billing', () => {
    expect(
      topCategory([
        'Agent: Thanks for calling Beacon Alert, how can I help?',
        "Customer: I need to speak to whoever is in charge. Your crew left my gate open and the dog got out. I'm furious.",
        'Agent: I am so sorry.',
      ]),
    ).toBe('Complaint');
    const devices: Category[] = [
      {
        name: 'Device Problems',
        description: 'The watch is not working, not charging, or giving false alarms.',
      },
      { name: 'Billing & Payments', description: 'Monthly charges, payment methods, refunds and invoices.' },
      { name: 'General Questions', description: 'Anything that fits no other category.' },
    ];
    expect(
      topCategory(
        [
          'Agent: Beacon Alert, how can I help?',
          'Customer: My watch keeps beeping at night and the light is orange.',
          'Customer: I charge it every morning, but the watch never keeps a charge.',
          'Agent: So the watch is not holding a charge. I will send you a new watch.',
        ],
        devices,
      ),
    ).toBe('Device Problems');
  });

  it('weighs a side matter raised with "while I have you" less than the reason for the call', () => {
    const categories: Category[] = [
      {
        name: 'Device Problems',
        description: 'The pendant or base station is not working or giving false alarms.',
      },
      {
        name: 'Emergency Contacts',
        description: 'Adding, removing or changing the people we call in an emergency.',
      },
      { name: 'General Questions', description: 'Anything that fits no other category.' },
    ];
    expect(
      topCategory(
        [
          'Agent: SafeCall, how can I help?',
          'Customer: My pendant keeps beeping and the base station shows an error.',
          'Agent: Let me test it. Yes, the pendant is failing, I will send a new one.',
          'Customer: Okay.',
          'Agent: It ships today.',
          'Customer: Thanks.',
          'Customer: Oh, while I have you, my son is on the emergency contacts list and his number changed.',
          'Customer: Can you change his emergency contact number? And add my neighbor as a second emergency contact?',
          'Agent: Sure, I changed your son and added your neighbor to the people we call in an emergency.',
          'Agent: Your emergency contacts are now your son first and your neighbor second.',
        ],
        categories,
      ),
    ).toBe('Device Problems');
  });
});

describe('rules 9: who promised what, for when, and how the call ends', () => {
  const moodAtEnd = (lines: readonly string[]) =>
    endOfCallSentiment(analyze(parseTranscript(lines.join('\n'), { agentNames: ['Agent'] }).turns)).label;

  it('does not read a delivery told as news as a promise, only a visitor with a window', () => {
    const texts = actionTexts([
      'Agent: Your order arrives Tuesday.',
      'Agent: The router arrives Thursday.',
      'Agent: The templater comes Tuesday between 8 and 10.',
      'Customer: Okay.',
    ]);
    expect(texts).toEqual(['templater comes tuesday between 8 and 10']);
  });

  it('writes the visit window the customer took into the visit, or makes the visit an item', () => {
    expect(
      actionTexts([
        'Customer: The stairlift stops halfway again.',
        'Agent: We need to send a technician out to repair it. I have Thursday between eight and twelve, or Monday afternoon.',
        'Customer: Thursday works.',
      ]),
    ).toEqual(['send a technician out to repair it thursday between 8 and 12']);
    expect(
      actionTexts([
        'Customer: Hail hit my roof.',
        'Agent: Our estimator Dale has Thursday morning open, between nine and eleven. Would that work?',
        "Customer: Yes, that's fine.",
      ]),
    ).toEqual(['estimator to visit thursday morning between 9 and 11']);
    expect(
      actionTexts([
        'Agent: The plumber has Friday between one and three.',
        "Customer: No, Friday doesn't work for me.",
      ]),
    ).toEqual([]);
    expect(
      actionTexts([
        'Customer: The heater is broken.',
        'Agent: The technician has Thursday between eight and twelve, or Tuesday between one and five.',
        'Customer: Tuesday, please.',
      ]),
    ).toEqual(['technician to visit tuesday between 1 and 5']);
  });

  it('drops policy, requirements, a case opened on the call, screen work and reassurance', () => {
    const texts = actionTexts([
      "Agent: I'm going to open a claim for you.",
      "Agent: They'll always tell you before they do any work.",
      "Agent: We'll need to see your photo ID at the desk.",
      "Agent: Give it a minute and I'll refresh the dashboard on my side.",
      "Agent: I'll paste our policy so you have the wording.",
      "Agent: We'll get to the bottom of it, Mr. Osei.",
      'Agent: Please stop using that can.',
      'Customer: Okay.',
    ]);
    expect(texts).toEqual([]);
  });

  it('keeps a promise that a later "once the refund is issued" only times', () => {
    const texts = actionTexts([
      "Agent: I've sent it to our payments team. They'll refund the duplicate charge to your card within 5 to 7 business days.",
      'Customer: That long?',
      "Agent: That's the card network's processing time once the refund is issued to your card.",
    ]);
    expect(texts).toEqual([
      "team will refund the duplicate charge to the customer's card within 5 to 7 business days",
    ]);
  });

  it('reads a team processing, and a passive promise after "and", as promises', () => {
    const texts = actionTexts([
      'Agent: Accounting processes those within 5 to 7 business days.',
      "Agent: Your plan is cancelled effective today, and the check will be mailed to your sister's address within ten business days.",
      'Customer: Okay.',
    ]);
    expect(texts).toEqual([
      'accounting processes those within 5 to 7 business days',
      "check will be mailed to the customer's sister's address within ten business days",
    ]);
  });

  it('takes an offer the customer says yes to, not one declined or done in the chat', () => {
    const texts = actionTexts([
      'Agent: Want me to email you a written quote?',
      'Customer: Yes, please.',
      'Agent: I can also send you the case study from Lakeside.',
      'Customer: No need.',
      'Agent: I can send you a payment link here in the chat.',
      'Customer: Sure.',
    ]);
    expect(texts).toEqual(['email the customer a written quote']);
  });

  it('drops an offer sent at once ("I\'ve just sent it"), and settles a call whose only promise is a guide', () => {
    expect(
      actionTexts([
        'Agent: Would you like me to text you the address and hours?',
        'Customer: Sure.',
        "Agent: I've just sent it.",
        'Customer: Got it, thanks.',
      ]),
    ).toEqual([]);
    expect(
      summarize([
        'Customer: How do I get ready for the session?',
        "Agent: I'll email you our prep guide tonight.",
        'Customer: Thanks.',
      ]).outcome.status,
    ).toBe('resolved');
  });

  it('settles a call whose promise is a check in the mail or a form to sign, not a contract to sign', () => {
    const outcome = (...lines: string[]) => summarize(lines).outcome.status;
    expect(
      outcome(
        'Agent: Your plan is cancelled today, and the refund check will be mailed to you within ten business days.',
        'Customer: Okay, thanks.',
      ),
    ).toBe('resolved');
    expect(
      outcome('Agent: Your hardship rate is set.', "Customer: Great, I'll sign the hardship form Thursday."),
    ).toBe('resolved');
    expect(outcome('Agent: Here is the quote.', "Customer: Great, I'll sign the contract Thursday.")).toBe(
      'follow_up',
    );
  });

  it('writes ranges, times and dates in figures', () => {
    expect(
      actionTexts([
        'Agent: Our team will trace it within three to five business days.',
        'Agent: The crew comes on the fourteenth between nine and noon.',
        "Customer: Okay, and I'll pay the first one on Friday.",
        'Agent: The driver will pick it up Monday between six fifteen and six forty-five.',
      ]),
    ).toEqual([
      'team will trace it within 3 to 5 business days',
      'crew comes on the 14th between 9 and noon',
      'customer to pay the first one on friday',
      'driver will pick it up monday between 6:15 and 6:45',
    ]);
  });

  it("keeps the customer's own words when their promise names what and when, however long the object", () => {
    const texts = actionTexts([
      'Agent: Our reporter needs the exhibit list and the witness names. Can you send those over?',
      "Customer: Yes, I'll email the exhibit list and a spellings sheet by end of day.",
    ]);
    expect(texts).toEqual(['customer to email the exhibit list and a spellings sheet by end of day']);
  });

  it('takes a favour the customer agrees to by naming its deed, even with no day', () => {
    const texts = actionTexts([
      'Agent: One more thing: could you send me a list of the must-have group shots?',
      "Customer: Yeah, I'll put that together and send it over by then.",
    ]);
    expect(texts).toEqual(['customer to send me a list of the must-have group shots']);
  });

  it('reads "if you can…, that\'ll help" as a request, not a condition', () => {
    const texts = actionTexts([
      "Agent: Before Tuesday, if you can pull together your last two pay stubs, that'll make the session a lot more useful.",
      'Customer: Okay, I can do that this weekend.',
    ]);
    expect(texts).toEqual(["customer to pull together the customer's last two pay stubs before tuesday"]);
  });

  it('reads "it" as "that photo" the agent asked for', () => {
    const texts = actionTexts([
      'Customer: I have a picture of the handwritten estimate.',
      'Agent: That would help. Could you send that photo over?',
      "Customer: Yeah, I'll send it tonight when I'm home.",
    ]);
    expect(texts).toEqual(["customer to send that photo over tonight when they're home"]);
  });

  it('takes a person named with a title as the one who promises', () => {
    expect(actionTexts(['Agent: Ms. Ortiz will call you Tuesday at two.', 'Customer: Okay.'])).toEqual([
      'ms. ortiz will call the customer tuesday at 2',
    ]);
  });

  it('drops the things "they" that go out, when "they" names no one', () => {
    expect(
      actionTexts([
        "Agent: I'll mail the swatches to the band office. They'll go out tomorrow.",
        'Customer: Great.',
      ]),
    ).toEqual(['mail the swatches to the band office']);
  });

  it('calls a need the agent regrets not meeting, with the customer looking elsewhere, unresolved', () => {
    const summary = summarize([
      'Agent: Northwind Furniture, how can I help?',
      'Customer: Can the Harlan sofa be delivered before Christmas?',
      'Agent: The earliest delivery is January 20th.',
      'Customer: Okay.',
      "Agent: I'm sorry we couldn't make the date work.",
      "Customer: Okay, I'll keep looking elsewhere. Thanks for checking.",
    ]);
    expect(summary.outcome.status).toBe('unresolved');
  });

  it('reads praise that answers bad news as sarcasm, and the curt goodbye after it as negative', () => {
    expect(
      moodAtEnd([
        'Customer: This is ridiculous, my station stopped uploading again.',
        "Agent: I'm sorry, I can't fix it today.",
        'Customer: Fantastic. Great product.',
        'Agent: I understand.',
        'Customer: Yeah. Okay. Thanks. Bye.',
      ]),
    ).toBe('negative');
    // The sarcasm counts with the earlier complaint as a grievance that lingers into the goodbye.
    expect(
      moodAtEnd([
        'Customer: This is ridiculous, my station stopped uploading again.',
        'Agent: Have you restarted it?',
        'Customer: Yes, twice. The light is green. The cable is in.',
        "Agent: I'm sorry, I can't fix it today.",
        'Customer: Fantastic.',
        'Agent: I understand.',
        'Customer: I will read the forum, they usually have a good answer. Thanks. Bye.',
      ]),
    ).toBe('negative');
  });

  it('reads a praise word under a negation, thanks hedged with "I guess" and a "But…" that turns the mood', () => {
    expect(
      moodAtEnd([
        'Customer: Is there a loyalty discount?',
        "Agent: There isn't one.",
        "Customer: Okay. Well. I don't love it.",
        'Customer: I appreciate you trying, I guess.',
      ]),
    ).toBe('negative');
    expect(
      moodAtEnd([
        'Customer: The fee is wrong.',
        "Agent: I'll have a supervisor review it.",
        "Customer: I appreciate you listening, I do. But honestly, I'll believe it when I see it.",
        'Customer: Okay. Goodbye.',
      ]),
    ).toBe('negative');
    expect(
      moodAtEnd([
        'Customer: The price went up again.',
        'Agent: It did.',
        "Customer: I'll think about whether it's worth it.",
      ]),
    ).toBe('negative');
    expect(
      moodAtEnd([
        'Customer: The refund request is in?',
        'Agent: It is.',
        'Customer: Fine.',
        'Customer: I just hope somebody over there uses some common sense.',
        'Customer: Thank you.',
      ]),
    ).toBe('negative');
  });

  it('reads "I feel a lot better" as relief', () => {
    expect(
      moodAtEnd([
        'Customer: I need help with my card debt.',
        'Agent: We can set up a plan with a counselor.',
        'Customer: Okay, yeah.',
        'Customer: I have been putting this off for a year. I feel a lot better just talking about it.',
      ]),
    ).toBe('positive');
  });

  it('reads a worry told in the past as relief, and "seriously, thank you" as warm', () => {
    expect(
      moodAtEnd([
        'Customer: The videos play now.',
        'Agent: Great, it was the cache.',
        "Customer: Thank you so much. I was starting to think I'd wasted three hundred bucks.",
        'Customer: Bye.',
      ]),
    ).toBe('positive');
    expect(
      moodAtEnd([
        'Customer: Can I pause my membership?',
        "Agent: Yes, I've paused it.",
        'Customer: Tasha, seriously, thank you.',
        'Customer: Bye.',
      ]),
    ).toBe('positive');
  });
});
