import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { principalName, type Principal } from '@harvest/platform/http';
import { pickerOf } from '../picking/domain/picker';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { assertCenterAccess } from '../shared/domain/center-access';
import { assertSupervisor } from '../shared/domain/supervisor';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { UnknownLotError } from '../stock-adjustments/domain/stock-control-errors';
import { StockLedgerService } from '../stock-adjustments/stock-ledger.service';
import { Lot } from '../stock/entities/lot.entity';
import { assertEachLotOnce, assertPending, assessCount, countLines } from './domain/count-rules';
import type { CycleCountQueryDto, SubmitCycleCountDto } from './dto/cycle-count.dto';
import type { CycleCountView, SubmittedCountView } from './dto/cycle-count-views.dto';
import { CycleCountLine } from './entities/cycle-count-line.entity';
import { CycleCount } from './entities/cycle-count.entity';

/**
 * Blind cycle counts of a bin. The bin's rows are locked while the count is compared with them; a variance
 * within FULFILLMENT_COUNT_APPROVAL_PERCENT is applied at once, a larger one waits for a supervisor. Applying
 * moves each lot by (counted - expected at the count), so picks between count and approval are not undone,
 * writes `count` ledger lines and announces each SKU's new count.
 */
@Injectable()
export class CycleCountsService {
  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedgerService,
    private readonly counts: StockCountsService,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  async submit(
    input: SubmitCycleCountDto,
    principal: Principal,
    pickerBadge?: string,
  ): Promise<SubmittedCountView> {
    const by = pickerOf(principalName(principal), pickerBadge);
    assertEachLotOnce(input.lines.map((l) => l.lotBarcode));
    return this.db.transaction(async (em) => {
      const [located]: Array<{ fulfillment_center_id: string }> = await em.query(
        'SELECT r.fulfillment_center_id FROM location loc JOIN room r ON r.id = loc.room_id WHERE loc.barcode = ?',
        [input.locationBarcode],
      );
      const centerId = located?.fulfillment_center_id ?? '';
      if (located) assertCenterAccess(principal, centerId, `Location ${input.locationBarcode}`);
      const bin = await this.ledger.bin(em, centerId, input.locationBarcode, 'locationBarcode');
      const scanned = await Promise.all(
        input.lines.map(async (line, i) => {
          const lot = await em.getRepository(Lot).findOneBy({ barcode: line.lotBarcode });
          if (!lot || lot.fulfillmentCenterId !== centerId)
            throw new UnknownLotError(line.lotBarcode, `lines[${i}].lotBarcode`);
          return { lotId: lot.id, counted: line.quantity };
        }),
      );
      const rows: Array<{ lot_id: string; on_hand: number }> = await em.query(
        'SELECT lot_id, on_hand FROM lot_stock WHERE location_id = ? ORDER BY lot_id FOR UPDATE',
        [bin.id],
      );
      const lines = countLines(scanned, new Map(rows.map((r) => [r.lot_id, Number(r.on_hand)])));
      const verdict = assessCount(lines, this.config.FULFILLMENT_COUNT_APPROVAL_PERCENT);
      const id = randomUUID();
      await em.getRepository(CycleCount).insert({
        id,
        fulfillmentCenterId: centerId,
        locationId: bin.id,
        status: verdict.needsApproval ? 'pending-approval' : 'applied',
        expectedUnits: verdict.expectedUnits,
        countedUnits: verdict.countedUnits,
        varianceUnits: verdict.varianceUnits,
        countedBy: by,
        countedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      });
      if (lines.length > 0)
        await em.getRepository(CycleCountLine).insert(lines.map((line) => ({ cycleCountId: id, ...line })));
      if (!verdict.needsApproval) await this.apply(em, id, bin.id, lines, by);
      return {
        id,
        locationBarcode: bin.barcode,
        status: verdict.needsApproval ? 'pending-approval' : 'applied',
      };
    });
  }

  async approve(countId: string, note: string | undefined, principal: Principal): Promise<CycleCountView> {
    return this.decide(countId, principal, async (em, count) => {
      const lines = await em.getRepository(CycleCountLine).findBy({ cycleCountId: countId });
      await this.apply(em, countId, count.locationId, lines, principalName(principal));
      return { status: 'applied', note };
    });
  }

  async reject(countId: string, note: string | undefined, principal: Principal): Promise<CycleCountView> {
    return this.decide(countId, principal, async () => ({ status: 'rejected', note }));
  }

  async get(countId: string, principal: Principal): Promise<CycleCountView> {
    return this.db.read(async (em) => {
      const count = await em.getRepository(CycleCount).findOneBy({ id: countId });
      if (!count) throw new NotFoundError(`Cycle count ${countId}`);
      assertSupervisor(principal, count.fulfillmentCenterId);
      return this.view(em, count);
    });
  }

  async list(query: CycleCountQueryDto, principal: Principal): Promise<{ cycleCounts: CycleCountView[] }> {
    assertSupervisor(principal, query.fulfillmentCenterId);
    return this.db.read(async (em) => {
      const found = await em.getRepository(CycleCount).find({
        where: {
          fulfillmentCenterId: query.fulfillmentCenterId,
          ...(query.status ? { status: query.status as CycleCount['status'] } : {}),
        },
        order: { countedAt: 'DESC' },
        take: 100,
      });
      return { cycleCounts: await Promise.all(found.map((count) => this.view(em, count))) };
    });
  }

  private decide(
    countId: string,
    principal: Principal,
    decision: (
      em: EntityManager,
      count: CycleCount,
    ) => Promise<{ status: 'applied' | 'rejected'; note?: string }>,
  ): Promise<CycleCountView> {
    return this.db.transaction(async (em) => {
      const count = await em
        .getRepository(CycleCount)
        .findOne({ where: { id: countId }, lock: { mode: 'pessimistic_write' } });
      if (!count) throw new NotFoundError(`Cycle count ${countId}`);
      assertSupervisor(principal, count.fulfillmentCenterId);
      assertPending(countId, count.status);
      const { status, note } = await decision(em, count);
      await em
        .getRepository(CycleCount)
        .update(
          { id: countId },
          { status, decidedBy: principalName(principal), decidedAt: new Date(), decisionNote: note ?? null },
        );
      return this.view(em, {
        ...count,
        status,
        decidedBy: principalName(principal),
        decisionNote: note ?? null,
      });
    });
  }

  private async apply(
    em: EntityManager,
    countId: string,
    locationId: string,
    lines: ReadonlyArray<{ lotId: string; expected: number; counted: number }>,
    by: string,
  ): Promise<void> {
    const changed = lines.filter((line) => line.counted !== line.expected);
    if (changed.length === 0) return;
    const lots = await em.getRepository(Lot).findBy({ id: In(changed.map((l) => l.lotId)) });
    const byId = new Map(lots.map((lot) => [lot.id, lot]));
    for (const line of changed) {
      const lot = byId.get(line.lotId)!;
      await this.ledger.change(em, {
        lot,
        locationId,
        delta: line.counted - line.expected,
        reason: 'count',
        cycleCountId: countId,
        by,
        what: `Applying count ${countId} to lot ${lot.barcode}`,
        field: 'lines',
      });
    }
    const skus = [...new Map(lots.map((lot) => [`${lot.skuId}@${lot.fulfillmentCenterId}`, lot])).values()];
    for (const lot of skus.sort((a, b) => a.skuId.localeCompare(b.skuId)))
      await this.counts.announce(em, lot.skuId, lot.fulfillmentCenterId);
  }

  private async view(em: EntityManager, count: CycleCount): Promise<CycleCountView> {
    const lines: Array<{
      lot_id: string;
      barcode: string;
      sku_id: string;
      expected: number;
      counted: number;
    }> = await em.query(
      `SELECT l.lot_id, lot.barcode, lot.sku_id, l.expected, l.counted
           FROM cycle_count_line l JOIN lot ON lot.id = l.lot_id WHERE l.cycle_count_id = ? ORDER BY lot.barcode`,
      [count.id],
    );
    const [location]: Array<{ barcode: string }> = await em.query(
      'SELECT barcode FROM location WHERE id = ?',
      [count.locationId],
    );
    return {
      id: count.id,
      fulfillmentCenterId: count.fulfillmentCenterId,
      locationBarcode: location!.barcode,
      status: count.status,
      expectedUnits: count.expectedUnits,
      countedUnits: count.countedUnits,
      varianceUnits: count.varianceUnits,
      countedBy: count.countedBy,
      countedAt: new Date(count.countedAt).toISOString(),
      decidedBy: count.decidedBy,
      decisionNote: count.decisionNote,
      lines: lines.map((l) => ({
        lotId: l.lot_id,
        lotBarcode: l.barcode,
        skuId: l.sku_id,
        expected: Number(l.expected),
        counted: Number(l.counted),
      })),
    };
  }
}
