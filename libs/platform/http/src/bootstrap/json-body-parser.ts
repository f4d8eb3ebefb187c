import type { FastifyInstance } from 'fastify';
import { ValidationFailedException } from '../problem/validation-failed.exception';
import { jsonShapeError } from '../validation/json-shape-guard';

/**
 * The one JSON body parser of every service, raw-body routes included (they parse the bytes they kept):
 * bodies nested deeper than `maxDepth`, or carrying a prototype key, are a 400 problem naming the field
 * before anything walks them; the rest goes to Fastify's own parser (prototype-poisoning checks, 400 on
 * bad syntax). Nest's parser stays off (bodyParser: false), so this one is not replaced at init.
 */
export function registerJsonBodyParser(server: FastifyInstance, maxDepth: number): void {
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString(); // parseAs 'string' hands a string; the type allows a Buffer too
    const shapeError = jsonShapeError(text, maxDepth);
    if (shapeError) {
      done(new ValidationFailedException([shapeError]), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
