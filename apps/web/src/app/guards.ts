import type { Me, Permission } from '@cf/shared';
import { data, redirect } from 'react-router';
import { meQueryOptions } from '../features/auth/api/me';
import { can } from '../lib/authorization';
import { queryClient } from '../lib/query-client';

/**
 * In a loader: the signed-in user, or off to sign in (and back here afterwards). Someone who has
 * not confirmed their email address can do nothing yet, so they go to the page that asks them to,
 * except on the pages about their own account (`allowUnconfirmed`).
 */
export async function requireMe(request: Request, options: { allowUnconfirmed?: boolean } = {}): Promise<Me> {
  const me = await queryClient.ensureQueryData(meQueryOptions());
  if (!me) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!me.emailVerified && !options.allowUnconfirmed) throw redirect('/confirm-email');
  return me;
}

/**
 * In a loader: the user may do this (by the shared access policy), or the page answers 403 — except
 * for staff who have not yet set up their second factor (their staff roles do not count until
 * then): they are sent to set it up, and back here afterwards.
 */
export async function requirePermission(request: Request, permission: Permission): Promise<Me> {
  const me = await requireMe(request);
  if (can(me, permission)) return me;
  if (me.secondFactor === 'enrol') {
    const url = new URL(request.url);
    throw redirect(`/account/second-factor?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  throw data('You do not have permission to see this page', { status: 403 });
}

/** Only a path on this site may follow sign-in (no open redirect to another site). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
