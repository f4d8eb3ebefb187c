import { SetMetadata } from '@nestjs/common';

export const DIRECT_GET = 'harvest:direct-get';

/** Path parameters of a direct route, by name, as the router decoded them (never empty). */
export type DirectRouteParams = Readonly<Record<string, string>>;

/**
 * A public GET that Fastify answers directly, without Nest's per-request pipeline (router proxy, guards,
 * interceptors, pipes, exception filter), for the hottest reads. The method gets the path parameters and
 * resolves to JSON text, sent as is with `application/json; charset=utf-8`; whatever it throws is answered
 * as problem+json exactly as the global filter would. The server hooks (request id, trace, metrics, access
 * line) apply as to every route. Use it instead of `@Get(path)`, with `@Public()`: start-up fails for a
 * direct route that is not public or that carries guards, interceptors, pipes or filters, since none of them
 * would run. The path is relative to the controller's, like `@Get`'s (no global prefix or versioning: the
 * platform sets neither). Global enhancers are skipped too: the platform's are the auth guard (a public
 * route passes it anyway), the validation pipe (nothing to validate in string path parameters) and the
 * problem filter (replaced by the same code); an app that adds its own global ones should not use this.
 */
export const DirectGet = (path: string): MethodDecorator => SetMetadata(DIRECT_GET, path);
