import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { OPENID_SCHEME, describeRoutes } from './describe-routes';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './problem-schema';
import { describeValidatedDtos } from './validated-dto-schemas';

export interface OpenApiSettings {
  /** The service's name: the document's title (`<name> API`). */
  serviceName: string;
  /** The OpenID Connect issuer whose tokens the service accepts; its discovery document is the security scheme. */
  issuerUrl: string;
  /** Where `npm start` serves it (http://127.0.0.1:<port>). */
  serverUrl: string;
}

export const OPENAPI_JSON_PATH = '/openapi.json';
export const OPENAPI_DOCS_PATH = '/docs';

/** The issuer `npm start` runs (the embedded OpenID Connect issuer) when AUTH_ISSUER_URL is not set. */
export const DEFAULT_ISSUER_URL = 'http://127.0.0.1:3010';

/** The issuer named by AUTH_ISSUER_URL (validated with the auth settings, issue 18), else npm start's. */
export function issuerUrlOf(env: Record<string, string | undefined>): string {
  return env.AUTH_ISSUER_URL || DEFAULT_ISSUER_URL;
}

const documents = new WeakMap<FastifyInstance, OpenAPIObject>();

/**
 * The service's OpenAPI 3.1 document, built by @nestjs/swagger from its controllers and DTOs, with what the
 * platform knows added (validated DTO constraints, roles, problem answers). The same function writes the
 * committed documents (`npm run openapi`), so what a service serves is what is committed.
 */
export function buildOpenApiDocument(app: INestApplication, settings: OpenApiSettings): OpenAPIObject {
  describeValidatedDtos();
  const restore = describeRoutes(app);
  try {
    const config = new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(`${settings.serviceName} API`)
      .setVersion('1')
      .addServer(settings.serverUrl, 'npm start on this machine')
      .setDescription(
        `Harvest ${settings.serviceName}. Errors are RFC 9457 problem+json; a route's roles are its security ` +
          'requirement. Generated from the code (libs/platform/http/src/openapi).',
      )
      .addSecurity(OPENID_SCHEME, {
        type: 'openIdConnect',
        openIdConnectUrl: `${settings.issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`,
        description: 'Bearer token of the Harvest issuer; each route names the roles it accepts.',
      })
      .build();
    const document = SwaggerModule.createDocument(app, config, {
      operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
    });
    document.components = {
      ...document.components,
      schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA as object },
    };
    return sortedDocument(document);
  } finally {
    restore();
  }
}

/**
 * Serves the document at GET /openapi.json and a browsable swagger-ui at /docs, both public, from the files
 * of the swagger-ui-dist package (no CDN: the machines may reach nothing but loopback). Call after
 * `app.init()` and before the server is ready.
 */
export function serveOpenApiDocument(app: INestApplication, server: FastifyInstance, document: OpenAPIObject): void {
  documents.set(server, document);
  SwaggerModule.setup(OPENAPI_DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: document.info.title,
  });
}

/** The document a server serves (the http test support validates responses against it). */
export function openApiDocumentOf(server: FastifyInstance): OpenAPIObject | undefined {
  return documents.get(server);
}

/** Paths and component schemas in name order, so a regenerated document diffs only where the API changed. */
function sortedDocument(document: OpenAPIObject): OpenAPIObject {
  const byKey = <T>(record: Record<string, T> | undefined) =>
    record && Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...document,
    paths: byKey(document.paths)!,
    components: { ...document.components, schemas: byKey(document.components?.schemas) },
  };
}
