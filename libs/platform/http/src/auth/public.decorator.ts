import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'harvest:public';

/** Opens a route (or every route of a controller) to callers without a token. Everything else needs one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
