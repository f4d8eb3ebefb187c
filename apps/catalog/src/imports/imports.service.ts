import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { DomainError, ValidationFailedError } from '@harvest/platform/errors';
import { ProductsService } from '../products/products.service';
import { ImportNotFoundError } from './domain/import-errors';
import { ImportJob, type ImportRowError } from './entities/import-job.entity';
import { columnOf, headerProblems, parseProductCsv, productFromRow } from './product-csv';

const MAX_ROWS = 10_000;
/** Keeps the job row small; the count of failures is always complete. */
const MAX_REPORTED_ERRORS = 1_000;
const PROGRESS_EVERY = 25;

/**
 * A CSV import runs in the background: each valid row is its own product transaction (with its events),
 * a refused row is recorded with the column and reason, and the job row carries processed/total.
 */
@Injectable()
export class ImportsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ProductImport');
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly products: ProductsService,
  ) {}

  async start(csv: string, createdBy: string): Promise<ImportJob> {
    let parsed: ReturnType<typeof parseProductCsv>;
    try {
      parsed = parseProductCsv(csv);
    } catch (error) {
      throw new ValidationFailedError([
        { field: 'csv', message: `not readable as CSV: ${(error as Error).message}` },
      ]);
    }
    const problems = headerProblems(parsed.header);
    if (problems.length > 0)
      throw new ValidationFailedError(problems.map((message) => ({ field: 'csv', message })));
    if (parsed.rows.length > MAX_ROWS) {
      throw new ValidationFailedError([{ field: 'csv', message: `at most ${MAX_ROWS} rows per import` }]);
    }
    const job = this.db.repository(ImportJob).create({
      id: randomUUID(),
      status: 'running',
      total: parsed.rows.length,
      processed: 0,
      succeeded: 0,
      failed: 0,
      errors: [],
      createdBy,
      createdAt: new Date(),
      finishedAt: null,
    });
    await this.db.repository(ImportJob).insert(job);
    const run = this.run(job, parsed.rows).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  async find(id: string): Promise<ImportJob> {
    const job = await this.db.repository(ImportJob).findOneBy({ id });
    if (!job) throw new ImportNotFoundError(id);
    return job;
  }

  /** For shutdown and tests: resolves when every running import has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  /** An import still running finishes before the database closes (it is bounded by MAX_ROWS). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async run(job: ImportJob, rows: Record<string, string>[]): Promise<void> {
    try {
      for (const [index, cells] of rows.entries()) {
        const errors = await this.importRow(index + 1, cells);
        job.processed += 1;
        if (errors.length === 0) job.succeeded += 1;
        else {
          job.failed += 1;
          job.errors.push(...errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - job.errors.length)));
        }
        if (job.processed % PROGRESS_EVERY === 0) await this.save(job);
      }
      job.status = 'done';
    } catch (error) {
      this.logger.error(`import ${job.id} stopped: ${(error as Error).message}`);
      job.status = 'failed';
    }
    job.finishedAt = new Date();
    await this.save(job);
    this.logger.log(`import ${job.id}: ${job.succeeded} imported, ${job.failed} refused of ${job.total}`);
  }

  private async importRow(row: number, cells: Record<string, string>): Promise<ImportRowError[]> {
    const parsed = productFromRow(row, cells);
    if ('errors' in parsed) return parsed.errors;
    try {
      await this.products.create(parsed.product);
      return [];
    } catch (error) {
      if (error instanceof ValidationFailedError) {
        return error.errors.map((e) => ({ row, field: columnOf(e.field), message: e.message }));
      }
      // A refusal of this row (a taken id): recorded. An outage (`unavailable`) stops the import instead.
      if (error instanceof DomainError && error.kind !== 'unavailable') {
        return [{ row, field: 'id', message: error.detail }];
      }
      throw error;
    }
  }

  private async save(job: ImportJob): Promise<void> {
    const { processed, succeeded, failed, errors, status, finishedAt } = job;
    await this.db
      .repository(ImportJob)
      .update({ id: job.id }, { processed, succeeded, failed, errors, status, finishedAt });
  }
}
