/**
 * oidc-provider's storage port (its Adapter interface), hand-written because the library ships only an
 * in-memory one for tests and we need one more thing: clients registered at run time (scanner devices
 * enrolled through RFC 7591) and their registration access tokens survive a restart, in the data folder. The
 * rest (sessions, codes, grants, tokens' records) lives in memory: a restart signs people out, as it did
 * with the library's own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { writePrivate } from './signing-keys.mts';

interface Stored {
  payload: AdapterPayload;
  /** Epoch ms; absent = forever. */
  expiresAt?: number;
}

/** Models kept on disk: what an enrolment created must outlive the process. */
const DURABLE_MODELS = new Set(['Client', 'RegistrationAccessToken']);

export function adapterFor(dataDir: string): new (model: string) => Adapter {
  const file = join(dataDir, 'registered-clients.json');
  const durable: Record<string, Record<string, Stored>> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, Stored>>)
    : {};
  const volatile = new Map<string, Map<string, Stored>>();

  const storeOf = (model: string): Map<string, Stored> => {
    if (DURABLE_MODELS.has(model)) return new Map(Object.entries((durable[model] ??= {})));
    let store = volatile.get(model);
    if (!store) volatile.set(model, (store = new Map()));
    return store;
  };
  const save = (model: string, store: Map<string, Stored>) => {
    if (!DURABLE_MODELS.has(model)) return;
    durable[model] = Object.fromEntries(store);
    writePrivate(file, durable);
  };

  return class IssuerAdapter implements Adapter {
    // No parameter properties: Node runs this file by erasing types, and those are not erasable.
    private readonly model: string;
    constructor(model: string) {
      this.model = model;
    }

    private live(id: string): AdapterPayload | undefined {
      const stored = storeOf(this.model).get(id);
      if (!stored) return undefined;
      if (stored.expiresAt !== undefined && stored.expiresAt <= Date.now()) {
        void this.destroy(id);
        return undefined;
      }
      return stored.payload;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const store = storeOf(this.model);
      store.set(id, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
      save(this.model, store);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.live(id);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      for (const [id, stored] of storeOf(this.model)) if (stored.payload.uid === uid) return this.live(id);
      return undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      for (const [id, stored] of storeOf(this.model))
        if (stored.payload.userCode === userCode) return this.live(id);
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const store = storeOf(this.model);
      const stored = store.get(id);
      if (stored) stored.payload.consumed = Math.floor(Date.now() / 1000);
      save(this.model, store);
    }

    async destroy(id: string): Promise<void> {
      const store = storeOf(this.model);
      store.delete(id);
      save(this.model, store);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const store = storeOf(this.model);
      for (const [id, stored] of store) if (stored.payload.grantId === grantId) store.delete(id);
      save(this.model, store);
    }
  };
}
