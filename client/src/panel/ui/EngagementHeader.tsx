import { customerOf, engagementPhase, type EngagementEntry } from '../engagements/engagement-state';
import { channelLabel, formatWhen } from './format';
import { Icon } from './icons';

const STATE_LABELS = { active: 'On call', inactive: 'On hold', 'wrap-up': 'Wrap-up', end: 'Ended' } as const;

/** Who the agent is talking to, on what channel, and where the engagement stands. */
export function EngagementHeader({ entry }: { entry: EngagementEntry }) {
  const customer = customerOf(entry);
  const engagement = entry.detail?.engagement;
  const title =
    customer.name ?? engagement?.consumerLabel ?? customer.number ?? customer.email ?? 'Unknown customer';
  const contactLines = [customer.number, customer.email].filter(
    (line): line is string => Boolean(line) && line !== title,
  );
  const phase = engagementPhase(entry);
  const state = entry.status.state;
  const stateLabel = state ? STATE_LABELS[state] : phase === 'after_call' ? 'Ended' : 'On call';
  const channel = entry.status.channel ?? engagement?.channel;
  const queue = entry.context?.queueName ?? engagement?.queueName;
  const started = entry.context?.startedAt ?? engagement?.startedAt;
  return (
    <header className="p-engagement" aria-labelledby="engagement-title">
      <div className="p-engagement-top">
        <span className="p-avatar" aria-hidden="true">
          {title
            .replace(/[^\p{L}\p{N}]/gu, '')
            .charAt(0)
            .toUpperCase() || '?'}
        </span>
        <div className="p-engagement-who">
          <h1 id="engagement-title" className="p-engagement-title">
            {title}
          </h1>
          {contactLines.length > 0 && <p className="p-engagement-contact">{contactLines.join(' · ')}</p>}
        </div>
        <span className={`p-state p-state-${phase === 'after_call' ? 'after' : 'live'}`}>
          {phase === 'in_call' && <span className="p-state-dot" aria-hidden="true" />}
          {stateLabel}
        </span>
      </div>
      <ul className="p-facts" aria-label="Engagement details">
        {channel && (
          <li>
            <Icon name={channel === 'voice' || channel === 'video' ? 'phone' : 'chat'} size={14} />
            {channelLabel(channel)}
          </li>
        )}
        {queue && <li>{queue}</li>}
        {started && (
          <li>
            <Icon name="clock" size={14} />
            Started {formatWhen(started)}
          </li>
        )}
        {entry.context?.transferredFrom && <li>Transferred from {entry.context.transferredFrom}</li>}
      </ul>
    </header>
  );
}
