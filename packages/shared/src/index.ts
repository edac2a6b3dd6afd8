import './messages.js';

export * from './assessment.js';
export * from './audit.js';
export * from './auth.js';
export * from './bids.js';
export * from './dates.js';
export * from './errors.js';
export * from './funds.js';
export * from './health.js';
export * from './ids.js';
export * from './mail.js';
export * from './money.js';
export * from './needs.js';
export * from './organisations.js';
export * from './reference.js';
export * from './roles.js';
export * from './text.js';
export * from './users.js';
