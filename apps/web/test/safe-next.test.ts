import { describe, expect, it } from 'vitest';
import { safeNext } from '../src/app/guards';

// Where sign-in (or registering) may send someone next: only a path on this site. Browsers read a
// backslash as a slash, so `/\evil.example` is `//evil.example`: another site.
describe('safeNext: only a same-origin path may follow sign-in', () => {
  it.each([
    ['/bids', '/bids'],
    ['/bids/8f0c?tab=answers', '/bids/8f0c?tab=answers'],
    ['/funds/1/apply#eligibility', '/funds/1/apply#eligibility'],
    ['/', '/'],
    ['/sign-in?next=%2Fbids', '/sign-in?next=%2Fbids'],
  ])('keeps the path on this site %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['//evil.example'],
    ['//evil.example/bids'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['\\\\evil.example'],
    ['\\/evil.example'],
    ['/%5Cevil.example'],
    ['/%5cevil.example'],
    ['/%2F/evil.example'],
    ['https://evil.example'],
    ['http://evil.example/bids'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['evil.example'],
    ['bids'],
    [' /bids'],
    ['/\tevil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r/evil.example'],
    ['/\u0000/evil.example'],
    ['/ /evil.example'],
    ['///evil.example'],
    ['/.//evil.example'],
    ['/bids\\..\\..\\evil'],
  ])('sends %j home instead', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
