{{/* Name of the chart, or nameOverride. */}}
{{- define "vivace.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "vivace.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "vivace.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vivace.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "vivace.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "vivace.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "vivace.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vivace.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The OSS endpoint: oss.endpoint, or the VPC-internal endpoint of oss.region. */}}
{{- define "vivace.ossEndpoint" -}}
{{- if .Values.oss.endpoint }}
{{- .Values.oss.endpoint }}
{{- else }}
{{- printf "s3.oss-%s-internal.aliyuncs.com" (required "oss.region is required" .Values.oss.region) }}
{{- end }}
{{- end }}

{{- define "vivace.walPath" -}}
{{- printf "%s/wal" (trimSuffix "/" .Values.persistence.mountPath) }}
{{- end }}

{{- define "vivace.terminationGracePeriodSeconds" -}}
{{- add (int .Values.gracefulShutdownTimeoutSeconds) (int .Values.terminationGraceExtraSeconds) }}
{{- end }}

{{/*
Fails the render on values that cannot work: missing bucket or role, static credentials, or
keys under `config` that the chart owns.
*/}}
{{- define "vivace.validate" -}}
{{- $_ := required "oss.bucket is required: the OSS bucket Vivace stores blocks in" .Values.oss.bucket }}
{{- $_ := required "rrsa.roleName is required: the RAM role the pods assume through RRSA" .Values.rrsa.roleName }}
{{- if lt (int .Values.gracefulShutdownTimeoutSeconds) 0 }}
{{- fail "gracefulShutdownTimeoutSeconds must be >= 0" }}
{{- end }}
{{- if lt (int .Values.terminationGraceExtraSeconds) 0 }}
{{- fail "terminationGraceExtraSeconds must be >= 0: the pod must get at least server.graceful_shutdown_timeout to stop" }}
{{- end }}
{{- $c := .Values.config | default dict }}
{{- range $key := list "access_key" "secret_key" "session_token" }}
{{- if ne (dig "storage" "trace" "s3" $key "" $c | toString) "" }}
{{- fail (printf "config.storage.trace.s3.%s: static keys are not supported by this chart; the pods get temporary credentials through RRSA (rrsa.roleName)" $key) }}
{{- end }}
{{- end }}
{{- range $key := list "bucket" "endpoint" "region" "prefix" }}
{{- if ne (dig "storage" "trace" "s3" $key "" $c | toString) "" }}
{{- fail (printf "config.storage.trace.s3.%s is set by the chart; use oss.%s" $key $key) }}
{{- end }}
{{- end }}
{{- if ne (dig "storage" "trace" "backend" "" $c | toString) "" }}
{{- fail "config.storage.trace.backend is set by the chart (s3, on OSS)" }}
{{- end }}
{{- if ne (dig "storage" "trace" "wal" "path" "" $c | toString) "" }}
{{- fail "config.storage.trace.wal.path is set by the chart; use persistence.mountPath" }}
{{- end }}
{{- if ne (dig "server" "http_listen_port" "" $c | toString) "" }}
{{- fail "config.server.http_listen_port is set by the chart; use ports.query" }}
{{- end }}
{{- if ne (dig "server" "graceful_shutdown_timeout" "" $c | toString) "" }}
{{- fail "config.server.graceful_shutdown_timeout is set by the chart; use gracefulShutdownTimeoutSeconds" }}
{{- end }}
{{- if ne (dig "distributor" "receivers" "" $c | toString) "" }}
{{- fail "config.distributor.receivers is set by the chart; use ports.otlpGrpc and ports.otlpHttp" }}
{{- end }}
{{- $static := list "AWS_ACCESS_KEY_ID" "AWS_SECRET_ACCESS_KEY" "AWS_SESSION_TOKEN" "ALIBABA_CLOUD_ACCESS_KEY_ID" "ALIBABA_CLOUD_ACCESS_KEY_SECRET" "ALIBABA_CLOUD_SECURITY_TOKEN" "VIVACE_STORAGE_TRACE_S3_ACCESS_KEY" "VIVACE_STORAGE_TRACE_S3_SECRET_KEY" "VIVACE_STORAGE_TRACE_S3_SESSION_TOKEN" }}
{{- range .Values.extraEnv }}
{{- if has .name $static }}
{{- fail (printf "extraEnv %s: static keys are not supported by this chart; the pods get temporary credentials through RRSA (rrsa.roleName)" .name) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Vivace's configuration file, in Tempo's layout. */}}
{{- define "vivace.config" -}}
{{- $s3 := dict "bucket" .Values.oss.bucket "endpoint" (include "vivace.ossEndpoint" .) "region" .Values.oss.region }}
{{- if .Values.oss.prefix }}
{{- $_ := set $s3 "prefix" .Values.oss.prefix }}
{{- end }}
{{- $otlp := dict "grpc" (dict "endpoint" (printf "0.0.0.0:%d" (int .Values.ports.otlpGrpc))) "http" (dict "endpoint" (printf "0.0.0.0:%d" (int .Values.ports.otlpHttp))) }}
{{- $generated := dict
  "target" "all"
  "server" (dict "http_listen_port" (int .Values.ports.query) "graceful_shutdown_timeout" (printf "%ds" (int .Values.gracefulShutdownTimeoutSeconds)))
  "distributor" (dict "receivers" (dict "otlp" (dict "protocols" $otlp)))
  "storage" (dict "trace" (dict "backend" "s3" "s3" $s3 "wal" (dict "path" (include "vivace.walPath" .))))
}}
{{- toYaml (mustMergeOverwrite $generated (deepCopy (.Values.config | default dict))) }}
{{- end }}
