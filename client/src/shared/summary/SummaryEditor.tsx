import { useEffect, useRef, type ReactNode } from 'react';
import type { ActionItem, SummaryContent } from '../../../../server/contract/summary';
import {
  addActionItem,
  addKeyPoint,
  MAX_ACTION_ITEMS,
  MAX_KEY_POINTS,
  MIN_KEY_POINTS,
  move,
  removeAt,
  replaceAt,
} from './summary-draft';
import {
  OUTCOME_LABELS,
  OUTCOMES,
  OWNER_LABELS,
  scoreForLabel,
  SENTIMENT_LABELS,
  SENTIMENTS,
} from './summary-labels';
import { fieldId, type FieldErrors } from './summary-validation';
import './summary.css';

export interface SummaryEditorProps {
  value: SummaryContent;
  onChange: (next: SummaryContent) => void;
  errors: FieldErrors;
  /** The organization's category names, in its order. */
  categories: string[];
  /** Prefix for element ids (several editors may share a page). */
  idPrefix: string;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="sm-error" id={`${id}-error`}>
      {message}
    </p>
  );
}

function errorProps(id: string, message: string | undefined) {
  return message ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

function IconButton(props: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  id?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="sm-icon-button"
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
      disabled={props.disabled}
      id={props.id}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        {props.children}
      </svg>
    </button>
  );
}

const ICON = {
  remove: (
    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" fill="none" />
  ),
  up: (
    <path
      d="M8 12.5V3.5M4 7l4-4 4 4"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      fill="none"
    />
  ),
  down: (
    <path
      d="M8 3.5v9M4 9l4 4 4-4"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      fill="none"
    />
  ),
};

type Owner = ActionItem['owner'];
const OWNER_OPTIONS: Array<{ value: string; owner: Owner; label: string }> = [
  { value: 'agent', owner: 'agent', label: OWNER_LABELS.agent },
  { value: 'customer', owner: 'customer', label: OWNER_LABELS.customer },
  { value: '', owner: null, label: 'Unassigned' },
];

/**
 * Every field of a summary, edited in place. Controlled: the owner keeps the draft (the panel keys
 * drafts by engagement) and validates it with the shared schema before saving.
 */
export function SummaryEditor({ value, onChange, errors, categories, idPrefix }: SummaryEditorProps) {
  const id = (path: string) => fieldId(idPrefix, path);
  // After adding, removing or moving an item, focus follows it (keyboard users keep their place).
  const focusTarget = useRef<string | null>(null);
  const setFocusTarget = (target: string) => {
    focusTarget.current = target;
  };
  useEffect(() => {
    if (!focusTarget.current) return;
    document.getElementById(focusTarget.current)?.focus();
    focusTarget.current = null;
  });

  const set = (patch: Partial<SummaryContent>) => onChange({ ...value, ...patch });
  const setItem = (index: number, patch: Partial<ActionItem>) => {
    const item = value.actionItems[index];
    if (item) set({ actionItems: replaceAt(value.actionItems, index, { ...item, ...patch }) });
  };
  const categoryOptions =
    categories.includes(value.category) || !value.category ? categories : [value.category, ...categories];

  return (
    <div className="sm-editor">
      <div className="sm-field">
        <label className="sm-label" htmlFor={id('reason')}>
          Reason for the call
        </label>
        <textarea
          id={id('reason')}
          className="sm-input"
          rows={2}
          value={value.reason}
          maxLength={600}
          onChange={(e) => set({ reason: e.target.value })}
          {...errorProps(id('reason'), errors.reason)}
        />
        <FieldError id={id('reason')} message={errors.reason} />
      </div>

      <fieldset
        className="sm-field sm-group"
        aria-describedby={errors.keyPoints ? `${id('keyPoints')}-error` : undefined}
      >
        <legend className="sm-label">Key points</legend>
        <ol className="sm-edit-list">
          {value.keyPoints.map((point, i) => (
            <li key={i} className="sm-edit-row">
              <div className="sm-row-main">
                <label className="sm-visually-hidden" htmlFor={id(`keyPoints.${i}`)}>
                  Key point {i + 1}
                </label>
                <textarea
                  id={id(`keyPoints.${i}`)}
                  className="sm-input"
                  rows={1}
                  value={point}
                  maxLength={600}
                  onChange={(e) => set({ keyPoints: replaceAt(value.keyPoints, i, e.target.value) })}
                  {...errorProps(id(`keyPoints.${i}`), errors[`keyPoints.${i}`])}
                />
                <FieldError id={id(`keyPoints.${i}`)} message={errors[`keyPoints.${i}`]} />
              </div>
              <IconButton
                label={`Remove key point ${i + 1}`}
                disabled={value.keyPoints.length <= MIN_KEY_POINTS}
                onClick={() => {
                  set({ keyPoints: removeAt(value.keyPoints, i) });
                  setFocusTarget(id(`keyPoints.${Math.max(0, i - 1)}`));
                }}
              >
                {ICON.remove}
              </IconButton>
            </li>
          ))}
        </ol>
        <FieldError id={id('keyPoints')} message={errors.keyPoints} />
        <button
          type="button"
          className="sm-add"
          disabled={value.keyPoints.length >= MAX_KEY_POINTS}
          onClick={() => {
            set(addKeyPoint(value));
            setFocusTarget(id(`keyPoints.${value.keyPoints.length}`));
          }}
        >
          + Add key point
        </button>
      </fieldset>

      <fieldset className="sm-field sm-group">
        <legend className="sm-label">Outcome</legend>
        <div className="sm-segmented">
          {OUTCOMES.map((status) => (
            <label key={status} className="sm-segment">
              <input
                type="radio"
                name={id('outcome.status')}
                value={status}
                checked={value.outcome.status === status}
                onChange={() => set({ outcome: { ...value.outcome, status } })}
              />
              <span>{OUTCOME_LABELS[status]}</span>
            </label>
          ))}
        </div>
        <label className="sm-visually-hidden" htmlFor={id('outcome.detail')}>
          Outcome detail
        </label>
        <textarea
          id={id('outcome.detail')}
          className="sm-input"
          rows={2}
          placeholder="What was agreed or done"
          value={value.outcome.detail}
          maxLength={1100}
          onChange={(e) => set({ outcome: { ...value.outcome, detail: e.target.value } })}
          {...errorProps(id('outcome.detail'), errors['outcome.detail'])}
        />
        <FieldError id={id('outcome.detail')} message={errors['outcome.detail']} />
      </fieldset>

      <fieldset className="sm-field sm-group">
        <legend className="sm-label">Action items</legend>
        {value.actionItems.length === 0 && <p className="sm-empty">No follow-up actions.</p>}
        <ol className="sm-edit-list">
          {value.actionItems.map((item, i) => {
            const n = i + 1;
            return (
              <li key={i} className="sm-edit-item">
                <label className="sm-visually-hidden" htmlFor={id(`actionItems.${i}.text`)}>
                  Action item {n}
                </label>
                <textarea
                  id={id(`actionItems.${i}.text`)}
                  className="sm-input"
                  rows={1}
                  value={item.text}
                  maxLength={600}
                  placeholder="What needs to happen"
                  onChange={(e) => setItem(i, { text: e.target.value })}
                  {...errorProps(id(`actionItems.${i}.text`), errors[`actionItems.${i}.text`])}
                />
                <FieldError id={id(`actionItems.${i}.text`)} message={errors[`actionItems.${i}.text`]} />
                <div className="sm-item-meta">
                  <label className="sm-small-field">
                    <span className="sm-small-label">Owner</span>
                    <select
                      className="sm-input sm-select"
                      aria-label={`Action item ${n} owner`}
                      value={item.owner ?? ''}
                      onChange={(e) =>
                        setItem(i, {
                          owner: OWNER_OPTIONS.find((o) => o.value === e.target.value)?.owner ?? null,
                        })
                      }
                    >
                      {OWNER_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="sm-small-field sm-grow">
                    <span className="sm-small-label">Due</span>
                    <input
                      id={id(`actionItems.${i}.due`)}
                      className="sm-input"
                      aria-label={`Action item ${n} due`}
                      placeholder="e.g. Friday"
                      value={item.due ?? ''}
                      maxLength={120}
                      onChange={(e) => setItem(i, { due: e.target.value === '' ? null : e.target.value })}
                      {...errorProps(id(`actionItems.${i}.due`), errors[`actionItems.${i}.due`])}
                    />
                  </label>
                  <div className="sm-item-tools">
                    <IconButton
                      id={id(`actionItems.${i}.up`)}
                      label={`Move action item ${n} up`}
                      disabled={i === 0}
                      onClick={() => {
                        set({ actionItems: move(value.actionItems, i, -1) });
                        setFocusTarget(id(`actionItems.${i - 1}.up`));
                      }}
                    >
                      {ICON.up}
                    </IconButton>
                    <IconButton
                      id={id(`actionItems.${i}.down`)}
                      label={`Move action item ${n} down`}
                      disabled={i === value.actionItems.length - 1}
                      onClick={() => {
                        set({ actionItems: move(value.actionItems, i, 1) });
                        setFocusTarget(id(`actionItems.${i + 1}.down`));
                      }}
                    >
                      {ICON.down}
                    </IconButton>
                    <IconButton
                      label={`Remove action item ${n}`}
                      onClick={() => {
                        set({ actionItems: removeAt(value.actionItems, i) });
                        setFocusTarget(
                          value.actionItems.length > 1
                            ? id(`actionItems.${Math.max(0, i - 1)}.text`)
                            : id('actionItems.add'),
                        );
                      }}
                    >
                      {ICON.remove}
                    </IconButton>
                  </div>
                </div>
                <FieldError id={id(`actionItems.${i}.due`)} message={errors[`actionItems.${i}.due`]} />
              </li>
            );
          })}
        </ol>
        <FieldError id={id('actionItems')} message={errors.actionItems} />
        <button
          type="button"
          id={id('actionItems.add')}
          className="sm-add"
          disabled={value.actionItems.length >= MAX_ACTION_ITEMS}
          onClick={() => {
            set(addActionItem(value));
            setFocusTarget(id(`actionItems.${value.actionItems.length}.text`));
          }}
        >
          + Add action item
        </button>
      </fieldset>

      <div className="sm-field">
        <label className="sm-label" htmlFor={id('category')}>
          Category
        </label>
        <select
          id={id('category')}
          className="sm-input sm-select"
          value={value.category}
          onChange={(e) => set({ category: e.target.value })}
          {...errorProps(id('category'), errors.category)}
        >
          {!value.category && <option value="">Choose…</option>}
          {categoryOptions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <FieldError id={id('category')} message={errors.category} />
      </div>

      <fieldset className="sm-field sm-group">
        <legend className="sm-label">Customer sentiment</legend>
        <div className="sm-segmented">
          {SENTIMENTS.map((label) => (
            <label key={label} className={`sm-segment sm-segment-${label}`}>
              <input
                type="radio"
                name={id('sentiment.label')}
                value={label}
                checked={value.sentiment.label === label}
                onChange={() =>
                  set({ sentiment: { label, score: scoreForLabel(label, value.sentiment.score) } })
                }
              />
              <span>{SENTIMENT_LABELS[label]}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
