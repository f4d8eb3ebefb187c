export * from './identity-test-service';
