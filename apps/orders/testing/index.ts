export * from './orders-test-kit';
export * from './payment-providers-kit';
