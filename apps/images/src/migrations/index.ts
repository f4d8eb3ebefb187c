import { ImagesSchema1764100000000 } from './1764100000000-images-schema.migration';
import { OrphanCollectAfter1764100000001 } from './1764100000001-orphan-collect-after.migration';

/** The images schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const imagesMigrations: Array<new () => object> = [
  ImagesSchema1764100000000,
  OrphanCollectAfter1764100000001,
];
