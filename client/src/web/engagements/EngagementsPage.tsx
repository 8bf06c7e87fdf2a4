import { useState } from 'react';
import type { FilterOptions } from '../../../../server/contract/api';
import { useDocumentTitle } from '../lib/use-document-title';
import { useResource } from '../lib/use-resource';
import { useSignedIn } from '../session/session-context';
import { Button, ButtonAnchor } from '../ui/Button';
import { DownloadIcon, SearchIcon } from '../ui/icons';
import { EmptyState, ErrorState, errorMessage } from '../ui/States';
import { activeFilterCount, apiQuery, DEFAULT_FILTERS, RANGE_LABELS } from './engagement-filters';
import { EngagementsTable, EngagementsTableSkeleton } from './EngagementsTable';
import { FiltersBar } from './FiltersBar';
import { useEngagementFilters } from './use-engagement-filters';
import { useEngagementPages } from './use-engagement-pages';
import './engagements.css';

const PAGE_SIZE = 50;

export function EngagementsPage() {
  const { user } = useSignedIn();
  const isAgent = user.role === 'agent';
  const title = isAgent ? 'My engagements' : 'Engagements';
  useDocumentTitle(title);

  const [filters, setFilters] = useEngagementFilters();
  // "Last 7 days" is relative to when the page opened, so pages and the CSV agree.
  const [now] = useState(() => new Date());
  const query = apiQuery(filters, now, { limit: PAGE_SIZE });
  const pages = useEngagementPages(query);
  const options = useResource<FilterOptions>('/api/filters');
  const filtered = activeFilterCount(filters) > 0;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">{title}</h1>
          <p className="page-subtitle">
            {isAgent
              ? 'Calls and chats you handled, with their summaries.'
              : 'Every call and chat your contact center handled, with its summary, approval and CRM sync.'}
          </p>
        </div>
        <div className="page-actions">
          <ButtonAnchor href={`/api/engagements.csv?${apiQuery(filters, now)}`} download icon={<DownloadIcon size={15} />}>
            Download CSV
          </ButtonAnchor>
        </div>
      </header>

      <FiltersBar filters={filters} options={options.data} showAgent={!isAgent} onChange={setFilters} />

      <section className="card" aria-labelledby="results-title">
        <header className="card-header results-header">
          <h2 className="card-title" id="results-title">
            {RANGE_LABELS[filters.range]}
            {filters.q && <span className="muted results-query"> · matching “{filters.q}”</span>}
          </h2>
          <p className="muted results-count" aria-live="polite">
            {pages.items ? `${pages.items.length}${pages.hasMore ? '+' : ''} engagement${pages.items.length === 1 && !pages.hasMore ? '' : 's'}` : ''}
          </p>
        </header>
        {pages.error !== undefined ? (
          <ErrorState title="Could not load engagements" error={pages.error} onRetry={pages.reload} />
        ) : !pages.items ? (
          <EngagementsTableSkeleton />
        ) : pages.items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No engagements match these filters"
              icon={<SearchIcon size={22} />}
              actions={<Button onClick={() => setFilters({ ...DEFAULT_FILTERS, range: 'all' })}>Clear filters and show all time</Button>}
            >
              Try a longer date range, fewer filters, or different search words.
            </EmptyState>
          ) : (
            <EmptyState title="No engagements yet">
              {isAgent
                ? 'When you finish a call or chat in Zoom Contact Center, it appears here with its summary.'
                : 'Engagements appear here as soon as calls and chats end in Zoom Contact Center.'}
            </EmptyState>
          )
        ) : (
          <div className={pages.stale ? 'is-refreshing' : undefined} aria-busy={pages.stale}>
            <EngagementsTable items={pages.items} sort={filters.sort} onSort={(sort) => setFilters({ ...filters, sort })} showAgent={!isAgent} />
            {(pages.hasMore || pages.moreError !== undefined) && (
              <footer className="card-footer load-more">
                {pages.moreError !== undefined && <p className="field-error" role="alert">{errorMessage(pages.moreError)}</p>}
                <Button onClick={pages.loadMore} busy={pages.loadingMore}>
                  {pages.moreError !== undefined ? 'Try again' : 'Load more'}
                </Button>
              </footer>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
