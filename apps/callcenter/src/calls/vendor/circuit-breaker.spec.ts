import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let clock = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, openMs: 1000, now: () => clock });
  beforeEach(() => (clock = 0));

  it('opens after the threshold of consecutive failures and refuses calls while open', () => {
    const b = breaker();
    b.recordFailure();
    b.recordFailure();
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    clock = 400;
    expect(b.retryAfterMs()).toBe(600);
  });

  it('a success in between resets the count', () => {
    const b = breaker();
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
  });

  it('lets one trial through after the open period; success closes, failure re-opens for a full period', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    clock = 1000;
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // only one trial at a time
    b.recordFailure();
    expect(b.state).toBe('open');
    clock = 1999;
    expect(b.tryAcquire()).toBe(false);
    clock = 2000;
    expect(b.tryAcquire()).toBe(true);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });
});
