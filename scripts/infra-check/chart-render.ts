/**
 * A deliberately small renderer for the subset of Go templating that charts/harvest uses, so the chart's
 * structure can be checked on machines without helm. It is NOT helm: no Sprig beyond the functions below,
 * no .Release/.Chart/.Capabilities, no `with`, no variables other than `$`, no `else if`, no whitespace
 * rules beyond `{{-` / `-}}`. Anything outside the subset is an error, never silently ignored.
 *
 * Supported:
 *   {{ .a.b }}  {{ $.a.b }}  {{ . }}  {{ "literal" }}  {{ 12 }}           values
 *   {{ x | f a | g }}                                                    pipelines (piped value is the last argument)
 *   toYaml X, nindent N X, indent N X, quote X, include "name" X         functions
 *   {{ range X }}...{{ end }}  {{ if X }}...{{ else }}...{{ end }}        control (Go truthiness)
 *   {{ define "name" }}...{{ end }}  {{/* comment *\/}}                   helpers in _*.tpl, comments
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; expr: string; at: string }
  | { kind: 'range'; expr: string; body: Node[]; at: string }
  | { kind: 'if'; expr: string; then: Node[]; otherwise: Node[]; at: string }
  | { kind: 'define'; name: string; body: Node[] };

interface Token {
  text?: string;
  action?: string;
  trimLeft?: boolean;
  trimRight?: boolean;
  at: string;
}

export class TemplateError extends Error {}

function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;
  let last = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const line = source.slice(0, match.index).split('\n').length;
    tokens.push({ text: source.slice(last, match.index), at: `${file}:${line}` });
    tokens.push({
      action: match[2].trim(),
      trimLeft: Boolean(match[1]),
      trimRight: Boolean(match[3]),
      at: `${file}:${line}`,
    });
    last = pattern.lastIndex;
  }
  tokens.push({ text: source.slice(last), at: file });
  tokens.forEach((token, i) => {
    if (token.action === undefined) return;
    if (token.trimLeft && tokens[i - 1]?.text !== undefined)
      tokens[i - 1].text = tokens[i - 1].text!.replace(/\s+$/, '');
    if (token.trimRight && tokens[i + 1]?.text !== undefined)
      tokens[i + 1].text = tokens[i + 1].text!.replace(/^\s+/, '');
  });
  return tokens;
}

function parse(tokens: Token[]): Node[] {
  let i = 0;
  const block = (closers: string[]): { nodes: Node[]; closer: string } => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const token = tokens[i++];
      if (token.text !== undefined) {
        if (token.text) nodes.push({ kind: 'text', text: token.text });
        continue;
      }
      const action = token.action!;
      if (action.startsWith('/*')) {
        if (!action.endsWith('*/')) throw new TemplateError(`${token.at}: unterminated comment`);
        continue;
      }
      const [keyword, ...rest] = action.split(/\s+/);
      const argument = rest.join(' ');
      if (closers.includes(keyword)) return { nodes, closer: keyword };
      if (keyword === 'range') {
        nodes.push({ kind: 'range', expr: argument, body: block(['end']).nodes, at: token.at });
      } else if (keyword === 'if') {
        const then = block(['else', 'end']);
        if (then.closer === 'else' && argument.startsWith('if '))
          throw new TemplateError(`${token.at}: else if is not supported`);
        const otherwise = then.closer === 'else' ? block(['end']).nodes : [];
        nodes.push({ kind: 'if', expr: argument, then: then.nodes, otherwise, at: token.at });
      } else if (keyword === 'define') {
        nodes.push({ kind: 'define', name: JSON.parse(argument), body: block(['end']).nodes });
      } else if (
        ['end', 'else', 'with', 'template', 'block'].includes(keyword) ||
        (keyword.startsWith('$') && action.includes(':='))
      ) {
        throw new TemplateError(`${token.at}: "${action}" is outside the supported subset`);
      } else {
        nodes.push({ kind: 'expr', expr: action, at: token.at });
      }
    }
    if (closers.length > 0)
      throw new TemplateError(`missing {{ end }} (expected one of ${closers.join(', ')})`);
    return { nodes, closer: '' };
  };
  return block([]).nodes;
}

/** Splits on whitespace and on `|`, keeping double-quoted strings whole. */
function words(expr: string): string[] {
  return expr.match(/"(?:[^"\\]|\\.)*"|\||[^\s|]+/g) ?? [];
}

const FUNCTIONS = new Set(['toYaml', 'nindent', 'indent', 'quote', 'include']);

function isPlainScalar(text: string): boolean {
  return /^[A-Za-z/][A-Za-z0-9_./:-]*$/.test(text) && !/^(true|false|yes|no|on|off|null|y|n|~)$/i.test(text);
}

export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        const inner = toYaml(item, indent + '  ');
        return typeof item === 'object' && item !== null
          ? `${indent}- ${inner.trimStart()}`
          : `${indent}- ${inner}`;
      })
      .join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return '{}';
    return keys
      .map((key) => {
        const item = (value as Record<string, unknown>)[key];
        const name = isPlainScalar(key) ? key : JSON.stringify(key);
        if (typeof item === 'object' && item !== null && Object.keys(item).length > 0) {
          return `${indent}${name}:\n${toYaml(item, indent + '  ')}`;
        }
        return `${indent}${name}: ${toYaml(item, indent + '  ')}`;
      })
      .join('\n');
  }
  if (typeof value === 'string') return isPlainScalar(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  throw new TemplateError(`toYaml cannot render ${typeof value}`);
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

export class ChartRenderer {
  private readonly helpers = new Map<string, Node[]>();

  constructor(helperSources: Array<{ file: string; source: string }>) {
    for (const { file, source } of helperSources) {
      for (const node of parse(tokenize(source, file))) {
        if (node.kind === 'define') this.helpers.set(node.name, node.body);
        else if (node.kind !== 'text' || node.text.trim())
          throw new TemplateError(`${file}: only define blocks belong in a helper file`);
      }
    }
  }

  render(file: string, source: string, values: unknown): string {
    const root = { Values: values };
    return this.run(parse(tokenize(source, file)), root, root);
  }

  private run(nodes: Node[], dot: unknown, root: unknown): string {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else if (node.kind === 'expr') {
        const value = this.pipeline(node.expr, dot, root, node.at);
        if (value === undefined || value === null)
          throw new TemplateError(`${node.at}: {{ ${node.expr} }} has no value`);
        out += typeof value === 'object' ? toYaml(value) : String(value);
      } else if (node.kind === 'range') {
        const items = this.pipeline(node.expr, dot, root, node.at) ?? [];
        if (!Array.isArray(items))
          throw new TemplateError(`${node.at}: range over a non-list (${node.expr})`);
        for (const item of items) out += this.run(node.body, item, root);
      } else if (node.kind === 'if') {
        out += this.run(
          truthy(this.pipeline(node.expr, dot, root, node.at)) ? node.then : node.otherwise,
          dot,
          root,
        );
      } else {
        throw new TemplateError(`define "${node.name}" belongs in a _*.tpl helper file`);
      }
    }
    return out;
  }

  private pipeline(expr: string, dot: unknown, root: unknown, at: string): unknown {
    const commands: string[][] = [[]];
    for (const word of words(expr)) {
      if (word === '|') commands.push([]);
      else commands[commands.length - 1].push(word);
    }
    let value: unknown;
    commands.forEach((command, index) => {
      const [head, ...args] = command;
      if (head === undefined) throw new TemplateError(`${at}: empty command in "${expr}"`);
      if (FUNCTIONS.has(head)) {
        const argValues = args.map((arg) => this.operand(arg, dot, root, at));
        if (index > 0) argValues.push(value);
        value = this.call(head, argValues, at);
      } else {
        if (index > 0 || args.length > 0)
          throw new TemplateError(`${at}: "${head}" is not a supported function`);
        value = this.operand(head, dot, root, at);
      }
    });
    return value;
  }

  private operand(word: string, dot: unknown, root: unknown, at: string): unknown {
    if (word.startsWith('"')) return JSON.parse(word);
    if (/^-?\d+$/.test(word)) return Number(word);
    let base: unknown;
    let path: string;
    if (word === '.') return dot;
    if (word === '$') return root;
    if (word.startsWith('$.')) [base, path] = [root, word.slice(2)];
    else if (word.startsWith('.')) [base, path] = [dot, word.slice(1)];
    else throw new TemplateError(`${at}: "${word}" is not a supported operand`);
    return path.split('.').reduce<unknown>((current, key) => {
      if (current === undefined || current === null) return undefined;
      if (typeof current !== 'object')
        throw new TemplateError(`${at}: ${word}: cannot read ${key} of a scalar`);
      return (current as Record<string, unknown>)[key];
    }, base);
  }

  private call(name: string, args: unknown[], at: string): unknown {
    const arity: Record<string, number> = { toYaml: 1, nindent: 2, indent: 2, quote: 1, include: 2 };
    if (args.length !== arity[name])
      throw new TemplateError(`${at}: ${name} takes ${arity[name]} arguments, got ${args.length}`);
    const pad = (n: unknown, text: unknown) => {
      if (typeof n !== 'number') throw new TemplateError(`${at}: ${name} needs a number first`);
      return String(text)
        .split('\n')
        .map((line) => ' '.repeat(n) + line)
        .join('\n');
    };
    switch (name) {
      case 'toYaml':
        return toYaml(args[0]);
      case 'nindent':
        return '\n' + pad(args[0], args[1]);
      case 'indent':
        return pad(args[0], args[1]);
      case 'quote':
        return JSON.stringify(String(args[0] ?? ''));
      default: {
        const body = this.helpers.get(String(args[0]));
        if (!body) throw new TemplateError(`${at}: include of unknown template "${String(args[0])}"`);
        return this.run(body, args[1], args[1]);
      }
    }
  }
}

/** Helm's values merge: maps merge key by key, everything else (lists included) is replaced. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return override;
  if (typeof override !== 'object' || override === null || Array.isArray(override)) return override;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override))
    merged[key] = key in merged ? mergeValues(merged[key], value) : value;
  return merged;
}
