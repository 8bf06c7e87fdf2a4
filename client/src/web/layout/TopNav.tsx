import { Link, NavLink, useLocation } from 'react-router';
import { hasRole } from '../session/roles';
import { useSignedIn } from '../session/session-context';
import { Badge } from '../ui/Badge';
import { CpuIcon, SparkIcon } from '../ui/icons';
import { Logo } from '../ui/Logo';
import { providerLabel } from '../lib/provider-label';
import { UserMenu } from './UserMenu';

function navClass({ isActive }: { isActive: boolean }) {
  return isActive ? 'topnav-link is-active' : 'topnav-link';
}

/** The app's top bar: brand and org, the sections this role may use, the summarizer in use, the user. */
export function TopNav() {
  const { session, user, org } = useSignedIn();
  const { pathname } = useLocation();
  const local = session.summarizer.provider === 'local';
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/app" className="topbar-brand" aria-label="CallRecap home">
          <Logo />
        </Link>
        <span className="topbar-org" title={org.name}>
          <span className="topbar-org-name">{org.name}</span>
          {org.isDemo && <span className="badge badge-demo">Demo</span>}
        </span>
        <nav className="topnav" aria-label="Main">
          <NavLink to="/app" end className={({ isActive }) => navClass({ isActive: isActive || pathname.startsWith('/app/engagements') })}>
            {user.role === 'agent' ? 'My engagements' : 'Engagements'}
          </NavLink>
          {hasRole(user.role, 'supervisor') && (
            <NavLink to="/app/analytics" className={navClass}>
              Analytics
            </NavLink>
          )}
          {hasRole(user.role, 'admin') && (
            <NavLink to="/app/settings" className={navClass}>
              Settings
            </NavLink>
          )}
        </nav>
        <div className="topbar-right">
          <Badge
            tone={local ? 'outline' : 'info'}
            title={
              local
                ? 'Summaries are written by the built-in offline summarizer: no AI provider is configured, nothing leaves CallRecap.'
                : `Summaries are written by ${providerLabel(session.summarizer.provider, session.summarizer.model)}.`
            }
          >
            {local ? <CpuIcon size={13} /> : <SparkIcon size={13} />}
            <span className="visually-hidden">Summarizer: </span>
            {providerLabel(session.summarizer.provider, session.summarizer.model)}
          </Badge>
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
