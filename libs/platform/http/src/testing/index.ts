// The http library's test support, for specs and test kits (@harvest/platform/http/testing).
export {
  OpenApiResponseCheck,
  checkResponsesAgainstOpenApi,
  takeResponseMismatches,
  type SentResponse,
} from './openapi-response-check';
