import type { ExcursionRaisedV1 } from '@harvest/contracts/fulfillment-excursion-raised';
import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { principalName, type Principal } from '@harvest/platform/http';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { Room } from '../facilities/entities/room.entity';
import { assertSupervisor } from '../shared/domain/supervisor';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { StockLedgerService } from '../stock-adjustments/stock-ledger.service';
import { Lot } from '../stock/entities/lot.entity';
import { assertUndecided, caseStatus, discardQuantities } from './domain/qa-case-rules';
import type { QaCaseQueryDto, QaDecisionDto } from './dto/qa-case.dto';
import type { QaCaseView } from './dto/qa-case-views.dto';
import { QaCaseLot } from './entities/qa-case-lot.entity';
import { QaCase } from './entities/qa-case.entity';

/**
 * QA after an excursion: the excursion event opens one case listing the lots it held (the inbox drops a
 * redelivered event; the unique excursion id keeps a second copy harmless too). QA releases a lot (sellable
 * again) or discards it (written off as qa-discard); each decision announces the SKU's count, so orders'
 * sellable figure follows. The case closes when every lot is decided.
 */
@Injectable()
export class QaCasesService {
  private readonly logger = new Logger('QaCases');

  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedgerService,
    private readonly counts: StockCountsService,
  ) {}

  async open(em: EntityManager, excursion: ExcursionRaisedV1): Promise<string | null> {
    // Another service's excursion on the shared topic (a room we do not have) is not ours to assess.
    if (!(await em.getRepository(Room).existsBy({ id: excursion.roomId }))) {
      this.logger.warn(`excursion ${excursion.excursionId} in unknown room ${excursion.roomId}: no case`);
      return null;
    }
    const lots = excursion.heldLotIds.length
      ? await em.getRepository(Lot).findBy({ id: In(excursion.heldLotIds) })
      : [];
    const id = randomUUID();
    const inserted: { affectedRows: number } = await em.query(
      `INSERT IGNORE INTO qa_case (id, excursion_id, fulfillment_center_id, room_id, status, opened_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL)`,
      [
        id,
        excursion.excursionId,
        excursion.fulfillmentCenterId,
        excursion.roomId,
        caseStatus(lots.map(() => null)),
        new Date(),
      ],
    );
    if (inserted.affectedRows === 0) return null;
    if (lots.length > 0)
      await em.getRepository(QaCaseLot).insert(
        lots.map((lot) => ({
          qaCaseId: id,
          lotId: lot.id,
          decision: null,
          reason: null,
          decidedBy: null,
          decidedAt: null,
        })),
      );
    return id;
  }

  async decide(
    caseId: string,
    lotId: string,
    input: QaDecisionDto,
    principal: Principal,
  ): Promise<QaCaseView> {
    return this.db.transaction(async (em) => {
      const qaCase = await em
        .getRepository(QaCase)
        .findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      if (!qaCase) throw new NotFoundError(`QA case ${caseId}`);
      assertSupervisor(principal, qaCase.fulfillmentCenterId);
      const entry = await em.getRepository(QaCaseLot).findOneBy({ qaCaseId: caseId, lotId });
      if (!entry) throw new NotFoundError(`Lot ${lotId} in QA case ${caseId}`);
      assertUndecided(lotId, entry.decision);
      const lot = await em
        .getRepository(Lot)
        .findOne({ where: { id: lotId }, lock: { mode: 'pessimistic_write' } });
      const by = principalName(principal);
      if (input.decision === 'release') {
        await em.getRepository(Lot).update({ id: lotId }, { qaHold: false, holdReason: null });
      } else {
        const bins: Array<{ location_id: string; on_hand: number; allocated: number }> = await em.query(
          'SELECT location_id, on_hand, allocated FROM lot_stock WHERE lot_id = ? ORDER BY location_id FOR UPDATE',
          [lotId],
        );
        const discards = discardQuantities(
          bins.map((b) => ({
            locationId: b.location_id,
            onHand: Number(b.on_hand),
            allocated: Number(b.allocated),
          })),
        );
        for (const bin of discards)
          await this.ledger.change(em, {
            lot: lot!,
            locationId: bin.locationId,
            delta: -bin.quantity,
            reason: 'qa-discard',
            note: input.reason,
            qaCaseId: caseId,
            by,
            what: `Discarding lot ${lot!.barcode}`,
            field: 'decision',
          });
        if (lot!.unplacedQuantity > 0) {
          await em.query('UPDATE lot SET unplaced_quantity = 0 WHERE id = ?', [lotId]);
          await this.ledger.record(em, {
            lot: lot!,
            locationId: null,
            delta: -lot!.unplacedQuantity,
            reason: 'qa-discard',
            note: input.reason,
            qaCaseId: caseId,
            by,
          });
        }
        await em
          .getRepository(Lot)
          .update({ id: lotId }, { holdReason: `discarded by QA: ${input.reason}`.slice(0, 255) });
      }
      await em
        .getRepository(QaCaseLot)
        .update(
          { qaCaseId: caseId, lotId },
          { decision: input.decision, reason: input.reason, decidedBy: by, decidedAt: new Date() },
        );
      const decisions = (await em.getRepository(QaCaseLot).findBy({ qaCaseId: caseId })).map(
        (l) => l.decision,
      );
      if (caseStatus(decisions) === 'closed')
        await em.getRepository(QaCase).update({ id: caseId }, { status: 'closed', closedAt: new Date() });
      await this.counts.announceLots(em, [lotId]);
      return this.view(em, caseId);
    });
  }

  async get(caseId: string, principal: Principal): Promise<QaCaseView> {
    return this.db.read(async (em) => {
      const view = await this.view(em, caseId);
      assertSupervisor(principal, view.fulfillmentCenterId);
      return view;
    });
  }

  async list(query: QaCaseQueryDto, principal: Principal): Promise<{ qaCases: QaCaseView[] }> {
    assertSupervisor(principal, query.fulfillmentCenterId);
    return this.db.read(async (em) => {
      const cases = await em.getRepository(QaCase).find({
        where: {
          fulfillmentCenterId: query.fulfillmentCenterId,
          ...(query.status ? { status: query.status as QaCase['status'] } : {}),
        },
        order: { openedAt: 'DESC' },
        take: 100,
      });
      return { qaCases: await Promise.all(cases.map((c) => this.view(em, c.id))) };
    });
  }

  /** Open excursions and open QA cases per center, for the gauges the alert rules read. */
  async openFigures(): Promise<Array<{ center: string; excursions: number; cases: number }>> {
    return this.db.read(async (em) => {
      const rows: Array<{ center: string; excursions: string; cases: string }> = await em.query(
        `SELECT c.id AS center,
                (SELECT COUNT(*) FROM excursion e WHERE e.fulfillment_center_id = c.id AND e.ended_at IS NULL) AS excursions,
                (SELECT COUNT(*) FROM qa_case q WHERE q.fulfillment_center_id = c.id AND q.status = 'open') AS cases
           FROM fulfillment_center c ORDER BY c.id`,
      );
      return rows.map((r) => ({
        center: r.center,
        excursions: Number(r.excursions),
        cases: Number(r.cases),
      }));
    });
  }

  private async view(em: EntityManager, caseId: string): Promise<QaCaseView> {
    const qaCase = await em.getRepository(QaCase).findOneBy({ id: caseId });
    if (!qaCase) throw new NotFoundError(`QA case ${caseId}`);
    const lots: Array<{
      lot_id: string;
      barcode: string;
      sku_id: string;
      qa_hold: number;
      on_hand: string | null;
      decision: QaCaseLot['decision'];
      reason: string | null;
      decided_by: string | null;
    }> = await em.query(
      `SELECT ql.lot_id, lot.barcode, lot.sku_id, lot.qa_hold, ql.decision, ql.reason, ql.decided_by,
              (SELECT SUM(ls.on_hand) FROM lot_stock ls WHERE ls.lot_id = lot.id) AS on_hand
         FROM qa_case_lot ql JOIN lot ON lot.id = ql.lot_id WHERE ql.qa_case_id = ? ORDER BY lot.barcode`,
      [caseId],
    );
    return {
      id: qaCase.id,
      excursionId: qaCase.excursionId,
      fulfillmentCenterId: qaCase.fulfillmentCenterId,
      roomId: qaCase.roomId,
      status: qaCase.status,
      openedAt: new Date(qaCase.openedAt).toISOString(),
      lots: lots.map((l) => ({
        lotId: l.lot_id,
        lotBarcode: l.barcode,
        skuId: l.sku_id,
        onHand: Number(l.on_hand ?? 0),
        qaHold: Boolean(Number(l.qa_hold)),
        decision: l.decision,
        reason: l.reason,
        decidedBy: l.decided_by,
      })),
    };
  }
}
