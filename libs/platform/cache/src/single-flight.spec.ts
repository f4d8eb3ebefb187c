import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares one run between concurrent callers of the same key and starts fresh afterwards', async () => {
    const flights = new SingleFlight();
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return runs;
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => flights.run('k', work)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(flights.size).toBe(0);
    await expect(flights.run('k', work)).resolves.toBe(2);
  });

  it('passes a rejection to every waiter and forgets the key', async () => {
    const flights = new SingleFlight();
    const failing = () => flights.run('k', async () => Promise.reject(new Error('db down')));
    await expect(Promise.all([failing(), failing()])).rejects.toThrow('db down');
    expect(flights.size).toBe(0);
  });

  it('turns work that throws before returning a promise into a rejection and forgets the key', async () => {
    const flights = new SingleFlight();
    await expect(
      flights.run('k', () => {
        throw new Error('bad key');
      }),
    ).rejects.toThrow('bad key');
    expect(flights.size).toBe(0);
  });

  it('marks a running flight invalidated and lets the next caller start a new one', async () => {
    const flights = new SingleFlight();
    let release!: () => void;
    let seen: boolean | undefined;
    const first = flights.run('k', async (flight) => {
      await new Promise<void>((resolve) => (release = resolve));
      seen = flight.invalidated;
      return 'old';
    });
    flights.invalidate('k');
    await expect(flights.run('k', async () => 'new')).resolves.toBe('new');
    release();
    await expect(first).resolves.toBe('old');
    expect(seen).toBe(true);
  });
});
