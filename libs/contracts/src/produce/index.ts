export * from './produce';
