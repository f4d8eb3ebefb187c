{{/* Labels of one service; called with the service entry of .Values.services as its argument. */}}
{{- define "harvest.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: harvest
{{- end }}

{{/* The subset of labels a selector uses: it must never change after the first install. */}}
{{- define "harvest.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
{{- end }}
