package dev.tokensieve.scoring.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.report.SessionReport;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Streams a {@code tokensieve.report/v1} document one session at a time, so memory stays bounded by
 * one session however many are written. Not thread-safe.
 *
 * <p>Use: {@link ReportJson#open}, then {@link #writeSession} per session, then {@link #end}.
 * Closing without {@code end} leaves the document unterminated (and says so by throwing).
 */
public final class ReportWriter implements Closeable {
  private final JsonGenerator g;
  private final ReportJson.Options options;
  private final @Nullable OutputStream bytes;
  private final Totals totals = new Totals();
  private boolean ended;

  /**
   * A writer on {@code g}; {@code bytes}, if not null, is the UTF-8 stream under {@code g}'s text,
   * where rendered sessions are copied as bytes.
   */
  ReportWriter(JsonGenerator g, ReportJson.Options options, @Nullable OutputStream bytes) {
    this.g = g;
    this.options = options;
    this.bytes = bytes;
    try {
      g.writeStartObject();
      g.writeStringField("schema", ReportJson.SCHEMA);
      g.writeArrayFieldStart("sessions");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one session and adds it to the totals. */
  public ReportWriter writeSession(SessionReport report) {
    requireNonNull(report, "report");
    if (ended) {
      throw new IllegalStateException("the report has ended");
    }
    try {
      ReportJson.writeSession(JsonText.of(g), report, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    totals.add(report);
    return this;
  }

  /**
   * Writes a session {@link ReportJson#render rendered} with this writer's options, and adds it to
   * the totals: the same text {@link #writeSession(SessionReport)} writes, copied.
   */
  public ReportWriter writeSession(ReportJson.RenderedSession session) {
    requireNonNull(session, "session");
    if (ended) {
      throw new IllegalStateException("the report has ended");
    }
    // the identity test first: a record's equals is linked on its first call, which cost the CLI
    // 20 ms of its main thread, and the CLI renders with the writer's own options
    if (session.options() != options && !session.options().equals(options)) {
      throw new IllegalArgumentException(
          "session rendered with " + session.options() + ", the writer has " + options);
    }
    try {
      OutputStream out = bytes;
      if (out == null) {
        g.writeRawValue(new String(session.json(), StandardCharsets.UTF_8));
      } else {
        // the separator and indentation before the value, then the value: a raw value in two parts
        g.writeRawValue("");
        g.flush();
        out.write(session.json());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    totals.add(session.report());
    return this;
  }

  /** The totals of the sessions written so far. */
  public Totals totals() {
    return totals;
  }

  /** Ends the document with the accumulated totals and {@code problems}. */
  public void end(List<ParseProblem> problems) {
    end(totals, problems);
  }

  /** Ends the document with the given totals (e.g. from a parallel run) and {@code problems}. */
  public void end(Totals sums, List<ParseProblem> problems) {
    if (ended) {
      throw new IllegalStateException("the report has ended");
    }
    ended = true;
    try {
      g.writeEndArray();
      ReportJson.writeTotals(JsonText.of(g), sums);
      g.writeArrayFieldStart("problems");
      for (ParseProblem p : problems) {
        g.writeStartObject();
        g.writeStringField("file", p.file());
        g.writeNumberField("line", p.line());
        g.writeStringField("message", p.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      if (bytes != null) {
        bytes.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!ended) {
      throw new IllegalStateException("report closed before end(): the document is incomplete");
    }
  }
}
