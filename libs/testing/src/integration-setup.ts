// Integration specs start and stop real servers (a Kafka broker restart takes seconds), so they get a
// generous per-test limit; a hung server still fails the test instead of hanging the run.
jest.setTimeout(120_000);
