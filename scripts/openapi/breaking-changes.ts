// Names what a new OpenAPI document breaks for clients of the released one (README "API contracts"):
// a removed route, a removed or newly required field, a narrowed type. Hand-written because the well-kept
// diff tool (oasdiff) is a Go binary, not published on npm; this covers the rules above in a few lines.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

type Schema = Record<string, unknown>;
export interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every change from `released` to `current` that can break a client written against `released`. */
export function breakingChanges(released: Document, current: Document): string[] {
  const found: string[] = [];
  for (const [path, operations] of Object.entries(released.paths ?? {}))
    for (const method of METHODS) {
      const before = operations[method];
      if (!before) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const after = current.paths?.[path]?.[method];
      if (!after) {
        found.push(`${where}: route removed`);
        continue;
      }
      for (const parameter of after.parameters ?? []) {
        const old = before.parameters?.find((p) => p.name === parameter.name && p.in === parameter.in);
        if (parameter.required && !old?.required)
          found.push(`${where}: ${parameter.in} parameter ${parameter.name} is now required`);
        if (old?.schema && parameter.schema)
          compareInput(
            `${where} ${parameter.in} ${parameter.name}`,
            resolver(released),
            old.schema,
            resolver(current),
            parameter.schema,
            found,
          );
      }
      const oldBody = jsonSchema(before.requestBody?.content);
      const newBody = jsonSchema(after.requestBody?.content);
      if (oldBody && newBody)
        compareInput(`${where} body`, resolver(released), oldBody, resolver(current), newBody, found);
      for (const [status, response] of Object.entries(before.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        const oldOut = jsonSchema(response.content);
        if (!oldOut) continue;
        const newOut = jsonSchema(after.responses?.[status]?.content);
        if (!newOut) found.push(`${where}: ${status} response body removed`);
        else
          compareOutput(`${where} ${status}`, resolver(released), oldOut, resolver(current), newOut, found);
      }
    }
  return found;
}

function jsonSchema(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

type Resolve = (schema: Schema) => Schema;

function resolver(document: Document): Resolve {
  return function resolve(schema) {
    let s = schema;
    for (let depth = 0; depth < 20; depth++) {
      if (typeof s.$ref === 'string') s = document.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
      else if (Array.isArray(s.allOf) && s.allOf.length === 1) s = s.allOf[0] as Schema;
      else break;
    }
    return s;
  };
}

const typesOf = (s: Schema): string[] =>
  Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : [];

/** A response a client reads: every field it could read is still there with no new type. */
function compareOutput(
  where: string,
  rOld: Resolve,
  oldRaw: Schema,
  rNew: Resolve,
  newRaw: Schema,
  found: string[],
  depth = 0,
): void {
  if (depth > 8) return;
  const [o, n] = [rOld(oldRaw), rNew(newRaw)];
  const oldTypes = typesOf(o);
  const added = typesOf(n).filter(
    (t) => !oldTypes.includes(t) && !(t === 'integer' && oldTypes.includes('number')),
  );
  if (oldTypes.length && added.length)
    found.push(`${where}: type ${oldTypes.join('|')} became ${typesOf(n).join('|')}`);
  if (Array.isArray(o.enum) && Array.isArray(n.enum)) {
    const newValues = (n.enum as unknown[]).filter((v) => !(o.enum as unknown[]).includes(v));
    if (newValues.length)
      found.push(`${where}: new enum values ${JSON.stringify(newValues)} a client does not expect`);
  }
  const oldProps = (o.properties ?? {}) as Record<string, Schema>;
  const newProps = (n.properties ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(oldProps)) {
    if (!newProps[name]) found.push(`${where}: field ${name} removed`);
    else compareOutput(`${where}.${name}`, rOld, schema, rNew, newProps[name]!, found, depth + 1);
  }
  if (o.items && n.items)
    compareOutput(`${where}[]`, rOld, o.items as Schema, rNew, n.items as Schema, found, depth + 1);
}

/** What a client sends: nothing it sent before may be refused now (new required field, narrower type or range). */
function compareInput(
  where: string,
  rOld: Resolve,
  oldRaw: Schema,
  rNew: Resolve,
  newRaw: Schema,
  found: string[],
  depth = 0,
): void {
  if (depth > 8) return;
  const [o, n] = [rOld(oldRaw), rNew(newRaw)];
  const newTypes = typesOf(n);
  const lost = typesOf(o).filter(
    (t) => !newTypes.includes(t) && !(t === 'integer' && newTypes.includes('number')),
  );
  if (newTypes.length && lost.length)
    found.push(`${where}: type ${typesOf(o).join('|')} narrowed to ${newTypes.join('|')}`);
  if (Array.isArray(n.enum)) {
    const dropped = Array.isArray(o.enum)
      ? (o.enum as unknown[]).filter((v) => !(n.enum as unknown[]).includes(v))
      : ['(any)'];
    if (dropped.length) found.push(`${where}: enum no longer accepts ${JSON.stringify(dropped)}`);
  }
  const tighter = (key: string, stricter: (a: number, b: number) => boolean) => {
    const [a, b] = [o[key] as number | undefined, n[key] as number | undefined];
    if (b !== undefined && (a === undefined || stricter(b, a)))
      found.push(`${where}: ${key} narrowed to ${b}`);
  };
  tighter('maxLength', (b, a) => b < a);
  tighter('maximum', (b, a) => b < a);
  tighter('maxItems', (b, a) => b < a);
  tighter('minLength', (b, a) => b > a);
  tighter('minimum', (b, a) => b > a);
  tighter('minItems', (b, a) => b > a);
  if (typeof n.pattern === 'string' && n.pattern !== o.pattern)
    found.push(`${where}: pattern changed to ${n.pattern}`);
  const oldRequired = (o.required ?? []) as string[];
  for (const name of (n.required ?? []) as string[])
    if (!oldRequired.includes(name)) found.push(`${where}: field ${name} is now required`);
  const oldProps = (o.properties ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries((n.properties ?? {}) as Record<string, Schema>))
    if (oldProps[name])
      compareInput(`${where}.${name}`, rOld, oldProps[name]!, rNew, schema, found, depth + 1);
  if (o.items && n.items)
    compareInput(`${where}[]`, rOld, o.items as Schema, rNew, n.items as Schema, found, depth + 1);
}

async function main(): Promise<void> {
  const dir = join(__dirname, '../../libs/contracts/openapi');
  const services = process.argv.slice(2);
  let broken = 0;
  for (const service of services) {
    const released = JSON.parse(
      await readFile(join(dir, 'released', `${service}.openapi.json`), 'utf8').catch(() => '{}'),
    ) as Document;
    const current = JSON.parse(await readFile(join(dir, `${service}.openapi.json`), 'utf8')) as Document;
    for (const change of breakingChanges(released, current)) {
      console.error(`${service}: ${change}`);
      broken++;
    }
  }
  if (broken > 0) {
    console.error(
      `${broken} breaking change(s) against the released API. Keep the old shape, or introduce a new version ` +
        '(README "API contracts": a new route under /v2 beside the old one, released with the next document).',
    );
    process.exit(1);
  }
  console.log(`No breaking change against the released documents (${services.join(', ')})`);
}

if (require.main === module)
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
