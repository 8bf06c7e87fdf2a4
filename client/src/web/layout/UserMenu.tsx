import { useEffect, useId, useRef, useState } from 'react';
import { ROLE_LABELS } from '../session/roles';
import { useSessionContext, useSignedIn } from '../session/session-context';
import { ChevronDownIcon, LogOutIcon } from '../ui/icons';
import { initials } from '../lib/format';
import { useToast } from '../ui/Toast';
import { errorMessage } from '../ui/States';

/** The avatar button: who you are, your role, and sign out. A disclosure, closed by Escape or a click outside. */
export function UserMenu() {
  const { user } = useSignedIn();
  const { signOut } = useSessionContext();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState<'here' | 'everywhere' | null>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const onSignOut = async (where: 'here' | 'everywhere') => {
    setSigningOut(where);
    try {
      await signOut({ everywhere: where === 'everywhere' });
    } catch (error) {
      toast.error(errorMessage(error));
      setSigningOut(null);
    }
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="avatar">{initials(user.name)}</span>
        <span className="user-menu-name">{user.name}</span>
        <ChevronDownIcon size={14} />
      </button>
      <div className="user-menu-panel" id={panelId} hidden={!open}>
        <div className="user-menu-who">
          <p className="user-menu-fullname">{user.name}</p>
          {user.email && <p className="muted">{user.email}</p>}
          <p className="muted">Role: {ROLE_LABELS[user.role]}</p>
        </div>
        <hr className="divider" />
        <button type="button" className="user-menu-item" onClick={() => void onSignOut('here')} disabled={signingOut !== null}>
          <LogOutIcon size={15} />
          {signingOut === 'here' ? 'Signing out…' : 'Sign out'}
        </button>
        <button
          type="button"
          className="user-menu-item"
          onClick={() => void onSignOut('everywhere')}
          disabled={signingOut !== null}
          title="Ends your sessions in every browser and the Zoom app, this one too"
        >
          <LogOutIcon size={15} />
          {signingOut === 'everywhere' ? 'Signing out everywhere…' : 'Sign out on all devices'}
        </button>
      </div>
    </div>
  );
}
