import { useState } from 'react';
import type { SummaryVersionView, SummaryView } from '../../../../../server/contract/api';
import { formatDateTime } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { SparkIcon, EditIcon } from '../../ui/icons';
import { SummaryDiff } from './SummaryDiff';

/** What version 1 is called: the offline summarizer's first draft is no AI's. */
const originalName = (provider: SummaryView['provider']) => (provider === 'openai' ? 'AI original' : 'offline summary');

/** Every saved version (who, when), and what the selected one changed against the first, generated one. */
export function VersionHistory({
  versions,
  currentVersion,
  provider,
}: {
  versions: SummaryVersionView[];
  currentVersion: number;
  provider: SummaryView['provider'];
}) {
  const original = originalName(provider);
  const Original = original.charAt(0).toUpperCase() + original.slice(1);
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const [picked, setPicked] = useState<number | null>(null);
  const selected = newestFirst.find((v) => v.version === (picked ?? currentVersion)) ?? newestFirst[0];
  const first = versions.find((v) => v.version === 1);
  if (!selected) return null;
  if (versions.length === 1) {
    return (
      <Card title="Version history" labelledBy="versions-title">
        <p className="version-single">
          <span className="version-icon is-ai">
            <SparkIcon size={14} />
          </span>
          <span>
            <strong>Version 1</strong> · {Original} · {formatDateTime(selected.createdAt)}. Nobody has edited this summary; edits appear here with a
            word-by-word comparison.
          </span>
        </p>
      </Card>
    );
  }

  return (
    <Card
      title="Version history"
      subtitle={`${versions.length} versions · compare any of them with the ${original}`}
      labelledBy="versions-title"
    >
      <div className="versions">
        <ol className="version-list" aria-label="Versions">
          {newestFirst.map((version) => (
            <li key={version.version}>
              <button
                type="button"
                className="version-item"
                aria-pressed={version.version === selected.version}
                onClick={() => setPicked(version.version)}
              >
                <span className={version.source === 'ai' ? 'version-icon is-ai' : 'version-icon'}>
                  {version.source === 'ai' ? <SparkIcon size={14} /> : <EditIcon size={14} />}
                </span>
                <span className="version-text">
                  <span className="version-title">
                    Version {version.version}
                    {version.version === currentVersion && <Badge tone="accent">Current</Badge>}
                  </span>
                  <span className="version-meta">
                    {version.source === 'ai' ? Original : `Edited by ${version.editedBy?.name ?? 'a former user'}`}
                  </span>
                  <span className="version-meta">{formatDateTime(version.createdAt)}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
        <div className="version-diff" aria-live="polite">
          <h3 className="version-diff-title">
            {selected.version === 1 ? `Version 1 is the ${original}` : `Version ${selected.version} compared with the ${original}`}
          </h3>
          {selected.version === 1 || !first ? (
            <p className="muted">Pick a later version to see what people changed, word by word.</p>
          ) : (
            <SummaryDiff original={first.content} revised={selected.content} originalName={original} />
          )}
        </div>
      </div>
    </Card>
  );
}
