{{- define "lattice.meta" -}}
namespace: {{ .namespace }}
labels:
  app.kubernetes.io/managed-by: helm
  app.kubernetes.io/name: {{ .name }}
  lattice.dev/service: {{ .name }}
{{- end -}}
{{- define "lattice.selector" -}}
matchLabels:
  lattice.dev/service: {{ .name }}
{{- end -}}
