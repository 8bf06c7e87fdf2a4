import { ButtonLink } from '../ui/Button';

export function NotFoundPage({ home = '/app' }: { home?: string }) {
  return (
    <div className="page">
      <div className="card status-page">
        <div className="status-page-code">404</div>
        <h1 className="page-title">Page not found</h1>
        <p className="muted">The address may be mistyped, or the page has moved.</p>
        <div className="btn-row">
          <ButtonLink to={home} variant="primary">
            {home === '/' ? 'Go to the home page' : 'Go to engagements'}
          </ButtonLink>
        </div>
      </div>
    </div>
  );
}
