import { Skeleton } from './States';

/** What a page looks like while its code or first data loads. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div className="page" role="status" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      <Skeleton className="skeleton-title" />
      <div className="skeleton-grid">
        <Skeleton className="skeleton-block" />
        <Skeleton className="skeleton-block" />
        <Skeleton className="skeleton-block" />
      </div>
      <Skeleton className="skeleton-block" />
    </div>
  );
}
