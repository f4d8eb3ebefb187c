import type { INestApplication } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
    return sortedDocument(withJsonSchemaNulls(document));
  } finally {
    restore();
  }
}

/** The swagger-ui files /docs needs, from the swagger-ui-dist package: the machines reach no CDN. */
const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'docs-init.js': 'application/javascript; charset=utf-8',
};

/**
 * Serves the document at GET /openapi.json and a browsable swagger-ui at /docs, both public. Hand-written
 * rather than SwaggerModule.setup: on Fastify that registers @fastify/static, whose ES-module-only
 * dependencies Jest cannot load, and three fixed files need no static-file server. Call after `app.init()`
 * and before the server is ready.
 */
export function serveOpenApiDocument(server: FastifyInstance, document: OpenAPIObject): void {
  documents.set(server, document);
  const json = JSON.stringify(document);
  server.get(OPENAPI_JSON_PATH, (_request, reply) => {
    void reply.type('application/json; charset=utf-8').send(json);
  });
  const page = docsPage(document.info.title);
  server.get(OPENAPI_DOCS_PATH, (_request, reply) => {
    void reply.type('text/html; charset=utf-8').send(page);
  });
  const assets = new Map<string, Promise<string>>();
  server.get(`${OPENAPI_DOCS_PATH}/:file`, (request, reply) => {
    const { file } = request.params as { file: string };
    const type = SWAGGER_UI_FILES[file];
    if (!type) return void reply.callNotFound();
    if (!assets.has(file))
      assets.set(
        file,
        file === 'docs-init.js' ? Promise.resolve(DOCS_INIT) : readFile(join(swaggerUiDist, file), 'utf8'),
      );
    void assets
      .get(file)!
      .then((text) => reply.type(type).header('cache-control', 'max-age=3600').send(text));
  });
}

const swaggerUiDist = dirname(require.resolve('swagger-ui-dist/package.json'));

/** Kept out of the page so a Content-Security-Policy without inline scripts still shows the UI. */
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '${OPENAPI_JSON_PATH}', dom_id: '#swagger-ui', deepLinking: true });\n`;

function docsPage(title: string): string {
  const escaped = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escaped}</title>
<link rel="stylesheet" href="${OPENAPI_DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${OPENAPI_DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${OPENAPI_DOCS_PATH}/docs-init.js"></script>
</body>
</html>
`;
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

/**
 * @nestjs/swagger still writes OpenAPI 3.0's `nullable: true`; 3.1 is JSON Schema 2020-12, where null is a
 * type of its own. Rewritten here once for every schema, so DTOs keep saying `nullable: true`.
 */
function withJsonSchemaNulls<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withJsonSchemaNulls) as T;
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withJsonSchemaNulls(value)]),
  ) as Record<string, unknown>;
  if (nullable !== true) return (nullable === undefined ? rest : { ...rest, nullable }) as T;
  if (typeof rest.type === 'string' && !rest.allOf && !rest.$ref) {
    const withNull: Record<string, unknown> = { ...rest, type: [rest.type, 'null'] };
    if (Array.isArray(rest.enum)) withNull.enum = [...(rest.enum as unknown[]), null];
    return withNull as T;
  }
  const { description, allOf, $ref, type: _objectType, ...others } = rest;
  const schema = $ref ? { $ref } : { allOf };
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [{ ...schema, ...others }, { type: 'null' }],
  } as T;
}
