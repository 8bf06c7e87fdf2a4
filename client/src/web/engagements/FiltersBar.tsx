import type { FilterOptions } from '../../../../server/contract/api';
import { crmSyncStateSchema, summaryStatusSchema } from '../../../../server/contract/api';
import { outcomeStatusSchema, sentimentLabelSchema } from '../../../../server/contract/summary';
import { Button } from '../ui/Button';
import { SelectField, TextField, type SelectOption } from '../ui/Field';
import { CloseIcon } from '../ui/icons';
import {
  activeFilterCount,
  DATE_RANGES,
  DEFAULT_FILTERS,
  RANGE_LABELS,
  SORT_LABELS,
  SORTS,
  type EngagementFilters,
  type FilterKey,
} from './engagement-filters';
import { CRM_LABELS, OUTCOME_LABELS, SENTIMENT_LABELS, SUMMARY_STATUS_LABELS } from './engagement-labels';
import { SearchBox } from './SearchBox';

const ALL = '';

function withAll(label: string, options: SelectOption[]): SelectOption[] {
  return [{ value: ALL, label }, ...options];
}

/** Keeps a filter value visible even when the options list has not loaded (or no longer has it). */
function ensure(options: SelectOption[], value: string | undefined, label?: string): SelectOption[] {
  if (!value || options.some((o) => o.value === value)) return options;
  return [...options, { value, label: label ?? value }];
}

export function FiltersBar({
  filters,
  options,
  showAgent,
  onChange,
}: {
  filters: EngagementFilters;
  options: FilterOptions | undefined;
  showAgent: boolean;
  onChange: (next: EngagementFilters, settings?: { replace?: boolean }) => void;
}) {
  const set = (key: FilterKey, value: string) => onChange({ ...filters, [key]: value === ALL ? undefined : value });
  const count = activeFilterCount(filters);

  const agentOptions = ensure((options?.agents ?? []).map((a) => ({ value: a.id, label: a.name })), filters.agentId, 'Selected agent');
  const queueOptions = ensure((options?.queues ?? []).map((q) => ({ value: q.id, label: q.name })), filters.queueId);
  const categoryOptions = ensure((options?.categories ?? []).map((c) => ({ value: c.name, label: c.name })), filters.category);

  return (
    <section className="filters card" aria-label="Filters">
      <div className="filters-row filters-row-main">
        <div className="filters-search">
          <SearchBox value={filters.q ?? ''} onCommit={(q) => onChange({ ...filters, q: q || undefined }, { replace: true })} />
        </div>
        <SelectField
          label="Date range"
          hideLabel
          value={filters.range}
          options={DATE_RANGES.map((r) => ({ value: r, label: RANGE_LABELS[r] }))}
          onChange={(event) => onChange({ ...filters, range: event.target.value as EngagementFilters['range'] })}
          className="filters-range"
        />
        {filters.range === 'custom' && (
          <div className="filters-dates">
            <TextField
              label="From"
              hideLabel
              type="date"
              value={filters.from ?? ''}
              max={filters.to}
              onChange={(event) => onChange({ ...filters, from: event.target.value || undefined })}
            />
            <span className="muted" aria-hidden="true">
              –
            </span>
            <TextField
              label="To"
              hideLabel
              type="date"
              value={filters.to ?? ''}
              min={filters.from}
              onChange={(event) => onChange({ ...filters, to: event.target.value || undefined })}
            />
          </div>
        )}
        <SelectField
          label="Sort"
          hideLabel
          value={filters.sort}
          options={SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
          onChange={(event) => onChange({ ...filters, sort: event.target.value as EngagementFilters['sort'] })}
          className="filters-sort"
        />
        <div className="filters-clear">
          <Button variant="ghost" icon={<CloseIcon size={14} />} disabled={count === 0} onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort })}>
            Clear filters{count > 0 ? ` (${count})` : ''}
          </Button>
        </div>
      </div>
      <div className="filters-row">
        {showAgent && (
          <SelectField label="Agent" highlightWhenSet value={filters.agentId ?? ALL} options={withAll('All agents', agentOptions)} onChange={(e) => set('agentId', e.target.value)} />
        )}
        <SelectField label="Queue" highlightWhenSet value={filters.queueId ?? ALL} options={withAll('All queues', queueOptions)} onChange={(e) => set('queueId', e.target.value)} />
        <SelectField
          label="Category"
          highlightWhenSet
          value={filters.category ?? ALL}
          options={withAll('All categories', categoryOptions)}
          onChange={(e) => set('category', e.target.value)}
        />
        <SelectField
          label="Sentiment"
          highlightWhenSet
          value={filters.sentiment ?? ALL}
          options={withAll('Any sentiment', sentimentLabelSchema.options.map((s) => ({ value: s, label: SENTIMENT_LABELS[s] })))}
          onChange={(e) => set('sentiment', e.target.value)}
        />
        <SelectField
          label="Outcome"
          highlightWhenSet
          value={filters.outcome ?? ALL}
          options={withAll('Any outcome', outcomeStatusSchema.options.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })))}
          onChange={(e) => set('outcome', e.target.value)}
        />
        <SelectField
          label="Summary status"
          highlightWhenSet
          value={filters.status ?? ALL}
          options={withAll('Any status', summaryStatusSchema.options.map((s) => ({ value: s, label: SUMMARY_STATUS_LABELS[s] })))}
          onChange={(e) => set('status', e.target.value)}
        />
        <SelectField
          label="CRM sync"
          highlightWhenSet
          value={filters.crm ?? ALL}
          options={withAll('Any sync state', crmSyncStateSchema.options.map((s) => ({ value: s, label: CRM_LABELS[s] })))}
          onChange={(e) => set('crm', e.target.value)}
        />
      </div>
    </section>
  );
}
