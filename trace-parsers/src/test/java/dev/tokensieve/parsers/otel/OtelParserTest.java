package dev.tokensieve.parsers.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.ToolKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.common.Samples;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.logging.otlp.internal.logs.OtlpStdoutLogRecordExporter;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces written by the real OpenTelemetry Java SDK and its OTLP/JSON exporter, read back. */
final class OtelParserTest {
  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  @Test
  void sdkExportedGenAiSpans_areReadWithNormalisedTokens(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "my-agent"))))
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpStdoutSpanExporter.builder()
                        .setOutput(out)
                        .setWrapperJsonObject(true)
                        .build()))
            .build();
    Tracer tracer = provider.get("test");
    chat(tracer, "resp-1", 0, 1000, 200, 100, 50, 10);
    Span tool =
        tracer
            .spanBuilder("execute_tool bash")
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(T0.plusSeconds(2))
            .startSpan();
    tool.setAttribute("gen_ai.operation.name", "execute_tool");
    tool.setAttribute("gen_ai.conversation.id", "conv-1");
    tool.setAttribute("gen_ai.tool.name", "bash");
    tool.setAttribute("gen_ai.tool.call.id", "call-1");
    tool.setAttribute("gen_ai.tool.call.arguments", "{\"command\":\"pytest -q\"}");
    tool.setAttribute("gen_ai.tool.call.result", "1 failed\nExit code: 1");
    tool.setStatus(StatusCode.ERROR);
    tool.end(T0.plusSeconds(3));
    chat(tracer, "resp-2", 4, 3000, 500, 1000, 80, 0);
    chat(tracer, "resp-2", 4, 3000, 500, 1000, 80, 0); // the same response exported twice
    provider.forceFlush().join(5, TimeUnit.SECONDS);
    provider.shutdown().join(5, TimeUnit.SECONDS);
    Path file = Files.write(dir.resolve("traces.jsonl"), out.toByteArray());

    Samples.Parsed p = Samples.parse(new OtelParser(), file);
    Session s = p.only();

    assertThat(p.problems()).isEmpty();
    assertThat(TraceFormat.sniff("traces.jsonl", Samples.head(file))).hasValue(TraceFormat.OTEL);
    assertThat(s.id().value()).isEqualTo("conv-1");
    assertThat(s.requests())
        .extracting(Request::usage)
        .containsExactly(
            new Usage(1000 - 200 - 100, 100, 0, 200, 50, 10),
            new Usage(3000 - 500 - 1000, 1000, 0, 500, 80, 0));
    assertThat(s.requests()).extracting(Request::model).containsOnly("gpt-5-2026");
    Step.ToolCall call = s.stepsOf(Step.ToolCall.class).get(0);
    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.target()).isEqualTo("pytest -q");
    assertThat(call.request()).isZero();
    Step.ToolResult result = s.stepsOf(Step.ToolResult.class).get(0);
    assertThat(result.isError()).isTrue();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(s.attribute("service.name")).hasValue("my-agent");
  }

  private static void chat(
      Tracer tracer,
      String responseId,
      int second,
      long input,
      long cacheRead,
      long cacheWrite,
      long output,
      long reasoning) {
    Span span =
        tracer
            .spanBuilder("chat gpt-5")
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(T0.plusSeconds(second))
            .startSpan();
    span.setAttribute("gen_ai.operation.name", "chat");
    span.setAttribute("gen_ai.conversation.id", "conv-1");
    span.setAttribute("gen_ai.request.model", "gpt-5");
    span.setAttribute("gen_ai.response.model", "gpt-5-2026");
    span.setAttribute("gen_ai.response.id", responseId);
    span.setAttribute("gen_ai.usage.input_tokens", input);
    span.setAttribute("gen_ai.usage.cache_read.input_tokens", cacheRead);
    span.setAttribute("gen_ai.usage.cache_creation.input_tokens", cacheWrite);
    span.setAttribute("gen_ai.usage.output_tokens", output);
    span.setAttribute("gen_ai.usage.reasoning.output_tokens", reasoning);
    span.end(T0.plusSeconds(second + 1));
  }

  @Test
  void sdkExportedClaudeCodeEvents_keepUncachedInputAndReportedCost(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), "claude-code")))
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(
                    OtlpStdoutLogRecordExporter.builder()
                        .setOutput(out)
                        .setWrapperJsonObject(true)
                        .build()))
            .build();
    Logger logger = provider.get("com.anthropic.claude_code.events");
    logger
        .logRecordBuilder()
        .setTimestamp(T0)
        .setBody("claude_code.api_request")
        .setAllAttributes(
            Attributes.builder()
                .put("event.name", "api_request")
                .put("session.id", "cc-1")
                .put("model", "claude-sonnet-4-6")
                .put("input_tokens", 20000L)
                .put("output_tokens", 300L)
                .put("cache_read_tokens", 160000L)
                .put("cache_creation_tokens", 500L)
                .put("cost_usd", 0.25)
                .put("request_id", "req_1")
                .build())
        .emit();
    logger
        .logRecordBuilder()
        .setTimestamp(T0.plusSeconds(5))
        .setBody("claude_code.tool_result")
        .setAllAttributes(
            Attributes.builder()
                .put("event.name", "tool_result")
                .put("session.id", "cc-1")
                .put("tool_name", "Bash")
                .put("tool_use_id", "toolu_1")
                .put("success", "false")
                .put(
                    "tool_parameters",
                    "{\"bash_command\":\"go\",\"full_command\":\"go test ./...\"}")
                .put("tool_result_size_bytes", 4000L)
                .build())
        .emit();
    provider.forceFlush().join(5, TimeUnit.SECONDS);
    provider.shutdown().join(5, TimeUnit.SECONDS);
    Path file = Files.write(dir.resolve("logs.json"), out.toByteArray());

    Session s = Samples.parse(new OtelParser(), file).only();

    assertThat(s.id().value()).isEqualTo("cc-1");
    assertThat(s.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.usage()).isEqualTo(new Usage(20000, 500, 0, 160000, 300, 0));
              assertThat(r.reportedCostUsd()).isEqualTo(0.25);
              assertThat(r.callId()).isEqualTo("req_1");
            });
    assertThat(s.stepsOf(Step.ToolCall.class))
        .singleElement()
        .satisfies(c -> assertThat(c.target()).isEqualTo("go test ./..."));
    assertThat(s.stepsOf(Step.ToolResult.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.isError()).isTrue();
              assertThat(r.tokens()).isEqualTo(1000);
            });
  }
}
