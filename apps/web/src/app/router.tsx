import { createBrowserRouter } from 'react-router';
import { LoadingFrame } from '../components/layout/loading-frame';
import { meQueryOptions } from '../features/auth/api/me';
import { queryClient } from '../lib/query-client';
import { Layout } from './layout/layout';
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
    // The frame and a loading message while the app finds out who is signed in, never a blank page.
    HydrateFallback: LoadingFrame,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: () => import('./routes/home') },
          { path: 'sign-in', lazy: () => import('./routes/sign-in') },
          { path: 'sign-in/code', lazy: () => import('./routes/sign-in-code') },
          { path: 'account/second-factor', lazy: () => import('./routes/account/second-factor') },
          { path: 'invitation/:token', lazy: () => import('./routes/invitation') },
          { path: 'funds', lazy: () => import('./routes/funds/list') },
          { path: 'funds/:fundId', lazy: () => import('./routes/funds/fund') },
          { path: 'funds/:fundId/budget', lazy: () => import('./routes/funds/budget') },
          { path: 'funds/:fundId/apply', lazy: () => import('./routes/funds/apply') },
          { path: 'register', lazy: () => import('./routes/register') },
          { path: 'register/check-your-email', lazy: () => import('./routes/register/check-your-email') },
          { path: 'confirm-email', lazy: () => import('./routes/confirm-email-needed') },
          { path: 'confirm-email/:token', lazy: () => import('./routes/confirm-email') },
          { path: 'forgotten-password', lazy: () => import('./routes/forgotten-password/index') },
          {
            path: 'forgotten-password/check-your-email',
            lazy: () => import('./routes/forgotten-password/check-your-email'),
          },
          { path: 'reset-password/:token', lazy: () => import('./routes/reset-password') },
          { path: 'account', lazy: () => import('./routes/account/index') },
          { path: 'account/password', lazy: () => import('./routes/account/password') },
          { path: 'account/email', lazy: () => import('./routes/account/email') },
          { path: 'account/email/check-your-email', lazy: () => import('./routes/account/email-sent') },
          { path: 'account/sign-out-everywhere', lazy: () => import('./routes/account/sign-out-everywhere') },
          { path: 'confirm-new-email/:token', lazy: () => import('./routes/confirm-new-email') },
          { path: 'groups/new', lazy: () => import('./routes/groups/new') },
          { path: 'groups/:organisationId', lazy: () => import('./routes/groups/group') },
          { path: 'groups/:organisationId/edit', lazy: () => import('./routes/groups/edit') },
          {
            path: 'groups/:organisationId/members/:userId/remove',
            lazy: () => import('./routes/groups/remove-member'),
          },
          { path: 'group-invitations/:token', lazy: () => import('./routes/groups/invitation') },
          { path: 'bids', lazy: () => import('./routes/bids/list') },
          { path: 'bids/:bidId', lazy: () => import('./routes/bids/bid') },
          { path: 'bids/:bidId/sections/:section', lazy: () => import('./routes/bids/section') },
          { path: 'bids/:bidId/documents', lazy: () => import('./routes/bids/documents') },
          { path: 'bids/:bidId/check', lazy: () => import('./routes/bids/check') },
          { path: 'bids/:bidId/sent', lazy: () => import('./routes/bids/sent') },
          { path: 'bids/:bidId/withdraw', lazy: () => import('./routes/bids/withdraw') },
          { path: 'bids/:bidId/return', lazy: () => import('./routes/bids/return') },
          { path: 'bids/:bidId/screen', lazy: () => import('./routes/bids/screen') },
          { path: 'bids/:bidId/results', lazy: () => import('./routes/bids/results') },
          // Grants and their offers (issue 10).
          { path: 'grants', lazy: () => import('./routes/grants/list') },
          { path: 'grants/:grantId', lazy: () => import('./routes/grants/grant') },
          { path: 'grants/:grantId/agreement', lazy: () => import('./routes/grants/agreement') },
          { path: 'grants/:grantId/offer', lazy: () => import('./routes/grants/offer') },
          { path: 'grants/:grantId/decline', lazy: () => import('./routes/grants/decline') },
          { path: 'grants/:grantId/end', lazy: () => import('./routes/grants/end') },
          { path: 'funds/new', lazy: () => import('./routes/funds/fund-form') },
          { path: 'funds/:fundId/edit', lazy: () => import('./routes/funds/fund-form') },
          { path: 'funds/:fundId/assessment', lazy: () => import('./routes/funds/assessment') },
          { path: 'funds/:fundId/results', lazy: () => import('./routes/funds/results') },
          { path: 'funds/:fundId/panel', lazy: () => import('./routes/funds/panel') },
          { path: 'assess', lazy: () => import('./routes/assess/list') },
          { path: 'assess/:assignmentId', lazy: () => import('./routes/assess/assignment') },
          { path: 'assess/:assignmentId/check', lazy: () => import('./routes/assess/check') },
          { path: 'assess/:assignmentId/submitted', lazy: () => import('./routes/assess/submitted') },
          { path: 'project-bank', lazy: () => import('./routes/project-bank/list') },
          { path: 'project-bank/new', lazy: () => import('./routes/project-bank/new') },
          { path: 'mail', lazy: () => import('./routes/mail') },
          { path: 'admin/users', lazy: () => import('./routes/admin/users') },
          { path: 'admin/users/invite', lazy: () => import('./routes/admin/invite') },
          { path: 'admin/users/:userId', lazy: () => import('./routes/admin/user') },
          { path: 'admin/audit', lazy: () => import('./routes/admin/audit') },
          // Paying grants (decision 0023)
          { path: 'groups/:organisationId/bank-account', lazy: () => import('./routes/groups/bank-account') },
          { path: 'grants/:grantId/payments', lazy: () => import('./routes/grants/payments') },
          { path: 'funds/:fundId/payments', lazy: () => import('./routes/funds/payments') },
          { path: 'finance/payments', lazy: () => import('./routes/finance/payments') },
          { path: 'finance/bank-accounts', lazy: () => import('./routes/finance/bank-accounts') },
          {
            path: 'finance/bank-accounts/:bankAccountId',
            lazy: () => import('./routes/finance/bank-account'),
          },
          // Open data (issue 11, decision 0025)
          { path: 'funds/:fundId/open-data', lazy: () => import('./routes/funds/open-data') },
          { path: 'admin/ward-codes', lazy: () => import('./routes/admin/ward-codes') },
          { path: 'admin/ward-codes/:wardId', lazy: () => import('./routes/admin/ward-code') },
          // Monitoring reports (decision 0024)
          { path: 'reports/:reportId', lazy: () => import('./routes/reports/report') },
          { path: 'reports/:reportId/sections/:section', lazy: () => import('./routes/reports/section') },
          { path: 'reports/:reportId/evidence', lazy: () => import('./routes/reports/evidence') },
          { path: 'reports/:reportId/check', lazy: () => import('./routes/reports/check') },
          { path: 'reports/:reportId/return', lazy: () => import('./routes/reports/return') },
          // Monitoring across grants (decision 0027)
          { path: 'reports', lazy: () => import('./routes/monitoring/reports') },
          { path: 'funds/:fundId/outcomes', lazy: () => import('./routes/monitoring/outcomes') },
          { path: 'accessibility', lazy: () => import('./routes/accessibility') },
          { path: 'privacy', lazy: () => import('./routes/privacy') },
          // Personal data (decision 0026)
          { path: 'admin/retention', lazy: () => import('./routes/admin/retention') },
          { path: '*', lazy: () => import('./routes/not-found') },
        ],
      },
    ],
  },
]);
