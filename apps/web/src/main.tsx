import './styles/main.scss';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProvider } from './app/provider';
import { router } from './app/router';
import { watchForExpiredSession } from './app/session';

// GOV.UK Frontend styles some components differently once JavaScript runs. Set here, not in an
// inline script, so the content security policy can forbid inline scripts.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

watchForExpiredSession(router);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppProvider>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  );
}
