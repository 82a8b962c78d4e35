package dev.tokensieve.web;

import static dev.tokensieve.web.WebApiTest.A;
import static dev.tokensieve.web.WebApiTest.B;
import static dev.tokensieve.web.WebApiTest.C;
import static dev.tokensieve.web.WebApiTest.file;
import static dev.tokensieve.web.WebApiTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokensieve.web.auth.Role;
import dev.tokensieve.web.auth.TokenFile;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens and roles against a real server: every role's allowed and refused requests, and one team's
 * reader that can neither list, open, compare nor stream another team's sessions.
 */
final class AuthTest {
  @TempDir Path dir;
  TestServer server;
  TokenFile tokens;
  String admin;
  String alice; // uploader, team pay
  String bob; // uploader, team ops
  String payReader;
  String opsReader;
  String revoked;

  @BeforeEach
  void start() {
    Path data = dir.resolve("data");
    tokens = TokenFile.in(data);
    admin = tokens.create("boss", Role.ADMIN, null, List.of()).secret();
    alice = tokens.create("alice-laptop", Role.UPLOADER, "alice", List.of("pay")).secret();
    bob = tokens.create("bob-laptop", Role.UPLOADER, "bob", List.of("ops")).secret();
    payReader = tokens.create("pay-lead", Role.READER, null, List.of("pay")).secret();
    opsReader = tokens.create("ops-lead", Role.READER, null, List.of("ops")).secret();
    TokenFile.Created old = tokens.create("old", Role.ADMIN, null, List.of());
    revoked = old.secret();
    assertThat(tokens.revoke(old.token().id())).isTrue();
    server = TestServer.guarded(data, tokens);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TestServer.Answer as(@Nullable String token, String path) {
    server.token = token;
    return server.get(path);
  }

  private TestServer.Answer upload(@Nullable String token, String id, @Nullable String team) {
    return upload(token, file(id), sample(id), team);
  }

  private TestServer.Answer upload(
      @Nullable String token, String name, byte[] bytes, @Nullable String team) {
    server.token = token;
    Map<String, String> fields = new LinkedHashMap<>();
    if (team != null) {
      fields.put("team", team);
    }
    return server.upload(Map.of(name, bytes), fields);
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("sessions").forEach(s -> out.add(s.get("id").asText()));
    return out;
  }

  @Test
  void tokensFile_keepsOnlyHashes() throws IOException {
    String file = Files.readString(tokens.file());
    assertThat(file).doesNotContain(admin).doesNotContain(alice).contains("sha256");
    assertThat(admin).startsWith(TokenFile.PREFIX).hasSizeGreaterThan(40);
  }

  @Test
  void everyRole_getsWhatItMayAndIsRefusedTheRest() {
    assertThat(upload(alice, A, null).status()).isEqualTo(201);
    String[] reads = {
      "/api/v1/me",
      "/api/v1/sessions",
      "/api/v1/sessions/" + A,
      "/api/v1/compare?by=team",
      "/api/v1/feed"
    };
    // health is public, and says a token is needed without counting sessions
    for (String t : new String[] {null, "tks_bogus", revoked, admin, alice, payReader}) {
      JsonNode h = as(t, "/api/v1/health").json();
      assertThat(h.get("status").asText()).isEqualTo("ok");
      assertThat(h.get("tokenRequired").asBoolean()).isTrue();
      assertThat(h.get("sessions").isNull()).isTrue();
    }
    // no token, a bogus one, a revoked one: 401 everywhere but health
    for (String t : new String[] {null, "tks_bogus", revoked}) {
      for (String path : reads) {
        TestServer.Answer a = as(t, path);
        assertThat(a.status()).as("%s with %s", path, t).isEqualTo(401);
        assertThat(a.json().get("error").asText()).contains("token");
      }
      assertThat(upload(t, B, null).status()).isEqualTo(401);
    }
    // every live token reads; what it sees is its business (next test)
    for (String t : new String[] {admin, alice, bob, payReader, opsReader}) {
      for (String path : reads) {
        if (!path.endsWith(A)) {
          assertThat(as(t, path).status()).as("%s with %s", path, t).isEqualTo(200);
        }
      }
    }
    assertThat(as(admin, "/api/v1/sessions/" + A).status()).isEqualTo(200);
    assertThat(as(alice, "/api/v1/sessions/" + A).status()).isEqualTo(200);
    assertThat(as(payReader, "/api/v1/sessions/" + A).status()).isEqualTo(200);
    assertThat(as(bob, "/api/v1/sessions/" + A).status()).isEqualTo(404);
    assertThat(as(opsReader, "/api/v1/sessions/" + A).status()).isEqualTo(404);
    // readers never upload; uploaders only for their teams; admins for any
    TestServer.Answer r = upload(payReader, B, null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("error").asText()).isEqualTo("a reader token may not upload");
    TestServer.Answer wrongTeam = upload(alice, B, "ops");
    assertThat(wrongTeam.status()).isEqualTo(403);
    assertThat(wrongTeam.json().get("error").asText())
        .isEqualTo("this token may upload for the teams [pay], not for ops");
    assertThat(upload(admin, B, "anything").status()).isEqualTo(201);
    JsonNode me = as(alice, "/api/v1/me").json();
    assertThat(me.get("role").asText()).isEqualTo("uploader");
    assertThat(me.get("user").asText()).isEqualTo("alice");
    assertThat(me.get("canUpload").asBoolean()).isTrue();
    assertThat(as(payReader, "/api/v1/me").json().get("canUpload").asBoolean()).isFalse();
    assertThat(server.store.sessionCount()).isEqualTo(2);
  }

  @Test
  void revokingAToken_takesEffectOnTheRunningServer() {
    TokenFile.Created t = tokens.create("temp", Role.READER, null, List.of("pay"));
    assertThat(as(t.secret(), "/api/v1/me").status()).isEqualTo(200);
    // another process (the CLI) revokes it: the server reads the file again
    assertThat(TokenFile.in(dir.resolve("data")).revoke(t.token().id())).isTrue();
    assertThat(as(t.secret(), "/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void aTeamsReader_cannotListOpenCompareOrFollowAnotherTeamsSessions() {
    assertThat(upload(alice, A, null).status()).isEqualTo(201); // team pay, owner alice
    assertThat(upload(bob, B, null).status()).isEqualTo(201); // team ops, owner bob

    assertThat(ids(as(opsReader, "/api/v1/sessions").json())).containsExactly(B);
    assertThat(ids(as(payReader, "/api/v1/sessions").json())).containsExactly(A);
    assertThat(ids(as(alice, "/api/v1/sessions").json())).containsExactly(A);
    assertThat(ids(as(admin, "/api/v1/sessions").json())).containsExactlyInAnyOrder(A, B);
    assertThat(as(opsReader, "/api/v1/sessions?q=" + A).json().get("total").asLong()).isZero();
    assertThat(as(opsReader, "/api/v1/sessions?team=pay").json().get("total").asLong()).isZero();

    assertThat(as(opsReader, "/api/v1/sessions/" + A).status()).isEqualTo(404);
    assertThat(as(bob, "/api/v1/sessions/" + A).status()).isEqualTo(404);

    List<String> groups = new ArrayList<>();
    as(opsReader, "/api/v1/compare?by=team")
        .json()
        .get("groups")
        .forEach(g -> groups.add(g.get("key").asText()));
    assertThat(groups).containsExactly("ops");
    List<String> users = new ArrayList<>();
    as(opsReader, "/api/v1/compare?by=user")
        .json()
        .get("groups")
        .forEach(g -> users.add(g.get("key").asText()));
    assertThat(as(admin, "/api/v1/compare?by=team").json().get("groups")).hasSize(2);

    JsonNode feed = as(opsReader, "/api/v1/feed").json().get("items");
    assertThat(feed).isNotEmpty();
    feed.forEach(i -> assertThat(i.get("sessionId").asText()).isEqualTo(B));
    JsonNode payFeed = as(payReader, "/api/v1/feed").json().get("items");
    payFeed.forEach(i -> assertThat(i.get("sessionId").asText()).isEqualTo(A));
    JsonNode first = payFeed.get(payFeed.size() - 1);
    assertThat(first.get("team").asText()).isEqualTo("pay");
    assertThat(first.get("model").asText()).startsWith("claude-");
    assertThat(first.get("reportUrl").asText()).isEqualTo("/#/session/" + A);
    assertThat(first.get("apiUrl").asText()).isEqualTo("/api/v1/sessions/" + A);
  }

  @Test
  @Timeout(120) // a safety net only: nothing here waits on a clock
  void aTeamsReader_streamsOnlyItsTeamsItems() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    // no Accept header: the stream answers anyway, with a ready event at once
    HttpResponse<Stream<String>> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/feed/stream"))
                .header("Authorization", "Bearer " + opsReader)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Iterator<String> lines = stream.body().iterator();
    assertThat(List.of(lines.next(), lines.next())).contains("event: ready");

    assertThat(upload(alice, A, null).status()).isEqualTo(201); // pay: must not reach ops
    assertThat(upload(bob, C, null).status()).isEqualTo(201); // ops: must
    List<String> seen = new ArrayList<>();
    String line;
    do {
      line = lines.next();
      seen.add(line);
    } while (!(line.startsWith("data:") && line.contains(C)));
    assertThat(String.join("\n", seen)).doesNotContain(A);
    stream.body().close();
  }

  @Test
  void anotherOwnersSession_cannotBeOverwrittenOrReattributed() {
    assertThat(upload(alice, A, null).status()).isEqualTo(201);
    String before = as(admin, "/api/v1/sessions/" + A).body();

    // the same bytes from another uploader: refused, nothing of alice's shown
    TestServer.Answer same = upload(bob, A, null);
    assertThat(same.status()).isEqualTo(409);
    assertThat(same.json().get("error").asText())
        .isEqualTo(
            "session " + A + " is stored already, uploaded by someone else; it was not changed");
    assertThat(same.json().get("file").asText()).isEqualTo(file(A));

    // a forged trace with the same session id: its first lines only, so it would cost less
    String text = new String(sample(A), StandardCharsets.UTF_8);
    String forged = String.join("\n", text.lines().limit(6).toList()) + "\n";
    TestServer.Answer f =
        upload(bob, "forged.jsonl", forged.getBytes(StandardCharsets.UTF_8), null);
    assertThat(f.status()).as(f.body()).isEqualTo(409);
    assertThat(as(admin, "/api/v1/sessions/" + A).body()).isEqualTo(before);

    // the owner re-uploading the same bytes for another of its teams is a re-attribution: refused
    TokenFile.Created both =
        tokens.create("alice-2", Role.UPLOADER, "alice", List.of("pay", "ops"));
    TestServer.Answer moved = upload(both.secret(), A, "ops");
    assertThat(moved.status()).isEqualTo(409);
    assertThat(moved.json().get("error").asText()).contains("only an admin may re-attribute it");
    assertThat(as(opsReader, "/api/v1/sessions/" + A).status()).isEqualTo(404);
  }

  @Test
  void foreignHostsAndCrossOriginPosts_areRefused() throws IOException {
    server.token = admin;
    // java.net.http will not send a foreign Host header: a raw request does, as a rebound page
    // would
    try (Socket socket = new Socket("127.0.0.1", server.app.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET /api/v1/health HTTP/1.1\r\nHost: attacker.example\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 421").contains("does not answer for host");
    }
    TestServer.Answer crossSite =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/sessions?name=x.jsonl"))
                .header("Origin", "https://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample(A)))
                .build());
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(server.store.sessionCount()).isZero();
    TestServer.Answer sameSite =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/sessions?name=x.jsonl"))
                .header("Origin", server.base())
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample(A)))
                .build());
    assertThat(sameSite.status()).as(sameSite.body()).isEqualTo(201);
  }
}
