export * from './orders-test-kit';
