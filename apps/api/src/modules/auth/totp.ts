import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

/**
 * The staff second factor's codes: TOTP as RFC 6238 and every authenticator app have it (SHA-1,
 * 6 digits, 30-second steps), through the otpauth library rather than our own crypto. Edit only to
 * change the issuer name people see in their app.
 */

const ISSUER = 'Communities Fund';
export const STEP_SECONDS = 30;
/** How many steps either side of now a code may come from: phones' clocks drift a little. */
const DRIFT_STEPS = 1;

function totp(secret: string, label = ''): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: STEP_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** A new secret: 160 random bits, in base32 as apps take it. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The QR code of that address, as an SVG image. */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** The 30-second step `now` falls in. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS);
}

/** The code for a step (tests and the demo's instructions use it; sign-in never does). */
export function codeAt(secret: string, step: number): string {
  return totp(secret).generate({ timestamp: step * STEP_SECONDS * 1000 });
}

/** The step a code belongs to, if it is a right code for now (allowing a step of drift); else null. */
export function stepOfCode(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: DRIFT_STEPS });
  return delta === null ? null : stepAt(now) + delta;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Ten recovery codes of 10 base32 characters (50 random bits each), shown once. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => [...randomBytes(10)].map((byte) => BASE32[byte % 32]).join(''));
}

/** A recovery code as people read it: ABCDE-FGHIJ. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
