export * from './access-level.js';
export * from './arn.js';
export * from './policy-variables.js';
export * from './service-data.js';
export * from './wildcard.js';
export * from './statement.js';
