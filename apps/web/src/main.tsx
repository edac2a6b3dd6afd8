import './styles/main.scss';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProvider } from './app/provider';
import { router } from './app/router';
import { watchForExpiredSession } from './app/session';

// GOV.UK Frontend styles some components differently once JavaScript runs. Set here, not in an
// inline script, so the content security policy can forbid inline scripts.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

watchForExpiredSession(router);

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  // As a transition, so React renders the first page in slices and the browser can answer a tap or
  // a key between them, rather than in one long task (Lighthouse's total blocking time).
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <AppProvider>
          <RouterProvider router={router} />
        </AppProvider>
      </StrictMode>,
    );
  });
}

// The router above has already started fetching what the page needs (its code and data). Let the
// browser paint index.html's frame and loading message first, then render: evaluating the app's
// code and rendering the first page are then two tasks, not one long one, and the frame shows
// even when the scripts arrive with the stylesheet (decision 0032). A requestAnimationFrame
// callback runs just before a paint; the timeout after it, just after. A hidden tab paints
// nothing, so there it starts at once.
if (document.visibilityState === 'visible') {
  requestAnimationFrame(() => setTimeout(start, 0));
} else {
  start();
}
