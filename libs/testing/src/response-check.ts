import { checkResponsesAgainstOpenApi } from '@harvest/platform/http/testing';
import type { ServiceDefinition } from '@harvest/platform/runtime';

/**
 * The definition with every answer its server sends checked against the service's OpenAPI document
 * (@harvest/platform/http/testing); test kits start services through it, so every integration suite checks.
 */
export function withResponseCheck(definition: ServiceDefinition): ServiceDefinition {
  return { ...definition, configureServer: checkResponsesAgainstOpenApi(definition.configureServer) };
}
