import { ChartRenderer, TemplateError, mergeValues, toYaml } from './chart-render';

const helpers = [
  {
    file: '_helpers.tpl',
    source: '{{/* labels */}}\n{{- define "labels" -}}\nname: {{ .name }}\n{{- end }}\n',
  },
];

describe('chart subset renderer', () => {
  const renderer = new ChartRenderer(helpers);
  const render = (source: string, values: unknown) => renderer.render('t.yaml', source, values);

  it('ranges over a list with $ reaching the root, and trims around {{- -}}', () => {
    const out = render('{{- range .Values.services }}\n- {{ .name }}:{{ $.Values.tag }}\n{{- end }}\n', {
      tag: 'v1',
      services: [{ name: 'a' }, { name: 'b' }],
    });
    expect(out).toBe('\n- a:v1\n- b:v1\n');
  });

  it('includes a helper with its argument as dot, piped through nindent', () => {
    const out = render('labels:\n  {{- include "labels" .Values | nindent 2 }}\n', { name: 'orders' });
    expect(
      render('{{ range .Values.s }}labels:{{- include "labels" . | nindent 2 }}{{ end }}', {
        s: [{ name: 'orders' }],
      }),
    ).toBe('labels:\n  name: orders');
    expect(out).toBe('labels:\n  name: orders\n');
  });

  it('if/else uses Go truthiness (empty list and map are false)', () => {
    const source = '{{ if .Values.x }}yes{{ else }}no{{ end }}';
    expect(render(source, { x: [] })).toBe('no');
    expect(render(source, { x: {} })).toBe('no');
    expect(render(source, {})).toBe('no');
    expect(render(source, { x: [1] })).toBe('yes');
  });

  it('toYaml sorts keys, quotes what YAML would misread, and quote() quotes', () => {
    expect(toYaml({ b: '1', a: { cpu: '250m', on: 'yes' } })).toBe(
      'a:\n  cpu: "250m"\n  "on": "yes"\nb: "1"',
    );
    expect(render('{{ .Values.v | quote }}', { v: 3 })).toBe('"3"');
  });

  it('refuses what it does not support instead of rendering something helm would not', () => {
    expect(() => render('{{ .Release.Name }}', {})).toThrow(TemplateError);
    expect(() => render('{{ with .Values }}x{{ end }}', {})).toThrow(/outside the supported subset/);
    expect(() => render('{{ .Values.x | upper }}', { x: 'a' })).toThrow(/not a supported function/);
    expect(() => render('{{ range .Values.x }}', { x: [] })).toThrow(/missing \{\{ end \}\}/);
  });

  it('merges values files like helm: maps deep, lists replaced', () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [9] })).toEqual({
      a: { b: 1, c: 3 },
      l: [9],
    });
  });
});
