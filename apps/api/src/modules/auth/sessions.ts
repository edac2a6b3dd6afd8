/**
 * Kept only while organisations, accounts and users still import from here; `loadActor` lives in
 * ./repository.ts now, sessions themselves in ./service.ts.
 */
export { loadActor } from './repository.js';
export { createSession, endAllSessions } from './service.js';
