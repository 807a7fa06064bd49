export * from './envelope';
export * from './domain';
export * from './api';
export * from './pass';
export * from './messages';
export * from './duty';
export * from './census';
