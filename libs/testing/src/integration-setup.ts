import { takeResponseMismatches } from '@harvest/platform/http/testing';

// Integration specs start and stop real servers (a Kafka broker restart takes seconds), so they get a
// generous per-test limit; a hung server still fails the test instead of hanging the run.
jest.setTimeout(120_000);

// Every answer a service under test sends is checked against its OpenAPI document (the test kits start
// services with checkResponsesAgainstOpenApi); a test whose requests got an undocumented answer fails.
const failOnResponseMismatches = () => {
  const found = takeResponseMismatches();
  if (found.length > 0)
    throw new Error(`Responses differ from the OpenAPI document:\n- ${found.join('\n- ')}`);
};
afterEach(failOnResponseMismatches);
afterAll(failOnResponseMismatches);
