export * from './assessment.js';
export * from './audit.js';
export * from './bids.js';
export * from './funds.js';
export * from './mail.js';
export * from './needs.js';
export * from './reference.js';
export * from './users.js';
