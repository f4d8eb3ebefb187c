import { CatalogSchema1764000000000 } from './1764000000000-catalog-schema.migration';
import { OurFarms1764000000001 } from './1764000000001-our-farms.migration';
import { ProductSearchVersion1764000000002 } from './1764000000002-product-search-version.migration';

/** The catalog schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const catalogMigrations: Array<new () => object> = [
  CatalogSchema1764000000000,
  OurFarms1764000000001,
  ProductSearchVersion1764000000002,
];
