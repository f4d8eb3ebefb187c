import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadConfig, loadConfigOrExit, type Env } from '@harvest/platform/config';
import {
  PinoNestLogger,
  createLogger,
  flushTraces,
  instrumentHttpServer,
  setupTracing,
  type Logger,
} from '@harvest/platform/observability';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { httpConfigShape, type HttpConfig } from '../http-config';
import { registerDirectRoutes } from '../direct-routes/direct-routes';
import { registerBrowserEdges } from '../edges/browser-edges';
import { edgesConfigShape } from '../edges/edges.config';
import { buildOpenApiDocument, issuerUrlOf, serveOpenApiDocument } from '../openapi/openapi-document';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { sendProblem } from '../problem/send-problem';
import { REQUEST_ID_HEADER, echoRequestId, requestIdFor } from '../request-id';
import { createValidationPipe } from '../validation/validation.pipe';
import { answerClientError } from './client-error-handler';
import { HttpRootModule } from './http-root.module';
import { registerJsonBodyParser } from './json-body-parser';

export interface HttpAppOptions {
  /** service.name on spans and `service` on every log line. */
  serviceName: string;
  /** Where config is read from; defaults to process.env. */
  env?: Env;
  /** Log sink; defaults to stdout. */
  logDestination?: DestinationStream;
  /** Extra span processors for the (once per process) tracer provider, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
  /**
   * Registers Fastify plugins a service needs (e.g. @fastify/multipart) on the server before Nest adds its
   * routes and the server is made ready; plugins cannot be added after that.
   */
  configureServer?: (server: FastifyInstance) => void | Promise<void>;
  /** Rate-limit counters shared by the service's instances (the runtime's, when Redis is configured); the app closes it. */
  rateLimitRedis?: Redis;
}

export interface HttpApp {
  app: NestFastifyApplication;
  config: HttpConfig;
  logger: Logger;
}

/**
 * Builds an initialised, not yet listening, Nest app on Fastify with the whole HTTP platform wired in.
 * Tests use it with `app.inject()`. Throws ConfigError for a bad environment.
 */
export async function createHttpApp(
  appModule: Type | DynamicModule,
  options: HttpAppOptions,
): Promise<HttpApp> {
  return build(appModule, options, loadConfig(httpConfigShape, options.env ?? process.env));
}

/** Production entry point: exits with a one-line message on bad config, then listens on HTTP_HOST:HTTP_PORT. */
export async function startHttpService(
  appModule: Type | DynamicModule,
  options: HttpAppOptions,
): Promise<HttpApp> {
  const built = await build(
    appModule,
    options,
    loadConfigOrExit(httpConfigShape, options.env ?? process.env),
  );
  await built.app.listen({ host: built.config.HTTP_HOST, port: built.config.HTTP_PORT });
  built.logger.info(
    { host: built.config.HTTP_HOST, port: built.config.HTTP_PORT },
    `${options.serviceName} listening`,
  );
  return built;
}

/**
 * The OpenAPI document of an app module without starting anything: Nest's preview mode scans the modules
 * and controllers but creates no provider, so no database, broker or issuer is needed (`npm run openapi`).
 */
export async function describeHttpApp(
  appModule: Type | DynamicModule,
  options: Pick<HttpAppOptions, 'serviceName' | 'env'>,
): Promise<OpenAPIObject> {
  const env = options.env ?? process.env;
  const config = loadConfig(httpConfigShape, env);
  const app = await NestFactory.create<NestFastifyApplication>(
    HttpRootModule.wrap(appModule, config),
    new FastifyAdapter({ logger: false }),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return buildOpenApiDocument(app, {
      serviceName: options.serviceName,
      issuerUrl: issuerUrlOf(env),
      serverUrl: `http://127.0.0.1:${config.HTTP_PORT}`,
    });
  } finally {
    await app.close();
  }
}

async function build(
  appModule: Type | DynamicModule,
  options: HttpAppOptions,
  config: HttpConfig,
): Promise<HttpApp> {
  setupTracing({
    serviceName: options.serviceName,
    exporter: config.OTEL_TRACES_EXPORTER,
    spanProcessors: options.spanProcessors,
  });
  const logger = createLogger({
    serviceName: options.serviceName,
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });

  const edges = loadConfig(edgesConfigShape, options.env ?? process.env);
  const adapter = new FastifyAdapter({
    // Who the client is behind our proxies (X-Forwarded-For), for per-address rate limits.
    trustProxy: edges.HTTP_TRUST_PROXY,
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    genReqId: requestIdFor,
    requestIdHeader: false,
    // Headers too large and unparsable requests never reach a route: answered as problem+json here.
    clientErrorHandler: answerClientError,
    // Our pino logger writes one access line per request, with trace ids; Fastify's would duplicate it.
    logger: false,
    // A malformed escape (400) or an over-long path parameter (414) is answered by Fastify's router before
    // any hook runs, in its own JSON shape; answer it as a problem like every other error, with the request id.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      sendProblem(error, request, reply, logger);
    },
  });
  // Hooks go on before Nest registers routes, so they apply to every route including 404s.
  const server = adapter.getInstance();
  echoRequestId(server);
  instrumentHttpServer(server, logger);
  server.addHook('onClose', async () => flushTraces());
  registerJsonBodyParser(server, config.HTTP_JSON_MAX_DEPTH);
  await registerBrowserEdges(server, edges, {
    serviceName: options.serviceName,
    redis: options.rateLimitRedis,
    logger,
  });
  if (options.configureServer) await options.configureServer(server);

  const app = await NestFactory.create<NestFastifyApplication>(
    HttpRootModule.wrap(appModule, config),
    adapter,
    // Our JSON parser (registerJsonBodyParser) stays; Nest would replace it with an unbounded one. No
    // service takes urlencoded forms, so that parser goes too: such a body is a 415.
    { logger: new PinoNestLogger(logger), bodyParser: false },
  );
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await app.init();
  // After Nest's routes (so Nest's not-found and error handlers are in place) and before the server is ready.
  try {
    const document = buildOpenApiDocument(app, {
      serviceName: options.serviceName,
      issuerUrl: issuerUrlOf(options.env ?? process.env),
      serverUrl: `http://127.0.0.1:${config.HTTP_PORT}`,
    });
    serveOpenApiDocument(server, document);
    registerDirectRoutes(app, server, logger);
  } catch (error) {
    await app.close(); // a refused direct route stops the start; leave no open server or connections behind
    throw error;
  }
  await server.ready();
  return { app, config, logger };
}
