import type { createBrowserRouter } from 'react-router';
import { authKeys } from '../features/auth/api/me';
import { isApiError } from '../lib/api-client';
import { queryClient } from '../lib/query-client';

/**
 * When any request answers 401 while we think someone is signed in (the session timed out after
 * 30 idle minutes, or an admin disabled the account), forget the user and go to sign in, saying why.
 */
export function watchForExpiredSession(router: ReturnType<typeof createBrowserRouter>): void {
  const onError = (error: unknown) => {
    if (!isApiError(error, 401)) return;
    if (!queryClient.getQueryData(authKeys.me())) return;
    queryClient.clear();
    queryClient.setQueryData(authKeys.me(), null);
    const here = `${window.location.pathname}${window.location.search}`;
    void router.navigate(`/sign-in?expired=1&next=${encodeURIComponent(here)}`);
  };
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
  });
  queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
  });
}
