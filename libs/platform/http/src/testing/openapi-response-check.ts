import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { OPENAPI_DOCS_PATH, OPENAPI_JSON_PATH, openApiDocumentOf } from '../openapi/openapi-document';

/** One answer as the server sent it, by route pattern (`/products/:id`, Fastify's form). */
export interface SentResponse {
  method: string;
  route: string;
  status: number;
  contentType: string | undefined;
  /** The serialized body; undefined for none, 'stream' for a stream (an SSE channel). */
  body: string | 'stream' | undefined;
}

interface MediaTypeObject {
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}

/**
 * Checks answers against an OpenAPI 3.1 document (JSON Schema 2020-12, formats included): the status must be
 * one the route documents, a body must have a documented media type and match its schema. Returns what is
 * wrong, or undefined.
 */
export class OpenApiResponseCheck {
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    // The components travel as their own resource, so `#/components/schemas/X` refs resolve inside each schema.
    this.ajv.addSchema({ $id: 'openapi:components', components: document.components ?? {} });
  }

  check(sent: SentResponse): string | undefined {
    const path = sent.route.replace(/:(\w+)/g, '{$1}');
    const where = `${sent.method} ${path} answered ${sent.status}`;
    const operation = (
      this.document.paths[path] as Record<string, { responses?: Record<string, ResponseObject> }> | undefined
    )?.[sent.method.toLowerCase()];
    if (!operation) return `${sent.method} ${path} is not in the OpenAPI document`;
    const response = operation.responses?.[String(sent.status)] ?? operation.responses?.default;
    if (!response) return `${where}, a status the OpenAPI document does not list for it`;
    if (sent.body === undefined || sent.body === '') return undefined;
    const mediaType = sent.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    const content = response.content?.[mediaType];
    if (!content)
      return `${where} with a ${mediaType || 'untyped'} body, but the document describes ${
        response.content ? Object.keys(response.content).join(', ') : 'no body'
      } for it`;
    if (sent.body === 'stream' || !content.schema || !mediaType.endsWith('json')) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(sent.body);
    } catch {
      return `${where} with a body that is not JSON`;
    }
    const validate = this.validatorFor(`${sent.method} ${path} ${sent.status} ${mediaType}`, content.schema);
    if (validate(value)) return undefined;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`);
    return `${where}; the body does not match the document: ${errors.slice(0, 5).join('; ')}\n  body: ${sent.body.slice(0, 500)}`;
  }

  private validatorFor(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      const withComponents = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"openapi:components#/components/'),
      ) as object;
      validate = this.ajv.compile(withComponents);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/**
 * Answers sent since the last look, each with the check of its server. They are validated when the mismatches
 * are taken (after each test), not while the answer is sent: compiling a schema on a route's first answer took
 * tens of milliseconds on the request path, which specs that time an answer (a fast 503, an SLA) would measure.
 */
const pending: Array<{ check: () => OpenApiResponseCheck; sent: SentResponse }> = [];

/** The mismatches among the answers sent since the last call (the integration setup fails the test that caused any). */
export function takeResponseMismatches(): string[] {
  return pending
    .splice(0)
    .map(({ check, sent }) => check().check(sent))
    .filter((mismatch): mismatch is string => mismatch !== undefined);
}

/**
 * A `configureServer` for a service under test: every answer the server sends (to inject() or to a real
 * socket) is checked against the document the service serves; a mismatch is recorded and fails the test
 * (libs/testing/src/integration-setup.ts). Composes with the service's own `configureServer`.
 */
export function checkResponsesAgainstOpenApi(
  configure?: (server: FastifyInstance) => void | Promise<void>,
): (server: FastifyInstance) => Promise<void> {
  return async (server) => {
    let check: OpenApiResponseCheck | undefined;
    server.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const route = request.routeOptions.url;
      if (!route || request.method === 'HEAD' || isDocumentRoute(route)) return payload;
      const document = openApiDocumentOf(server);
      if (!document) return payload;
      pending.push({
        check: () => (check ??= new OpenApiResponseCheck(document)),
        sent: {
          method: request.method,
          route,
          status: reply.statusCode,
          contentType: reply.getHeader('content-type') as string | undefined,
          body: bodyText(payload),
        },
      });
      return payload;
    });
    if (configure) await configure(server);
  };
}

function isDocumentRoute(route: string): boolean {
  return (
    route === OPENAPI_JSON_PATH || route === OPENAPI_DOCS_PATH || route.startsWith(`${OPENAPI_DOCS_PATH}/`)
  );
}

function bodyText(payload: unknown): string | 'stream' | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  if (payload instanceof Readable || typeof (payload as { pipe?: unknown }).pipe === 'function')
    return 'stream';
  return String(payload);
}
