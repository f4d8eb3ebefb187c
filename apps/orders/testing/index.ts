export * from './orders-test-kit';
export * from './fake-identity-addresses.server';
