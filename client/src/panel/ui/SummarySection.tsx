import { useEffect, useEffectEvent, useRef, useState, type Dispatch } from 'react';
import type { EngagementDetail } from '../../../../server/contract/api';
import type { SummaryContent } from '../../../../server/contract/summary';
import { ApiRequestError } from '../../shared/api';
import { SummaryEditor } from '../../shared/summary/SummaryEditor';
import { SummaryView } from '../../shared/summary/SummaryView';
import { sameContent } from '../../shared/summary/summary-draft';
import { fieldId, validateSummary, type FieldErrors } from '../../shared/summary/summary-validation';
import type { PanelApi } from '../api/panel-api';
import type { EngagementEntry, PanelAction } from '../engagements/engagement-state';
import { CrmSyncStatus } from './CrmSyncStatus';
import { errorMessage, formatWhen, isMac } from './format';
import { Icon, Spinner } from './icons';

export interface SummarySectionProps {
  entry: EngagementEntry & { detail: EngagementDetail };
  content: SummaryContent;
  categories: { names: string[]; fallback: boolean };
  api: PanelApi;
  dispatch: Dispatch<PanelAction>;
  openUrl: (url: string) => void;
}

type Busy = 'saving' | 'approving' | 'retrying' | null;

const EDITOR_ID = 'summary';
const FIX_FIELDS = 'Fix the highlighted fields, then save.';

function versionLine(detail: EngagementDetail): { icon: 'edit' | 'sparkle'; text: string } {
  const summary = detail.summary;
  const current = detail.versions.find((v) => v.version === summary?.currentVersion);
  if (current?.source === 'edit') {
    const who = current.editedBy?.name ?? 'someone';
    return { icon: 'edit', text: `Edited by ${who} at ${formatWhen(current.createdAt)}` };
  }
  const by = summary?.provider === 'local' ? 'Draft by the built-in offline summarizer (no AI)' : 'AI draft';
  return {
    icon: 'sparkle',
    text: summary?.model && summary.provider !== 'local' ? `${by} · ${summary.model}` : by,
  };
}

/** A ready summary: read, edit in place, approve (button or Ctrl/Cmd+Enter), then CRM sync. */
export function SummarySection({ entry, content, categories, api, dispatch, openUrl }: SummarySectionProps) {
  const { detail, draft, zoomId } = entry;
  const summary = detail.summary;
  const engagementId = detail.engagement.id;
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const editButton = useRef<HTMLButtonElement>(null);
  const approved = Boolean(summary?.approvedAt);
  const notify = (tone: 'info' | 'success' | 'error', text: string) =>
    dispatch({ type: 'notice/set', zoomId, notice: { tone, text } });

  const reloadAfterConflict = async (message: string) => {
    try {
      dispatch({ type: 'detail/received', detail: await api.engagement(engagementId) });
    } catch {
      // The live stream will bring it; the message below still explains what happened.
    }
    dispatch({ type: 'draft/discarded', zoomId });
    setErrors({});
    notify('error', message);
  };

  /** Saves the draft if it changed; returns the version that is now current, or null if it could not. */
  const saveDraft = async (): Promise<number | null> => {
    if (!draft || !summary) return summary?.currentVersion ?? null;
    if (sameContent(draft.content, content)) {
      dispatch({ type: 'draft/discarded', zoomId });
      return summary.currentVersion;
    }
    const checked = validateSummary(draft.content);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = Object.keys(checked.errors)[0];
      notify('error', FIX_FIELDS);
      if (first) requestAnimationFrame(() => document.getElementById(fieldId(EDITOR_ID, first))?.focus());
      return null;
    }
    setErrors({});
    try {
      const saved = await api.saveSummary(engagementId, {
        baseVersion: draft.baseVersion,
        content: checked.content,
      });
      dispatch({ type: 'detail/received', detail: saved });
      dispatch({ type: 'draft/discarded', zoomId });
      const savedVersion = saved.summary?.currentVersion ?? null;
      notify('success', savedVersion ? `Saved as version ${savedVersion}.` : 'Saved.');
      return savedVersion;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        await reloadAfterConflict(
          'Someone else saved a newer version while you were editing. It is shown below; your changes were not saved.',
        );
      } else notify('error', `Could not save: ${errorMessage(error)}`);
      return null;
    }
  };

  const save = async () => {
    if (busy) return;
    setBusy('saving');
    try {
      const version = await saveDraft();
      if (version !== null) requestAnimationFrame(() => editButton.current?.focus());
    } finally {
      setBusy(null);
    }
  };

  const approve = async () => {
    if (busy || approved || summary?.status !== 'ready') return;
    setBusy('approving');
    try {
      const version = await saveDraft();
      if (version === null) return;
      const result = await api.approveSummary(engagementId, version);
      dispatch({ type: 'detail/received', detail: result });
      notify('success', 'Summary approved.');
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        await reloadAfterConflict(`${error.message} We reloaded it; review it, then approve again.`);
      } else notify('error', `Could not approve: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };

  const retryCrm = async () => {
    if (busy) return;
    setBusy('retrying');
    try {
      await api.retryCrmSync(engagementId);
      dispatch({ type: 'detail/received', detail: await api.engagement(engagementId) });
      notify('info', 'Sync queued again.');
    } catch (error) {
      notify('error', `Could not retry the sync: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };

  // Ctrl/Cmd+Enter approves from anywhere in the panel (saving pending edits first).
  const onShortcut = useEffectEvent(() => void approve());
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        onShortcut();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const startEditing = () => {
    dispatch({ type: 'draft/started', zoomId });
    setErrors({});
    requestAnimationFrame(() => document.getElementById(fieldId(EDITOR_ID, 'reason'))?.focus());
  };
  const cancelEditing = () => {
    dispatch({ type: 'draft/discarded', zoomId });
    setErrors({});
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const version = versionLine(detail);
  const shortcut = isMac() ? '⌘ Enter' : 'Ctrl+Enter';

  return (
    <>
      <section className="p-card p-summary" aria-labelledby="summary-title">
        <div className="p-card-head">
          <h2 id="summary-title" className="p-card-title">
            Call summary
          </h2>
          {!draft && (
            <button
              ref={editButton}
              type="button"
              className="p-button p-button-ghost p-button-small"
              onClick={startEditing}
              disabled={busy !== null}
            >
              <Icon name="edit" size={14} />
              Edit
            </button>
          )}
        </div>
        <p className="p-version">
          <Icon name={version.icon} size={14} />
          <span>{version.text}</span>
        </p>
        {draft ? (
          <form
            className="p-edit-form"
            aria-label="Edit summary"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            {categories.fallback && (
              <p className="p-hint">
                Your organization&apos;s categories could not be loaded; showing the standard ones.
              </p>
            )}
            <SummaryEditor
              value={draft.content}
              onChange={(next) => {
                dispatch({ type: 'draft/changed', zoomId, content: next });
                // Once errors show, they follow the edits: fixed fields clear as the agent types.
                if (Object.keys(errors).length > 0) {
                  const checked = validateSummary(next);
                  setErrors(checked.ok ? {} : checked.errors);
                  if (checked.ok && entry.notice?.text === FIX_FIELDS)
                    dispatch({ type: 'notice/set', zoomId, notice: null });
                }
              }}
              errors={errors}
              categories={categories.names}
              idPrefix={EDITOR_ID}
            />
            <div className="p-form-actions">
              <button
                type="button"
                className="p-button p-button-secondary"
                onClick={cancelEditing}
                disabled={busy !== null}
              >
                Cancel
              </button>
              <button type="submit" className="p-button p-button-primary" disabled={busy !== null}>
                {busy === 'saving' ? 'Saving…' : 'Save changes'}
              </button>
            </div>
          </form>
        ) : (
          <SummaryView content={content} />
        )}
      </section>

      <div className="p-approve-bar">
        {approved ? (
          <p className="p-approved">
            <Icon name="check" className="p-ok" />
            <span>
              Approved by {summary?.approvedBy?.name ?? 'you'} at {formatWhen(summary?.approvedAt)}
            </span>
          </p>
        ) : (
          <button
            type="button"
            className="p-button p-button-primary p-button-block"
            onClick={() => void approve()}
            disabled={busy !== null}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            {busy === 'approving' ? <Spinner /> : <Icon name="check" />}
            <span>{busy === 'approving' ? 'Approving…' : draft ? 'Save & approve' : 'Approve summary'}</span>
            <kbd className="p-kbd">{shortcut}</kbd>
          </button>
        )}
      </div>

      {approved && (
        <CrmSyncStatus
          detail={detail}
          retrying={busy === 'retrying'}
          onRetry={() => void retryCrm()}
          onOpen={openUrl}
        />
      )}
    </>
  );
}
