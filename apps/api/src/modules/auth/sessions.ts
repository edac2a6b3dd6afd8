/**
 * Kept only while organisations/routes.ts still imports `loadActor` from here; it lives in
 * ./repository.ts now (sessions themselves in ./service.ts). Delete this file when organisations
 * moves to the module shape.
 */
export { loadActor } from './repository.js';
