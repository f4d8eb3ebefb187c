import { Controller, Get } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { Public } from '@harvest/platform/http';
import { Farm } from './entities/farm.entity';

/** Origin farms, for the storefront's farm facet labels. Farms are set up by data (seed/migration), not by API. */
@Controller('farms')
export class FarmsController {
  constructor(private readonly db: Database) {}

  @Public()
  @Get()
  async list() {
    return { items: await this.db.read((em) => em.find(Farm, { order: { id: 'ASC' } })) };
  }
}
