package dev.tokensieve.web;

import static dev.tokensieve.web.TestServer.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.testing.ClaudeLines;
import dev.tokensieve.parsers.TraceFormat;
import dev.tokensieve.parsers.TraceInput;
import dev.tokensieve.web.store.UploadLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API against a real server on a free port with a real Lucene store. */
final class WebApiTest {
  static final String A = "491e126e-1e71-469c-ade2-fcc8af567c74";
  static final String B = "e59f0f58-7444-45a2-81a4-d280e6fb0430";
  static final String C = "768de5d6-9fad-475b-8a4f-dfa7ddc01bb0";

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] sample(String id) {
    return resource("samples/claude-code/" + id + ".jsonl");
  }

  static String file(String id) {
    return id + ".jsonl";
  }

  /** What the analyzer says of a sample, read the way the CLI reads it. */
  SessionReport expected(String id) throws IOException {
    Path f = Files.write(dir.resolve(file(id)), sample(id));
    String head = new String(sample(id), StandardCharsets.UTF_8);
    TraceFormat format = TraceFormat.sniff(f.getFileName().toString(), head).orElseThrow();
    List<Session> sessions;
    try (Stream<Session> s = format.newParser().parse(TraceInput.of(f), p -> {})) {
      sessions = s.toList();
    }
    assertThat(sessions).hasSize(1);
    return server.analyzer.analyze(sessions.get(0));
  }

  static BigDecimal usd(double v) {
    return BigDecimal.valueOf(Math.round(v * 1_000_000d), 6);
  }

  static BigDecimal dec(JsonNode n) {
    return n.decimalValue().setScale(6);
  }

  @Test
  void health_answersOk() {
    TestServer.Answer a = server.get("/api/v1/health");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void upload_sample_storesWhatTheAnalyzerSays() throws IOException {
    TestServer.Answer up = server.upload(file(A), sample(A), "platform", "ann");
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    assertThat(up.json().get("stored").asInt()).isEqualTo(1);
    assertThat(up.json().get("sessions").get(0).get("id").asText()).isEqualTo(A);

    SessionReport want = expected(A);
    JsonNode got = server.get("/api/v1/sessions/" + A).json();
    assertThat(got.get("id").asText()).isEqualTo(A);
    assertThat(got.get("team").asText()).isEqualTo("platform");
    assertThat(got.get("user").asText()).isEqualTo("ann");
    assertThat(got.get("requests").asInt()).isEqualTo(want.requests());
    assertThat(dec(got.get("costUsd"))).isEqualTo(usd(want.costUsd()));
    assertThat(got.get("tokens").get("input").asLong()).isEqualTo(want.tokens().input());
    assertThat(got.get("tokens").get("cacheRead").asLong()).isEqualTo(want.tokens().cacheRead());
    assertThat(got.get("tokens").get("cacheWrite").asLong()).isEqualTo(want.tokens().cacheWrite());
    assertThat(got.get("tokens").get("output").asLong()).isEqualTo(want.tokens().output());
    assertThat(got.get("findings")).hasSize(want.findings().size());
    assertThat(got.get("requestLines")).hasSize(want.requests());
    assertThat(got.get("sources").get(0).asText()).isEqualTo(file(A));
    assertThat(want.requests()).isGreaterThan(1);
  }

  @Test
  void show_unknownSession_is404WithJsonError() {
    TestServer.Answer a = server.get("/api/v1/sessions/nope");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().get("error").asText()).isEqualTo("no session with id nope");
  }

  @Test
  void upload_sameFileAgain_createsNothingNew() throws IOException {
    assertThat(server.upload(file(A), sample(A)).status()).isEqualTo(201);
    int docs = server.store.documentCount();
    int feed = server.get("/api/v1/feed?limit=500").json().get("items").size();
    long rawFiles = count(dir.resolve("data/raw"));

    TestServer.Answer again = server.upload(file(A), sample(A));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("stored").asInt()).isZero();
    assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);
    assertThat(again.json().get("sessions").get(0).get("id").asText()).isEqualTo(A);
    assertThat(server.store.documentCount()).isEqualTo(docs);
    assertThat(server.store.sessionCount()).isEqualTo(1);
    assertThat(server.get("/api/v1/feed?limit=500").json().get("items")).hasSize(feed);
    assertThat(count(dir.resolve("data/raw"))).isEqualTo(rawFiles);
  }

  private static long count(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void compare_byTeam_eachGroupSumsItsSessions() {
    assertThat(server.upload(file(A), sample(A), "alpha", "ann").status()).isEqualTo(201);
    assertThat(server.upload(file(B), sample(B), "alpha", "bob").status()).isEqualTo(201);
    assertThat(server.upload(file(C), sample(C), "beta", "cat").status()).isEqualTo(201);

    JsonNode groups = server.get("/api/v1/compare?by=team").json().get("groups");
    assertThat(groups).hasSize(2);
    Map<String, Integer> sizes = new HashMap<>();
    for (JsonNode g : groups) {
      String team = g.get("key").asText();
      JsonNode sessions = server.get("/api/v1/sessions?team=" + team).json().get("sessions");
      sizes.put(team, sessions.size());
      BigDecimal cost = BigDecimal.ZERO.setScale(6);
      BigDecimal wasteful = BigDecimal.ZERO.setScale(6);
      long tokens = 0;
      long requests = 0;
      for (JsonNode s : sessions) {
        cost = cost.add(dec(s.get("costUsd")));
        wasteful = wasteful.add(dec(s.get("spend").get("wasteful").get("costUsd")));
        JsonNode t = s.get("tokens");
        tokens +=
            t.get("input").asLong()
                + t.get("cacheWrite").asLong()
                + t.get("cacheRead").asLong()
                + t.get("output").asLong();
        requests += s.get("requests").asLong();
      }
      assertThat(g.get("sessions").asInt()).as(team).isEqualTo(sessions.size());
      assertThat(dec(g.get("costUsd"))).as(team).isEqualTo(cost);
      assertThat(dec(g.get("spend").get("wasteful").get("costUsd"))).as(team).isEqualTo(wasteful);
      assertThat(g.get("tokens").asLong()).as(team).isEqualTo(tokens);
      assertThat(g.get("requests").asLong()).as(team).isEqualTo(requests);
    }
    assertThat(sizes).isEqualTo(Map.of("alpha", 2, "beta", 1));
    assertThat(server.get("/api/v1/compare?by=user").json().get("groups")).hasSize(3);
  }

  @Test
  void compare_byModel_splitsEachSessionByTheModelOfEachRequest() {
    String sid = "aaaaaaaa-0000-0000-0000-000000000001";
    String sonnet = "claude-sonnet-4-5-20250929";
    String opus = "claude-opus-4-5-20251101";
    String trace =
        String.join(
            "\n",
            ClaudeLines.request(sid, "m1", "2026-01-01T00:00:00Z", sonnet, 0),
            ClaudeLines.request(sid, "m2", "2026-01-01T00:00:10Z", sonnet, 1000),
            ClaudeLines.request(sid, "m3", "2026-01-01T00:00:20Z", opus, 0));
    assertThat(server.upload(sid + ".jsonl", trace.getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(201);
    JsonNode session = server.get("/api/v1/sessions/" + sid).json();
    Map<String, JsonNode> byModel = new HashMap<>();
    for (JsonNode m : session.get("models")) {
      byModel.put(m.get("model").asText(), m);
    }
    // by hand: sonnet 2 requests of 10 x $3 + 1,000 x $3.75 + 200 x $15 per million, the second
    // also reading 1,000 at $0.30 ($0.006780 + $0.007080); opus 1 request at $5 / $6.25 / $25
    assertThat(dec(byModel.get(sonnet).get("costUsd"))).isEqualTo(new BigDecimal("0.013860"));
    assertThat(dec(byModel.get(opus).get("costUsd"))).isEqualTo(new BigDecimal("0.011300"));
    assertThat(byModel.get(sonnet).get("tokens").asLong()).isEqualTo(2 * 1_210 + 1_000);

    JsonNode groups = server.get("/api/v1/compare?by=model").json().get("groups");

    assertThat(groups).hasSize(2);
    BigDecimal total = BigDecimal.ZERO.setScale(6);
    for (JsonNode g : groups) {
      JsonNode m = byModel.get(g.get("key").asText());
      assertThat(m).as(g.toString()).isNotNull();
      assertThat(g.get("sessions").asInt()).isEqualTo(1);
      assertThat(g.get("requests").asInt()).isEqualTo(m.get("requests").asInt());
      assertThat(dec(g.get("costUsd"))).isEqualTo(dec(m.get("costUsd")));
      assertThat(g.get("tokens").asLong()).isEqualTo(m.get("tokens").asLong());
      BigDecimal labelled = BigDecimal.ZERO.setScale(6);
      for (String label : List.of("productive", "inefficient", "wasteful")) {
        labelled = labelled.add(dec(g.get("spend").get(label).get("costUsd")));
      }
      assertThat(labelled).isEqualTo(dec(g.get("costUsd")));
      total = total.add(dec(g.get("costUsd")));
    }
    assertThat(total).isEqualTo(dec(session.get("costUsd")));
  }

  @Test
  void compare_unknownDimension_is400() {
    TestServer.Answer a = server.get("/api/v1/compare?by=colour");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("error").asText())
        .isEqualTo("by must be one of [team, user, repo, model, agent, outcome]");
  }

  @Test
  void upload_notATrace_is415AndStoresNothing() {
    assertThat(server.upload(file(A), sample(A)).status()).isEqualTo(201);
    int docs = server.store.documentCount();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(file(B), sample(B));
    files.put("notes.txt", "just some notes\nnot a trace\n".getBytes(StandardCharsets.UTF_8));

    TestServer.Answer a = server.upload(files, Map.of());

    assertThat(a.status()).isEqualTo(415);
    assertThat(a.json().get("error").asText()).isEqualTo("not a trace format TokenSieve can read");
    assertThat(a.json().get("file").asText()).isEqualTo("notes.txt");
    assertThat(a.json().get("line").asLong()).isZero();
    assertThat(server.store.documentCount()).isEqualTo(docs);
    assertThat(server.get("/api/v1/sessions/" + B).status()).isEqualTo(404);
  }

  @Test
  void upload_overTheSizeLimit_is413NamingTheFile() {
    server.close();
    server =
        new TestServer(
            dir.resolve("small"), server.analyzer, UploadLimits.DEFAULT.withMaxFileBytes(10_000));

    TestServer.Answer a = server.upload(file(B), sample(B));

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.json().get("error").asText())
        .isEqualTo("file is over the limit of 10000 bytes (maxFileBytes)");
    assertThat(a.json().get("file").asText()).isEqualTo(file(B));
    assertThat(server.store.sessionCount()).isZero();
  }

  @Test
  void upload_zipBomb_is413AndStoresNothing() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("good.jsonl"));
      z.write(sample(C));
      z.putNextEntry(new ZipEntry("bomb.jsonl"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        z.write(zeros);
      }
    }

    TestServer.Answer a = server.upload("traces.zip", zip.toByteArray());

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.json().get("error").asText()).contains("(maxRatio): a zip bomb?");
    assertThat(a.json().get("file").asText()).isEqualTo("traces.zip!/bomb.jsonl");
    assertThat(server.store.sessionCount()).isZero();
  }

  @Test
  void upload_tooManyZipEntries_is413() throws IOException {
    server.close();
    server =
        new TestServer(
            dir.resolve("few"), server.analyzer, new UploadLimits(1 << 30, 1L << 32, 2, 200));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      for (String id : List.of(A, B, C)) {
        z.putNextEntry(new ZipEntry(file(id)));
        z.write(sample(id));
      }
    }

    TestServer.Answer a = server.upload("traces.zip", zip.toByteArray());

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.json().get("error").asText())
        .isEqualTo("archive has more than 2 entries (maxEntries)");
    assertThat(server.store.sessionCount()).isZero();
  }

  @Test
  void upload_zipAndGzip_storesEverySession() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("projects/x/" + file(A)));
      z.write(sample(A));
      z.putNextEntry(new ZipEntry("projects/y/" + file(B) + ".gz"));
      z.write(gzip(sample(B)));
      z.putNextEntry(new ZipEntry("README.md"));
      z.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("traces.zip", zip.toByteArray());
    files.put(file(C) + ".gz", gzip(sample(C)));

    TestServer.Answer a = server.upload(files, Map.of("repo", "acme/api"));

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json().get("stored").asInt()).isEqualTo(3);
    assertThat(a.json().get("problems").toString()).contains("traces.zip!/README.md");
    assertThat(server.get("/api/v1/sessions?repo=acme/api").json().get("total").asInt())
        .isEqualTo(3);
  }

  @Test
  void upload_rawBody_storesTheSession() {
    TestServer.Answer a = server.uploadRaw(file(C), sample(C));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(server.get("/api/v1/sessions/" + C).status()).isEqualTo(200);
  }

  @Test
  void upload_malformedLineInGoodFile_storesSessionsAndReportsTheLine() {
    byte[] good = sample(C);
    long lines = new String(good, StandardCharsets.UTF_8).lines().count();
    // the sample has no newline after its last line
    byte[] bad =
        concat(good, "\n{\"type\":\"assistant\",\"message\":{\n".getBytes(StandardCharsets.UTF_8));

    TestServer.Answer a = server.upload(file(C), bad);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    JsonNode problem = a.json().get("problems").get(0);
    assertThat(problem.get("file").asText()).isEqualTo(file(C));
    assertThat(problem.get("line").asLong()).isEqualTo(lines + 1);
    assertThat(server.store.sessionCount()).isEqualTo(1);
  }

  @Test
  void list_filtersSearchesSortsAndPages() {
    server.upload(file(A), sample(A), "alpha", "ann");
    server.upload(file(B), sample(B), "alpha", "bob");
    server.upload(file(C), sample(C), "beta", "cat");

    JsonNode all = server.get("/api/v1/sessions?sort=cost").json();
    assertThat(all.get("total").asInt()).isEqualTo(3);
    List<BigDecimal> costs = new ArrayList<>();
    all.get("sessions").forEach(s -> costs.add(dec(s.get("costUsd"))));
    assertThat(costs).isSortedAccordingTo((x, y) -> y.compareTo(x));

    JsonNode first = server.get("/api/v1/sessions?sort=cost&limit=2").json();
    assertThat(first.get("sessions")).hasSize(2);
    TestServer.Answer page2 =
        server.get("/api/v1/sessions?sort=cost&limit=2&cursor=" + first.get("next").asText());
    assertThat(page2.status()).as(page2.body()).isEqualTo(200);
    JsonNode second = page2.json();
    assertThat(second.get("sessions")).as(all + "\n" + first + "\n" + second).hasSize(1);
    assertThat(second.get("next").isNull()).isTrue();
    assertThat(second.get("sessions").get(0).get("id").asText())
        .isEqualTo(all.get("sessions").get(2).get("id").asText());

    assertThat(
            server
                .get("/api/v1/sessions?user=bob")
                .json()
                .get("sessions")
                .get(0)
                .get("id")
                .asText())
        .isEqualTo(B);
    assertThat(server.get("/api/v1/sessions?q=" + C).json().get("total").asInt()).isEqualTo(1);
    assertThat(server.get("/api/v1/sessions?limit=0").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/sessions?from=yesterday").json().get("error").asText())
        .isEqualTo("from is malformed, was yesterday");
  }

  @Test
  void feed_isNewestFirstAndPollsFromItsCursor() {
    server.upload(file(A), sample(A), "alpha", "ann");
    server.upload(file(B), sample(B), "alpha", "ann");

    JsonNode feed = server.get("/api/v1/feed?user=ann").json();
    JsonNode items = feed.get("items");
    assertThat(items.size()).isGreaterThanOrEqualTo(2);
    for (int i = 1; i < items.size(); i++) {
      assertThat(items.get(i - 1).get("id").asLong())
          .isGreaterThan(items.get(i).get("id").asLong());
    }
    assertThat(items.get(0).get("sessionId").asText()).isEqualTo(B);
    assertThat(items.get(items.size() - 1).get("sessionId").asText()).isEqualTo(A);
    String cursor = feed.get("cursor").asText();
    assertThat(server.get("/api/v1/feed?user=ann&since=" + cursor).json().get("items")).isEmpty();
    assertThat(server.get("/api/v1/feed?user=nobody").json().get("items")).isEmpty();

    server.upload(file(C), sample(C), "beta", "ann");
    JsonNode newer = server.get("/api/v1/feed?user=ann&since=" + cursor).json().get("items");
    assertThat(newer).isNotEmpty();
    newer.forEach(i -> assertThat(i.get("sessionId").asText()).isEqualTo(C));

    JsonNode page = server.get("/api/v1/feed?limit=1").json();
    JsonNode older = server.get("/api/v1/feed?limit=1&before=" + page.get("next").asText()).json();
    assertThat(older.get("items").get(0).get("id").asLong())
        .isLessThan(page.get("items").get(0).get("id").asLong());
  }

  @Test
  void feedStream_receivesAnItemAfterAnUpload() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/feed/stream?user=ann"))
            .header("Accept", "text/event-stream")
            .build();
    CompletableFuture<String> firstItem =
        http.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
            .thenApply(
                r ->
                    r.body()
                        .filter(l -> l.startsWith("data:") && l.contains("sessionId"))
                        .findFirst()
                        .orElse("stream ended"));
    waitForListener();

    server.upload(file(C), sample(C), "beta", "ann");

    String data = firstItem.get(30, TimeUnit.SECONDS);
    JsonNode item = TestServer.JSON.readTree(data.substring("data:".length()));
    assertThat(item.get("sessionId").asText()).isEqualTo(C);
    assertThat(item.get("kind").asText()).isEqualTo("session");
    assertThat(item.get("summary").asText()).startsWith(C + ": $");
  }

  private void waitForListener() throws InterruptedException {
    for (int i = 0; i < 500 && server.get("/api/v1/health").status() == 200; i++) {
      if (server.app.feedListeners() > 0) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the stream never connected");
  }

  @Test
  void reindex_rebuildsTheSameSessionsFromRawFiles() {
    server.upload(file(A), sample(A), "alpha", "ann");
    server.upload(file(C), sample(C), "beta", "cat");
    String before = server.get("/api/v1/sessions/" + A).body();

    var result = server.store.reindex();

    assertThat(result.files()).isEqualTo(2);
    assertThat(result.sessions()).isEqualTo(2);
    assertThat(server.store.sessionCount()).isEqualTo(2);
    assertThat(server.get("/api/v1/sessions/" + A).body()).isEqualTo(before);
    assertThat(server.get("/api/v1/sessions?team=beta").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void store_survivesARestart() {
    server.upload(file(A), sample(A), "alpha", "ann");
    long seq = server.get("/api/v1/feed").json().get("cursor").asLong();
    server.close();
    server = new TestServer(dir.resolve("data"));

    assertThat(server.get("/api/v1/sessions/" + A).status()).isEqualTo(200);
    server.upload(file(C), sample(C));
    assertThat(server.get("/api/v1/feed").json().get("cursor").asLong()).isGreaterThan(seq);
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
