import { Link } from 'react-router';
import { PRIVACY_EMAIL, SUPPORT_EMAIL } from '../layout/Footer';
import { useDocumentTitle } from '../lib/use-document-title';
import { MailIcon, ShieldIcon, ZapIcon } from '../ui/icons';

export function ContactPage() {
  useDocumentTitle('Contact');
  return (
    <div className="public-page contact">
      <header className="legal-header">
        <p className="eyebrow">Contact</p>
        <h1 className="legal-title">We&apos;re here to help</h1>
        <p className="muted contact-lead">Questions about setup, your data or your subscription: write to us and a person will answer, usually within one business day.</p>
      </header>
      <div className="contact-grid">
        <section className="card contact-card" aria-labelledby="contact-support">
          <span className="feature-icon">
            <MailIcon size={20} />
          </span>
          <h2 id="contact-support">Product support</h2>
          <p className="muted">Installing from the Zoom App Marketplace, connecting HubSpot or Salesforce, summaries that look wrong, billing questions.</p>
          <a className="contact-email" href={`mailto:${SUPPORT_EMAIL}`}>
            {SUPPORT_EMAIL}
          </a>
        </section>
        <section className="card contact-card" aria-labelledby="contact-privacy">
          <span className="feature-icon">
            <ShieldIcon size={20} />
          </span>
          <h2 id="contact-privacy">Privacy and data requests</h2>
          <p className="muted">Questions about how we handle data, data processing agreements, access or deletion requests, and security reports.</p>
          <a className="contact-email" href={`mailto:${PRIVACY_EMAIL}`}>
            {PRIVACY_EMAIL}
          </a>
        </section>
        <section className="card contact-card" aria-labelledby="contact-self-serve">
          <span className="feature-icon">
            <ZapIcon size={20} />
          </span>
          <h2 id="contact-self-serve">Do it yourself, right now</h2>
          <p className="muted">
            Admins can export all of their organization&apos;s data or schedule its deletion in <strong>Settings › Account</strong>, and disconnect a CRM
            in <strong>Settings › Integrations</strong>, at any time.
          </p>
          <Link className="contact-email" to="/app/settings/account">
            Open account settings
          </Link>
        </section>
      </div>
      <p className="muted contact-footnote">
        When you write about a specific call, include the time it ended and the agent&apos;s name, never the transcript itself. See our{' '}
        <Link to="/privacy">Privacy Policy</Link> and <Link to="/terms">Terms of Service</Link>.
      </p>
    </div>
  );
}
