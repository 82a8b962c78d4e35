/** OpenTelemetry GenAI spans and Claude Code OTel log events, as OTLP/JSON files. */
@NullMarked
package dev.tokensieve.parsers.otel;

import org.jspecify.annotations.NullMarked;
