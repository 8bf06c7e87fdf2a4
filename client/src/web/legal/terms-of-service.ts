import type { LabelledText } from './legal-text';

/** Our Terms of Service, as structured data so the page and its table of contents stay in step. */
export interface TermsSection {
  id: string;
  title: string;
  paragraphs: string[];
  list?: LabelledText[];
}

export const TERMS_UPDATED = 'Last updated: February 23, 2026';

export const TERMS: TermsSection[] = [
  {
    id: 'agreement',
    title: '1. Agreement to These Terms',
    paragraphs: [
      'These Terms of Service ("Terms") govern your access to and use of CallRecap, a service that creates summaries of Zoom Contact Center engagements and writes them to connected CRM systems (the "Service"). CallRecap is provided by CallRecap ("we," "our," or "us").',
      'By installing CallRecap from the Zoom App Marketplace, signing in, or otherwise using the Service, you agree to these Terms on behalf of yourself and the organization you represent ("Customer"). If you do not have authority to bind that organization, or do not agree, do not use the Service.',
    ],
  },
  {
    id: 'service',
    title: '2. The Service',
    paragraphs: [
      'CallRecap receives engagement events and transcripts from Zoom Contact Center, produces a structured summary of each engagement (reason, key points, outcome, action items, sentiment and category), lets agents review, edit and approve summaries inside the Zoom client, and, when a CRM is connected, writes approved summaries to HubSpot or Salesforce.',
      'Summaries are generated automatically and may be incomplete or inaccurate. They are a drafting aid: Customer is responsible for reviewing summaries before relying on them or sharing them, and for decisions made on the basis of them.',
    ],
  },
  {
    id: 'accounts',
    title: '3. Accounts and Roles',
    paragraphs: [
      'Access is through Zoom sign-in. Customer is responsible for the Zoom accounts used to access the Service, for assigning roles (agent, supervisor, admin) appropriately, and for all activity under its organization. Notify us promptly at support@mail.callrecap.io of any unauthorized use.',
    ],
  },
  {
    id: 'customer-data',
    title: '4. Customer Data',
    paragraphs: [
      'Customer retains all rights to the data it or its users submit to the Service, including engagement metadata, transcripts, summaries and CRM records ("Customer Data"). Customer grants us a limited license to process Customer Data only to provide, secure and support the Service, as described in our Privacy Policy.',
      'Customer is responsible for having the notices and consents required by law to record and transcribe calls and chats, and to process the resulting data with CallRecap, including any required disclosures to the people Customer\'s agents speak with.',
      'Customer can export its data at any time from Settings > Account and can request deletion of its organization; deletion takes effect after a 30-day grace period, during which it can be cancelled.',
    ],
  },
  {
    id: 'acceptable-use',
    title: '5. Acceptable Use',
    paragraphs: ['Customer will not, and will not allow anyone to:'],
    list: [
      { label: null, text: 'use the Service in violation of law, including laws on call recording, privacy and telemarketing;' },
      { label: null, text: 'submit content that infringes the rights of others or that Customer has no right to process;' },
      { label: null, text: 'probe, scan or test the vulnerability of the Service, or circumvent its security or usage limits;' },
      { label: null, text: 'reverse engineer the Service except as permitted by law, or resell it without our written agreement;' },
      { label: null, text: 'use the Service to build a competing product, or to make high-risk automated decisions about individuals without human review.' },
    ],
  },
  {
    id: 'third-party',
    title: '6. Third-Party Services',
    paragraphs: [
      'The Service works with products we do not control, including Zoom, HubSpot, Salesforce, a payment processor and, where configured, an AI provider. Customer\'s use of those products is governed by their own terms. We are not responsible for their availability or for changes they make that affect the Service, but we will make reasonable efforts to keep integrations working.',
    ],
  },
  {
    id: 'fees',
    title: '7. Plans, Fees and Usage Limits',
    paragraphs: [
      'Paid plans are billed per seat in advance through our payment processor, and include the number of summaries per billing period stated for the plan. When the limit is reached, new engagements are recorded but not summarized until the next period or an upgrade. Fees are non-refundable except where required by law or stated otherwise in writing.',
      'If a payment fails, the Service continues during a grace period; if payment is not made by its end, summarization is paused until it is. We may change prices for future billing periods with at least 30 days\' notice.',
    ],
  },
  {
    id: 'availability',
    title: '8. Availability and Support',
    paragraphs: [
      'We aim to keep the Service available at all times and to summarize engagements promptly, but we do not guarantee uninterrupted operation. Planned maintenance will be announced in advance where practical. Support is available by email at support@mail.callrecap.io.',
    ],
  },
  {
    id: 'confidentiality',
    title: '9. Security and Confidentiality',
    paragraphs: [
      'We protect Customer Data with administrative, technical and physical safeguards appropriate to its nature, including encryption in transit and at rest, tenant isolation and role-based access control. Each party will keep the other\'s non-public information confidential and use it only to perform under these Terms.',
    ],
  },
  {
    id: 'termination',
    title: '10. Term, Suspension and Termination',
    paragraphs: [
      'These Terms apply while Customer uses the Service. Customer may stop at any time by uninstalling CallRecap from the Zoom App Marketplace and, if it wishes, requesting deletion of its organization. We may suspend or terminate access for material breach of these Terms that is not cured within 15 days of notice, or immediately where needed to prevent harm to the Service or others.',
      'On termination, Customer may export its data during any remaining grace period; afterwards Customer Data is deleted as described in our Privacy Policy.',
    ],
  },
  {
    id: 'warranties',
    title: '11. Disclaimers',
    paragraphs: [
      'Except as expressly stated in these Terms, the Service is provided "as is" and "as available," without warranties of any kind, whether express or implied, including warranties of merchantability, fitness for a particular purpose and non-infringement. We do not warrant that summaries will be accurate or complete.',
    ],
  },
  {
    id: 'liability',
    title: '12. Limitation of Liability',
    paragraphs: [
      'To the extent permitted by law, neither party will be liable for indirect, incidental, special, consequential or punitive damages, or for lost profits, revenue or data, arising out of these Terms. Each party\'s total liability under these Terms is limited to the amounts paid or payable by Customer for the Service in the 12 months before the event giving rise to the claim. These limits do not apply to Customer\'s payment obligations or to a party\'s gross negligence, wilful misconduct or breach of confidentiality.',
    ],
  },
  {
    id: 'changes',
    title: '13. Changes to These Terms',
    paragraphs: [
      'We may update these Terms from time to time. We will give notice of material changes by updating the date above and, where appropriate, by a notice in the Service at least 30 days before they take effect. Continued use after that date means acceptance of the updated Terms.',
    ],
  },
  {
    id: 'general',
    title: '14. General',
    paragraphs: [
      'These Terms, together with our Privacy Policy and any order form, are the entire agreement between the parties about the Service. If a provision is unenforceable, the rest remains in effect. Neither party may assign these Terms without the other\'s consent, except to a successor of its business. Failure to enforce a provision is not a waiver.',
    ],
  },
  {
    id: 'contact',
    title: '15. Contact',
    paragraphs: ['Questions about these Terms: support@mail.callrecap.io. Privacy questions: privacy@mail.callrecap.io. You can also reach us through our Contact page.'],
  },
];
