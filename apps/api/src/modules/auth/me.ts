/**
 * Kept only while organisations/routes.ts still imports `toMe` from here; it lives in
 * ./repository.ts now. Delete this file when organisations moves to the module shape.
 */
export { toMe } from './repository.js';
