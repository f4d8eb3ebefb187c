/**
 * The reflect-metadata keys @nestjs/swagger's decorators write (its `DECORATORS` constants, which the
 * package does not export): read here to merge with what a route or DTO already declares.
 */
export const SWAGGER_METADATA = {
  modelProperties: 'swagger/apiModelProperties',
  responses: 'swagger/apiResponse',
  operation: 'swagger/apiOperation',
} as const;
