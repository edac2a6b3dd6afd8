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

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/** A stand-in origin: `next` must resolve to a path under it, whatever the real one is. */
const THIS_SITE = 'https://this-site.invalid';

/**
 * Only a path on this site may follow sign-in (no open redirect to another site). Browsers read a
 * backslash as a slash and drop tabs and newlines, so `/\evil.example` and `/\t/evil.example` mean
 * `//evil.example`, another site: anything with a backslash, a space or a control character is
 * refused outright, and what is left must resolve to a path here that does not itself start `//`
 * (also once its %-escapes are read). Anything else goes to the home page.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.includes('\\') || /\s/.test(next) || hasControlCharacter(next))
    return '/';
  let url: URL;
  let path: string;
  try {
    url = new URL(next, THIS_SITE);
    path = decodeURIComponent(url.pathname);
  } catch {
    return '/';
  }
  if (url.origin !== THIS_SITE || path.startsWith('//') || path.includes('\\')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
