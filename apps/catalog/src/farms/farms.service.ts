import { Injectable } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { Farm } from './entities/farm.entity';

@Injectable()
export class FarmsService {
  constructor(private readonly db: Database) {}

  /** Every farm, by id. */
  list(): Promise<Farm[]> {
    return this.db.read((em) => em.find(Farm, { order: { id: 'ASC' } }));
  }
}
