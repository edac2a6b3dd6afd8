import { createBrowserRouter } from 'react-router';
import { Layout } from '../components/layout/layout';
import { meQueryOptions } from '../features/auth/api/me';
import { queryClient } from '../lib/query-client';
import { RouteError } from './routes/error';

/**
 * Every page of the app. Pages are loaded on demand; their loaders fetch (and cache) what the page
 * needs before it shows, so there are no loading spinners on most navigations.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    loader: () => queryClient.ensureQueryData(meQueryOptions()),
    errorElement: <RouteError />,
    HydrateFallback: () => null,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: () => import('./routes/home') },
          { path: 'sign-in', lazy: () => import('./routes/sign-in') },
          { path: 'invitation/:token', lazy: () => import('./routes/invitation') },
          { path: 'funds', lazy: () => import('./routes/funds/list') },
          { path: 'funds/:fundId', lazy: () => import('./routes/funds/fund') },
          { path: 'funds/:fundId/budget', lazy: () => import('./routes/funds/budget') },
          { path: 'mail', lazy: () => import('./routes/mail') },
          { path: 'admin/users', lazy: () => import('./routes/admin/users') },
          { path: 'admin/users/invite', lazy: () => import('./routes/admin/invite') },
          { path: 'admin/users/:userId', lazy: () => import('./routes/admin/user') },
          { path: 'admin/audit', lazy: () => import('./routes/admin/audit') },
          { path: 'accessibility', lazy: () => import('./routes/accessibility') },
          { path: '*', lazy: () => import('./routes/not-found') },
        ],
      },
    ],
  },
]);
