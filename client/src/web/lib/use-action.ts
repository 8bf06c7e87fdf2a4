import { useCallback, useState } from 'react';
import { useToast } from '../ui/Toast';
import { errorMessage } from '../ui/States';

/**
 * Runs a user-triggered change: `busy` while it runs, a toast on success and on failure.
 * Returns whether it succeeded so callers can close dialogs or reset forms.
 */
export function useAction(): { busy: boolean; run: (action: () => Promise<void>, success?: string) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const run = useCallback(
    async (action: () => Promise<void>, success?: string) => {
      setBusy(true);
      try {
        await action();
        if (success) toast.success(success);
        return true;
      } catch (error) {
        toast.error(errorMessage(error));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [toast],
  );
  return { busy, run };
}
