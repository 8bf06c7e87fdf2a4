import type { PanelApi } from '../api/panel-api';
import { setPanelCsrfToken } from '../api/panel-request';
import type { AuthorizedEvent, ZoomBridge } from '../zoom/zoom-bridge';

export class SignInError extends Error {}

/** How long we wait for Zoom's onAuthorized after authorize() (a consent screen may be showing). */
const AUTHORIZE_TIMEOUT_MS = 5 * 60_000;

/**
 * Zoom's in-client OAuth: our server makes a PKCE challenge and state, Zoom authorizes inside the
 * client (silently when the user already consented) and hands the code to onAuthorized, and our
 * server exchanges it and starts the session.
 */
export async function signInInClient(api: PanelApi, zoom: ZoomBridge): Promise<void> {
  const { codeChallenge, state } = await api.startInClientSignIn();
  let stop = () => undefined as void;
  const authorized = new Promise<AuthorizedEvent>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new SignInError('Zoom did not finish the sign-in. Try again.')),
      AUTHORIZE_TIMEOUT_MS,
    );
    // Listen before calling authorize: the event can arrive before authorize() resolves.
    const unsubscribe = zoom.onAuthorized((event) => {
      if (event.state !== null && event.state !== state) return;
      clearTimeout(timer);
      resolve(event);
    });
    stop = () => {
      clearTimeout(timer);
      unsubscribe();
    };
  });
  try {
    await zoom.authorize({ codeChallenge, state });
    const event = await authorized;
    if (!event.approved || !event.code)
      throw new SignInError('Zoom sign-in was cancelled. CallRecap needs it to show your summaries.');
    const { csrfToken } = await api.completeInClientSignIn({ code: event.code, state });
    setPanelCsrfToken(csrfToken);
  } finally {
    stop();
  }
}
