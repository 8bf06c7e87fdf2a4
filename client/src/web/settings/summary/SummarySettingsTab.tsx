import { useState } from 'react';
import type { OrgSettingsView } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { Button } from '../../ui/Button';
import { SwitchRow } from '../../ui/Field';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { SettingsSection } from '../SettingsSection';

/** Organization-wide summary behaviour: approval, CRM sync, redaction, unmatched contacts. */
export function SummarySettingsTab() {
  const settings = useResource<OrgSettingsView>('/api/settings');
  return (
    <SettingsSection title="Summary settings" description="How summaries are approved, redacted and written to your CRM, for everyone in the organization.">
      {settings.error !== undefined && !settings.data ? (
        <div className="card">
          <ErrorState title="Could not load the settings" error={settings.error} onRetry={settings.reload} />
        </div>
      ) : !settings.data ? (
        <div className="card card-body">
          <LoadingBlock label="Loading settings…" />
        </div>
      ) : (
        <SettingsForm saved={settings.data} onSaved={(next) => settings.setData(() => next)} />
      )}
    </SettingsSection>
  );
}

function SettingsForm({ saved, onSaved }: { saved: OrgSettingsView; onSaved: (next: OrgSettingsView) => void }) {
  const [draft, setDraft] = useState(saved);
  const { busy, run } = useAction();
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const save = () =>
    void run(async () => {
      const next = await api<OrgSettingsView>('/api/settings', { method: 'PUT', body: draft });
      onSaved(next);
      setDraft(next);
    }, 'Summary settings saved.');

  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="card-body">
        <SwitchRow
          label="Approve summaries automatically"
          description="Skip the agent's review: summaries count as approved as soon as they are written. Agents can still edit them afterwards."
          checked={draft.autoApprove}
          onChange={(autoApprove) => setDraft({ ...draft, autoApprove })}
        />
        <SwitchRow
          label="Sync to the CRM on approval"
          description="Write each summary to the connected CRM as soon as it is approved. When off, summaries are synced only when someone clicks Sync."
          checked={draft.autoSyncOnApproval}
          onChange={(autoSyncOnApproval) => setDraft({ ...draft, autoSyncOnApproval })}
        />
        <SwitchRow
          label="Redact personal data"
          description="Replace card numbers, bank account numbers, social security numbers, email addresses and phone numbers in transcripts with placeholders before they are summarized."
          checked={draft.redactPii}
          onChange={(redactPii) => setDraft({ ...draft, redactPii })}
        />
        <fieldset className="switch-row settings-fieldset">
          <legend className="switch-title">When no CRM contact matches the customer</legend>
          <div className="choice-list">
            <label className="choice">
              <input type="radio" name="crmNoMatch" value="create" checked={draft.crmNoMatch === 'create'} onChange={() => setDraft({ ...draft, crmNoMatch: 'create' })} />
              <span className="choice-text">
                <strong>Create a contact</strong>
                <span className="muted">Add a new contact from the customer's phone number or email, and log the call on it.</span>
              </span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name="crmNoMatch"
                value="unattached"
                checked={draft.crmNoMatch === 'unattached'}
                onChange={() => setDraft({ ...draft, crmNoMatch: 'unattached' })}
              />
              <span className="choice-text">
                <strong>Log it without a contact</strong>
                <span className="muted">Keep the CRM's contacts as they are; the call is logged unattached so someone can link it later.</span>
              </span>
            </label>
          </div>
        </fieldset>
      </div>
      <footer className="card-footer settings-form-footer">
        <span className="muted" aria-live="polite">
          {dirty ? 'You have unsaved changes.' : 'All changes saved.'}
        </span>
        <div className="btn-row">
          <Button onClick={() => setDraft(saved)} disabled={!dirty || busy} variant="ghost">
            Discard
          </Button>
          <Button type="submit" variant="primary" disabled={!dirty} busy={busy}>
            Save changes
          </Button>
        </div>
      </footer>
    </form>
  );
}
