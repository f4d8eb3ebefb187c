/** What every scenario gets, and what it hands back for one row of the table. */
import type { FastdfsTestCluster } from '@harvest/testing';
import type { ChaosFixture } from './order-fixture';
import type { ServiceInstance } from './service-instances';
import type { TruthDb } from './truth-db';

export interface ScenarioContext {
  db: TruthDb;
  fixture: ChaosFixture;
  instances: Map<string, ServiceInstance>;
  fastdfs: FastdfsTestCluster;
  /** Unique per run and scenario: customer ids and keys of this scenario's orders start with it. */
  runId: string;
  /** Why the MHA component is unusable, or null when it answers (the services then run on HA_DB_HOSTS). */
  mhaProblem: string | null;
}

export interface ScenarioResult {
  fault: string;
  /** "figure name: value" pairs, in table order. */
  figures: [string, string | number][];
  bar: string;
  pass: boolean;
  /** Extra facts printed under the table (load volume, what was checked). */
  notes: string[];
}

export interface Scenario {
  name: string;
  fault: string;
  bar: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

export const log = (scenario: string, message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${scenario.padEnd(9)} ${message}`);

export const seconds = (ms: number) => (ms / 1000).toFixed(1);
