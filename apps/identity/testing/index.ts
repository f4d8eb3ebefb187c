export * from './identity-test-service';
export * from './fake-delivery-coverage.server';
