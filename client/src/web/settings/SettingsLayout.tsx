import { NavLink, Outlet } from 'react-router';
import { useSignedIn } from '../session/session-context';
import { SETTINGS_TABS } from './settings-tabs';
import './settings.css';

/** Settings: a side list of sections (each its own URL, so links and the back button work) and the section. */
export function SettingsLayout() {
  const { org } = useSignedIn();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">Settings</h1>
          <p className="page-subtitle">How CallRecap works for {org.name}.</p>
        </div>
      </header>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          <ul>
            {SETTINGS_TABS.map((tab) => (
              <li key={tab.path}>
                <NavLink to={`/app/settings/${tab.path}`} className={({ isActive }) => (isActive ? 'settings-nav-link is-active' : 'settings-nav-link')}>
                  <tab.Icon size={16} />
                  {tab.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-content">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
