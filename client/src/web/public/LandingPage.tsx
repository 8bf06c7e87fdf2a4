import { useSessionContext } from '../session/session-context';
import { useDocumentTitle } from '../lib/use-document-title';
import { ButtonAnchor, ButtonLink } from '../ui/Button';
import {
  ChartIcon,
  CheckIcon,
  DatabaseIcon,
  EditIcon,
  LockIcon,
  PhoneIcon,
  ShieldIcon,
  SparkIcon,
  TagIcon,
  UsersIcon,
} from '../ui/icons';
import { ProductPreview } from './ProductPreview';

const STEPS = [
  {
    icon: PhoneIcon,
    title: 'The engagement ends',
    text: 'CallRecap hears about it from Zoom Contact Center, fetches the transcript and writes a structured summary: reason, key points, outcome, action items, sentiment and category.',
  },
  {
    icon: EditIcon,
    title: 'The agent approves it in Zoom',
    text: 'The summary appears in the CallRecap panel inside the Zoom client. Agents fix anything in a few clicks and approve; every edit is kept as a version.',
  },
  {
    icon: DatabaseIcon,
    title: 'It lands in your CRM',
    text: 'Approved summaries are written to the matching contact in HubSpot or Salesforce as a call activity, with action items, so nobody retypes notes again.',
  },
];

const FEATURES = [
  { icon: ChartIcon, title: 'Analytics for supervisors', text: 'Handle time, sentiment trends, outcomes, approval and edit rates per agent and per queue, with CSV export.' },
  { icon: TagIcon, title: 'Your categories', text: 'Summaries are filed under the categories your team uses, in the order you choose.' },
  { icon: ShieldIcon, title: 'PII redaction', text: 'Card numbers, SSNs and other sensitive details are redacted before a transcript is summarized.' },
  { icon: SparkIcon, title: 'Version history', text: 'See exactly what an agent changed against the generated summary, word by word.' },
  { icon: UsersIcon, title: 'Roles built in', text: 'Agents see their own engagements, supervisors the whole team, admins manage settings.' },
  { icon: LockIcon, title: 'Your data, your call', text: 'Export everything as JSON or delete the organization at any time, with a 30-day grace period.' },
];

const INSTALL = [
  { title: 'Add CallRecap from the Zoom App Marketplace', text: 'A Zoom admin opens the Zoom App Marketplace, searches for “CallRecap” and clicks Add. Zoom asks you to approve the permissions CallRecap needs.' },
  { title: 'Sign in with Zoom', text: 'The admin who installed it signs in here with Zoom. Your organization, your agents and supervisors are set up from your Zoom Contact Center roles.' },
  { title: 'Connect your CRM', text: 'In Settings › Integrations, connect HubSpot or Salesforce (production or sandbox) with one click. Choose whether summaries sync on approval.' },
  { title: 'Open it in the Zoom client', text: 'Agents open CallRecap from the Apps panel during or after an engagement. Summaries appear there as soon as the engagement ends.' },
];

export function LandingPage() {
  useDocumentTitle('');
  const { session } = useSessionContext();
  const signedIn = Boolean(session?.user);
  return (
    <div className="landing">
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero-inner">
          <div className="hero-copy">
            <p className="eyebrow">For Zoom Contact Center</p>
            <h1 id="hero-title" className="hero-title">
              Every call summarized and in your CRM before the next one starts.
            </h1>
            <p className="hero-lead">
              CallRecap writes a structured summary of each Zoom Contact Center engagement, lets agents approve it without leaving the Zoom client, and
              logs it on the right contact in HubSpot or Salesforce.
            </p>
            <div className="hero-actions">
              <ButtonLink to="/app" variant="primary" size="lg">
                {signedIn ? 'Open CallRecap' : 'Sign in with Zoom'}
              </ButtonLink>
              {!signedIn && session?.demo.enabled ? (
                <ButtonLink to="/app" size="lg">
                  Try the demo
                </ButtonLink>
              ) : (
                <ButtonAnchor href="#install" size="lg">
                  How to install
                </ButtonAnchor>
              )}
            </div>
            <ul className="hero-checks">
              <li>
                <CheckIcon size={15} /> No notes to type after a call
              </li>
              <li>
                <CheckIcon size={15} /> HubSpot and Salesforce
              </li>
              <li>
                <CheckIcon size={15} /> Agents stay in control
              </li>
            </ul>
          </div>
          <ProductPreview />
        </div>
      </section>

      <section className="landing-section" id="how-it-works" aria-labelledby="how-title">
        <div className="section-heading">
          <p className="eyebrow">How it works</p>
          <h2 id="how-title">From hang-up to CRM in three steps</h2>
        </div>
        <ol className="steps">
          {STEPS.map((step, i) => (
            <li key={step.title} className="step card">
              <span className="step-number">{i + 1}</span>
              <span className="feature-icon">
                <step.icon size={20} />
              </span>
              <h3>{step.title}</h3>
              <p className="muted">{step.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="landing-section" aria-labelledby="features-title">
        <div className="section-heading">
          <p className="eyebrow">Built for contact centers</p>
          <h2 id="features-title">What supervisors and admins get</h2>
        </div>
        <ul className="features">
          {FEATURES.map((feature) => (
            <li key={feature.title} className="feature">
              <span className="feature-icon">
                <feature.icon size={20} />
              </span>
              <div>
                <h3>{feature.title}</h3>
                <p className="muted">{feature.text}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="landing-section install" id="install" aria-labelledby="install-title">
        <div className="section-heading">
          <p className="eyebrow">Install</p>
          <h2 id="install-title">Get CallRecap from the Zoom App Marketplace</h2>
          <p className="muted">Setup takes about five minutes and needs a Zoom admin.</p>
        </div>
        <ol className="install-steps">
          {INSTALL.map((step, i) => (
            <li key={step.title}>
              <span className="install-number" aria-hidden="true">
                {i + 1}
              </span>
              <div>
                <h3>{step.title}</h3>
                <p className="muted">{step.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section className="cta-band" aria-labelledby="cta-title">
        <h2 id="cta-title">Give your agents their after-call time back.</h2>
        <p>Sign in with the Zoom account of your contact center to get started.</p>
        <ButtonLink to="/app" size="lg" className="cta-button">
          {signedIn ? 'Open CallRecap' : 'Sign in with Zoom'}
        </ButtonLink>
      </section>
    </div>
  );
}
