package dev.tokensieve.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.parsers.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes a corpus directory: trace files, ground truth, team mapping and manifest. */
final class CorpusWriter implements AutoCloseable {
  static final String TRUTH_SCHEMA = "tokensieve.ground-truth/v1";
  static final String REQUEST_INDEX =
      "0-based over the session's de-duplicated requests ordered by the time of each request's"
          + " first line; main agent, sub-agents and compaction agent interleaved; replayed"
          + " requests of a resumed session belong to the session that first made them";

  private final Path dir;
  private final long seed;
  private final Instant start;
  private final CorpusSpec spec;
  private final Counter counter = new Counter();
  private final OutputStream truthOut;
  private final JsonGenerator truth;
  private final ClaudeCodeWriter claude;
  private final CodexWriter codex;
  private final Timestamps ts = new Timestamps();

  /** Opens trace files under the corpus directory and counts their bytes. */
  static final class Counter {
    private long bytes;

    OutputStream open(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      OutputStream raw = Files.newOutputStream(file);
      return new BufferedOutputStream(raw, 1 << 16) {
        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
          bytes += len;
          super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) throws IOException {
          bytes++;
          super.write(b);
        }
      };
    }

    long bytes() {
      return bytes;
    }
  }

  CorpusWriter(Path dir, long seed, Instant start, CorpusSpec spec) throws IOException {
    this.dir = dir;
    this.seed = seed;
    this.start = start;
    this.spec = spec;
    Files.createDirectories(dir);
    ClaudeCodeWriter.Files files = ClaudeCodeWriter.under(dir, counter);
    this.claude = new ClaudeCodeWriter(files);
    this.codex = new CodexWriter(files);
    this.truthOut =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve("ground-truth.jsonl")), 1 << 16);
    this.truth = Json.FACTORY.createGenerator(truthOut);
    truth.setRootValueSeparator(null);
  }

  long traceBytes() {
    return counter.bytes();
  }

  GroundTruth write(Script s) throws IOException {
    if (s.format == CorpusFormat.CODEX) {
      codex.write(s);
    } else {
      claude.write(s);
    }
    GroundTruth t = Canonical.truth(s);
    truth(truth, t, ts);
    return t;
  }

  static void truth(JsonGenerator g, GroundTruth t, Timestamps ts) throws IOException {
    g.writeStartObject();
    g.writeStringField("schema", TRUTH_SCHEMA);
    g.writeStringField("sessionId", t.sessionId());
    g.writeStringField("format", t.format());
    g.writeStringField("scenario", t.scenario());
    g.writeStringField("outcome", t.outcome().name());
    g.writeStringField("user", t.user());
    g.writeStringField("team", t.team());
    g.writeStringField("repo", t.repo());
    g.writeStringField("project", t.project());
    g.writeStringField("branch", t.branch());
    g.writeStringField("startedAt", ts.format(t.startedAt()));
    g.writeStringField("endedAt", ts.format(t.endedAt()));
    g.writeNumberField("requests", t.requests());
    g.writeNumberField("subAgentRequests", t.subAgentRequests());
    Usage u = t.tokens();
    g.writeObjectFieldStart("tokens");
    g.writeNumberField("input", u.input());
    g.writeNumberField("cacheWrite5m", u.cacheWrite5m());
    g.writeNumberField("cacheWrite1h", u.cacheWrite1h());
    g.writeNumberField("cacheRead", u.cacheRead());
    g.writeNumberField("output", u.output());
    g.writeNumberField("reasoning", u.reasoning());
    g.writeNumberField("total", u.total());
    g.writeEndObject();
    g.writeArrayFieldStart("wastes");
    for (GroundTruth.Waste w : t.wastes()) {
      g.writeStartObject();
      g.writeStringField("kind", w.kind().name());
      g.writeArrayFieldStart("requests");
      for (int i : w.requests()) {
        g.writeNumber(i);
      }
      g.writeEndArray();
      g.writeStringField("note", w.note());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("files");
    for (String f : t.files()) {
      g.writeString(f);
    }
    g.writeEndArray();
    if (t.resumes() == null) {
      g.writeNullField("resumes");
    } else {
      g.writeStringField("resumes", t.resumes());
    }
    g.writeEndObject();
    g.writeRaw('\n');
  }

  void finish(int sessions, long requests) throws IOException {
    truth.flush();
    try (JsonGenerator g =
        Json.FACTORY.createGenerator(Files.newOutputStream(dir.resolve("teams.json")))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", "tokensieve.teams/v1");
      g.writeStringField("org", Roster.ORG);
      g.writeArrayFieldStart("teams");
      for (Roster.Team team : Roster.TEAMS) {
        g.writeStartObject();
        g.writeStringField("name", team.name());
        g.writeArrayFieldStart("users");
        for (String u : team.users()) {
          g.writeString(u);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("repos");
        for (Roster.Repo r : team.repos()) {
          g.writeStartObject();
          g.writeStringField("name", r.name());
          g.writeStringField("url", "https://github.com/" + Roster.ORG + "/" + r.name());
          g.writeStringField("language", r.toolchain().language);
          g.writeStringField("cwdPattern", "/home/<user>/src/" + r.name());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    StringBuilder csv = new StringBuilder("user,team\n");
    for (Roster.Team team : Roster.TEAMS) {
      for (String u : team.users()) {
        csv.append(u).append(',').append(team.name()).append('\n');
      }
    }
    Files.writeString(dir.resolve("teams.csv"), csv);
    try (JsonGenerator g =
        Json.FACTORY.createGenerator(Files.newOutputStream(dir.resolve("corpus.json")))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", "tokensieve.corpus/v1");
      g.writeNumberField("seed", seed);
      g.writeStringField("start", ts.format(start));
      g.writeArrayFieldStart("formats");
      for (CorpusFormat f : spec.formatList()) {
        g.writeString(f.id());
      }
      g.writeEndArray();
      g.writeNumberField("sessions", sessions);
      g.writeNumberField("requests", requests);
      g.writeNumberField("traceBytes", counter.bytes());
      g.writeStringField("groundTruth", "ground-truth.jsonl");
      g.writeStringField("groundTruthSchema", TRUTH_SCHEMA);
      g.writeStringField("requestIndex", REQUEST_INDEX);
      g.writeStringField("teams", "teams.json");
      g.writeEndObject();
    }
  }

  @Override
  public void close() throws IOException {
    truth.close();
    truthOut.close();
  }
}
