export * from './orders-test-kit';
export * from './payment-providers-kit';
export * from './fake-identity-addresses.server';
