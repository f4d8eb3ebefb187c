import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { WaveQueryDto } from './dto/wave-query.dto';

export interface WaveView {
  waveId: string;
  windowStart: string;
  temperatureZone: string;
  pickRank: number;
  tasks: { open: number; inProgress: number; picked: number; short: number; withdrawn: number };
}

/** The floor plan of a delivery date: waves in pick order (slot, then zone with frozen last) and their progress. */
@Injectable()
export class WavesService {
  constructor(private readonly db: Database) {}

  async list(query: WaveQueryDto): Promise<WaveView[]> {
    const rows: Array<Record<string, string | number>> = await this.db.read((em) =>
      em.query(
        `SELECT w.id, w.window_start, w.temperature_class, w.pick_rank,
                SUM(t.status = 'open') AS open, SUM(t.status IN ('at_location', 'lot_scanned')) AS in_progress,
                SUM(t.status = 'picked') AS picked, SUM(t.status = 'short') AS short, SUM(t.status = 'withdrawn') AS withdrawn
           FROM wave w LEFT JOIN pick_task t ON t.wave_id = w.id
         WHERE w.fulfillment_center_id = ? AND w.slot_date = ?
         GROUP BY w.id, w.window_start, w.temperature_class, w.pick_rank
         ORDER BY w.window_start, w.pick_rank`,
        [query.fulfillmentCenterId, query.date],
      ),
    );
    return rows.map((r) => ({
      waveId: String(r.id),
      windowStart: String(r.window_start),
      temperatureZone: String(r.temperature_class),
      pickRank: Number(r.pick_rank),
      tasks: {
        open: Number(r.open ?? 0),
        inProgress: Number(r.in_progress ?? 0),
        picked: Number(r.picked ?? 0),
        short: Number(r.short ?? 0),
        withdrawn: Number(r.withdrawn ?? 0),
      },
    }));
  }
}
