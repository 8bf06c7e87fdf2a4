import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, redactPii } from '../server/summaries/engine';
import { contactPhone } from '../server/summaries/engine/pii/phones';

describe('card numbers', () => {
  it('redacts Luhn-valid numbers however they are grouped, and leaves failing ones', () => {
    expect(redactPii('It is 4111 1111 1111 1111, expiry 04/27.').text).toBe('It is [CARD], expiry 04/27.');
    expect(redactPii('card 5500-0000-0000-0004 please').text).toBe('card [CARD] please');
    expect(redactPii('amex 378282246310005').text).toBe('amex [CARD]');
    expect(redactPii('order 4111 1111 1111 1112 shipped').text).toBe('order 4111 1111 1111 1112 shipped');
  });

  it('redacts any valid card number with random single spaces or dashes between digits', () => {
    const luhnCheckDigit = (body: string) => {
      let sum = 0;
      [...body].reverse().forEach((char, index) => {
        let digit = Number(char);
        if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
        sum += digit;
      });
      return String((10 - (sum % 10)) % 10);
    };
    const card = fc
      .tuple(fc.constantFrom('4', '51', '37', '6011'), fc.integer({ min: 13, max: 19 }))
      .chain(([prefix, length]) =>
        fc
          .array(fc.integer({ min: 0, max: 9 }), {
            minLength: length - prefix.length - 1,
            maxLength: length - prefix.length - 1,
          })
          .map((digits) => {
            const body = prefix + digits.join('');
            return body + luhnCheckDigit(body);
          }),
      );
    const spaced = card.chain((number) =>
      fc
        .array(fc.constantFrom('', '', '', ' ', '-'), {
          minLength: number.length - 1,
          maxLength: number.length - 1,
        })
        .map((separators) => [...number].map((digit, index) => digit + (separators[index] ?? '')).join('')),
    );
    fc.assert(
      fc.property(spaced, (number) => {
        const result = redactPii(`my card is ${number} thanks`);
        expect(result.text).toBe('my card is [CARD] thanks');
      }),
      { numRuns: 300 },
    );
  });
});

describe('SSNs, routing and bank account numbers', () => {
  it('redacts an SSN by its shape or by what was said before it', () => {
    expect(redactPii('my social is 078-05-1120').text).toBe('my social is [SSN]');
    expect(redactPii('SSN 078 05 1120').text).toBe('SSN [SSN]');
    expect(redactPii('social security number is 078051120').text).toBe('social security number is [SSN]');
  });

  it('redacts routing and account numbers said in a banking context, and leaves other numbers', () => {
    expect(redactPii('routing number 021000021 and checking account 000123456789').text).toBe(
      'routing number [ROUTING_NUMBER] and checking account [BANK_ACCOUNT]',
    );
    expect(redactPii('my bank account is 12-3456-7890').text).toBe('my bank account is [BANK_ACCOUNT]');
    expect(
      redactPii('Order 123456789 of $49.99 on 03/04/2024 at 10:30, claim C 55 0192, account 88 21 0043.')
        .text,
    ).toBe('Order 123456789 of $49.99 on 03/04/2024 at 10:30, claim C 55 0192, account 88 21 0043.');
  });
});

describe('emails and phone numbers', () => {
  it('replaces them with numbered placeholders and keeps the values aside', () => {
    const result = redactPii(
      'Reach me at Dana.Wright@example.com or 415-555-0132; work is (206) 555-0187, again dana.wright@example.com.',
    );
    expect(result.text).toBe('Reach me at [EMAIL_1] or [PHONE_1]; work is [PHONE_2], again [EMAIL_1].');
    expect(result.emails).toEqual(['Dana.Wright@example.com']);
    expect(result.phones).toEqual(['(415) 555-0132', '(206) 555-0187']);
  });

  it('reads a spelling told with example words, a letter said apart from the rest', () => {
    const redactor = createRedactor();
    redactor.redact("It's Ama, A-M-A, dot Boateng, B as in boy, O-A-T-E-N-G, at example dot com.");
    redactor.redact("It's P as in Peter, Desai, D-E-S-A-I, dot travels, at gmail dot com.");
    redactor.redact('So p desai dot travels at gmail dot com?');
    expect(redactor.emails).toEqual(['ama.boateng@example.com', 'pdesai.travels@gmail.com']);
  });

  it('reads spoken emails ("jane dot doe at gmail dot com") without catching ordinary speech', () => {
    expect(redactPii("It's jane dot doe at gmail dot com.")).toEqual({
      text: "It's [EMAIL_1].",
      emails: ['jane.doe@gmail.com'],
      phones: [],
    });
    expect(redactPii('r dot alvarez at northwind dash labs dot com').emails).toEqual([
      'r.alvarez@northwind-labs.com',
    ]);
    expect(redactPii('my email is john underscore smith at example dot co dot uk').emails).toEqual([
      'john_smith@example.co.uk',
    ]);
    expect(redactPii('john.smith at example.com').emails).toEqual(['john.smith@example.com']);
    // Spelled letters, a spelling right after the name, pauses while spelling, an initial, a subdomain.
    expect(redactPii('Sure, P dot Okafor, O K A F O R, at example dot net.').emails).toEqual([
      'p.okafor@example.net',
    ]);
    expect(redactPii("It's B, dot, N-G-U-Y-E-N, at example dot com.").emails).toEqual([
      'b.nguyen@example.com',
    ]);
    expect(redactPii('please use d rossi at example dot org instead').emails).toEqual(['drossi@example.org']);
    // Initials said one by one, or hyphenated, and a two-word mailbox name after "my email is".
    expect(redactPii('J, P, dot, A-D-E-Y-E-M-I, at example dot com.').emails).toEqual([
      'jp.adeyemi@example.com',
    ]);
    expect(redactPii('J-P dot A-D-E-Y-E-M-I at example dot com.').emails).toEqual(['jp.adeyemi@example.com']);
    expect(redactPii('it is showing j p dot adeyemi at example dot net').emails).toEqual([
      'jp.adeyemi@example.net',
    ]);
    expect(
      redactPii('and for the case updates, my email is front desk dot parkview at example dot com.').emails,
    ).toEqual(['frontdesk.parkview@example.com']);
    expect(redactPii('send the quote to sales dot team at example dot com').emails).toEqual([
      'sales.team@example.com',
    ]);
    expect(redactPii('Is the email still walt at pedersenfarms dot com?').emails).toEqual([
      'walt@pedersenfarms.com',
    ]);
    // Digits after a spelled name, with the pauses people make while spelling.
    expect(
      redactPii("It's g dot alvarado, A-L-V-A-R-A-D-O, seventy-one, at fastmail dot com.").emails,
    ).toEqual(['g.alvarado71@fastmail.com']);
    expect(redactPii('So d, p-r-a-t-t, seven seven, at example dot net?').emails).toEqual([
      'dpratt77@example.net',
    ]);
    // A spelling that restates the word after "that's", and letters named by an example word.
    expect(redactPii("It's r kaczmarek, that's K-A-C-Z-M-A-R-E-K, at att dot net.").emails).toEqual([
      'rkaczmarek@att.net',
    ]);
    expect(redactPii("That's B as in boy, K-O-W-A-L-C-Z-Y-K, at example dot com.").emails).toEqual([
      'bkowalczyk@example.com',
    ]);
    expect(redactPii('the account under maria at shop dot example dot com').emails).toEqual([
      'maria@shop.example.com',
    ]);
    // Asides while spelling, initials after a name, digits as a part of their own, a spelled word
    // that is also an ordinary one ("home"), and digits said twice in other words.
    expect(redactPii("It's patrick dot oshea, no apostrophe, at example dot com.").emails).toEqual([
      'patrick.oshea@example.com',
    ]);
    expect(redactPii('Use sam ruiz, all one word, no dot, at example dot com.').emails).toEqual([
      'samruiz@example.com',
    ]);
    expect(redactPii("It's gloria dot N R at protonmail dot com.").emails).toEqual([
      'gloria.nr@protonmail.com',
    ]);
    expect(redactPii('d brooks, b-r-o-o-k-s, dot eighty-eight, at example dot com.').emails).toEqual([
      'dbrooks.88@example.com',
    ]);
    expect(redactPii("It's m, k, e, e, l, e, dot, h, o, m, e, at example dot net.").emails).toEqual([
      'mkeele.home@example.net',
    ]);
    expect(redactPii('The email is now des dot wheeler sixty, six-zero, at example dot com.').emails).toEqual(
      ['des.wheeler60@example.com'],
    );
    expect(redactPii('A as in apple, r, e, y, e, s, eight, eight, at example dot org.').emails).toEqual([
      'areyes88@example.org',
    ]);
    // "a" is an initial after a pause, and "email" or "address" a few words back says what follows.
    expect(redactPii('I have an email, a dufresne at comcast dot net?').emails).toEqual([
      'adufresne@comcast.net',
    ]);
    expect(
      redactPii("I've just emailed them to the address on the order, lgreene at example dot org.").emails,
    ).toEqual(['lgreene@example.org']);
    // A company's name said as two words before the dot.
    expect(redactPii("And email's still dmitri at lindqvist courier dot example dot com?").emails).toEqual([
      'dmitri@lindqvistcourier.example.com',
    ]);
    for (const speech of [
      'look at google dot com please',
      'we are at home dot com',
      'meet me at the office',
      'I was at work, the com port failed',
      'Sure, at example dot com',
      'this is a test at example dot com',
      'I emailed the store, then looked at amazon dot com',
      "I'm at the shop dot com",
    ]) {
      expect(redactPii(speech).emails, speech).toEqual([]);
    }
  });

  it('reads a free-mail address said without its ending ("rafa dot quintero at gmail")', () => {
    expect(redactPii("Sure, it's rafa dot quintero at gmail.")).toEqual({
      text: "Sure, it's [EMAIL_1].",
      emails: ['rafa.quintero@gmail.com'],
      phones: [],
    });
    expect(redactPii("It's R-A-F-A at yahoo, thanks").emails).toEqual(['rafa@yahoo.com']);
    expect(redactPii('my email is rafa at hotmail').emails).toEqual(['rafa@hotmail.com']);
    expect(redactPii('jo dot lee at gmail dot co dot uk').emails).toEqual(['jo.lee@gmail.co.uk']);
    for (const speech of ["I'm at outlook most of the day", 'Meet me at gmail headquarters', 'Rafa at gmail.']) {
      expect(redactPii(speech).emails, speech).toEqual([]);
    }
  });

  it('reads phone numbers spoken digit by digit, with "oh" and "double"', () => {
    expect(redactPii('Four one five, five five five, zero one four two.').phones).toEqual(['(415) 555-0142']);
    expect(redactPii("it's five oh three, double five five, oh one two three").phones).toEqual([
      '(503) 555-0123',
    ]);
    // Pauses while reading it out.
    expect(redactPii('Mine is four one two... five five five... oh one six three.').phones).toEqual([
      '(412) 555-0163',
    ]);
    // A toll-free prefix said as a number, and full stops between the groups of a number.
    expect(
      redactPii('The repair line is one eight hundred, five five five, zero one nine nine.').phones,
    ).toEqual(['(800) 555-0199']);
    expect(redactPii('My cell is four oh two. Five five five. Oh one eight eight.').phones).toEqual([
      '(402) 555-0188',
    ]);
    expect(
      redactPii("We're nine seven three. Nine seven three, five five five, zero one four four.").phones,
    ).toEqual(['(973) 555-0144']);
    // Digits written with hyphens, and an area code said as a number.
    expect(redactPii('Two-oh-eight, five-five-five, zero-one-six-six.').phones).toEqual(['(208) 555-0166']);
    expect(redactPii('Seven twenty, five five five, zero one seven three.').phones).toEqual([
      '(720) 555-0173',
    ]);
    expect(redactPii('We got there at seven twenty, five people were waiting.').phones).toEqual([]);
    expect(redactPii('Oh, one more thing: two seats and three licenses.').text).toBe(
      'Oh, one more thing: two seats and three licenses.',
    );
  });

  it('reads a seven-digit local number only where it is said to be a phone number', () => {
    expect(redactPii('Use my cell. Five five five, zero one eight seven.').phones).toEqual(['555-0187']);
    expect(redactPii('And is 555-0171 still the best phone number?').phones).toEqual(['555-0171']);
    for (const speech of [
      'my order number is 555-0187',
      'Yes. R A seven seven three, zero five four eight.',
      'we sold 250 1000 units',
    ]) {
      expect(redactPii(speech).phones, speech).toEqual([]);
    }
    // The question a bare number answers is in the turn before it.
    const redactor = createRedactor();
    redactor.redact("What's the best number to reach you?");
    expect(redactor.redactWithFindings('Five five five, oh one nine one.').phones).toEqual(['555-0191']);
    const orders = createRedactor();
    orders.redact("What's the order number?");
    expect(orders.redactWithFindings('Five five five, oh one nine one.').phones).toEqual([]);
    // A summary's contact: E.164 with an area code, the local number as said without one.
    expect(contactPhone('555-0187')).toBe('555-0187');
    expect(contactPhone('(415) 555-0142')).toBe('+14155550142');
  });

  it('reads numbers split by spaces, dots, dashes and a country code', () => {
    const result = redactPii('call 312 555 0164 or 415.555.0132 or +1 (617) 555-0148 or +44 20 7946 0958');
    expect(result.text).toBe('call [PHONE_1] or [PHONE_2] or [PHONE_3] or [PHONE_4]');
    expect(result.phones).toEqual(['(312) 555-0164', '(415) 555-0132', '(617) 555-0148', '+44 20 7946 0958']);
  });

  it('keeps one placeholder per value across the turns of a transcript, and can put values back', () => {
    const redactor = createRedactor();
    expect(redactor.redact('My email is sam@example.com')).toBe('My email is [EMAIL_1]');
    expect(redactor.redact('Got it, SAM@example.com. And a phone? 415 555 0100')).toBe(
      'Got it, [EMAIL_1]. And a phone? [PHONE_1]',
    );
    expect(redactor.restore('Send the quote to [EMAIL_1] and text [PHONE_1]; [EMAIL_9] stays.')).toBe(
      'Send the quote to sam@example.com and text (415) 555-0100; [EMAIL_9] stays.',
    );
  });
});
