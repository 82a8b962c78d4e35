package dev.tokensieve.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokensieve.core.price.PriceBook;
import dev.tokensieve.scoring.SessionAnalyzer;
import dev.tokensieve.web.auth.Security;
import dev.tokensieve.web.auth.TokenFile;
import dev.tokensieve.web.store.SessionStore;
import dev.tokensieve.web.store.UploadLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A real server on a free port over a real store in a temporary directory. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final SessionStore store;
  final WebApp app;
  final SessionAnalyzer analyzer;
  private final HttpClient http = HttpClient.newHttpClient();

  TestServer(Path dataDir) {
    this(dataDir, SessionAnalyzer.standard(PriceBook.bundled()), UploadLimits.DEFAULT);
  }

  TestServer(Path dataDir, SessionAnalyzer analyzer, UploadLimits limits) {
    this(dataDir, analyzer, limits, Security.open("127.0.0.1"));
  }

  TestServer(Path dataDir, SessionAnalyzer analyzer, UploadLimits limits, Security security) {
    this.analyzer = analyzer;
    this.store = SessionStore.open(dataDir, analyzer, limits);
    this.app = WebApp.create(store, security).start(0);
  }

  /** A server over {@code dataDir} that needs the tokens of {@code tokens}. */
  static TestServer guarded(Path dataDir, TokenFile tokens) {
    return new TestServer(
        dataDir,
        SessionAnalyzer.standard(PriceBook.bundled()),
        UploadLimits.DEFAULT,
        new Security(tokens, false, "127.0.0.1", List.of()));
  }

  /** The bearer token requests send, or null for none. */
  @Nullable String token;

  String base() {
    return "http://127.0.0.1:" + app.port();
  }

  /** A response: its status and its body as JSON (or null if not JSON). */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
  }

  Answer send(HttpRequest request) {
    if (token != null && request.headers().firstValue("Authorization").isEmpty()) {
      HttpRequest.Builder b = HttpRequest.newBuilder(request, (k, v) -> true);
      request = b.header("Authorization", "Bearer " + token).build();
    }
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Uploads {@code files} (name to bytes) as multipart parts named {@code file}. */
  Answer upload(Map<String, byte[]> files, Map<String, String> fields) {
    String boundary = "----tokensieve" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      write(body, "--" + boundary + "\r\n");
      write(body, "Content-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n");
      write(body, f.getValue() + "\r\n");
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      write(body, "--" + boundary + "\r\n");
      write(
          body,
          "Content-Disposition: form-data; name=\"file\"; filename=\"" + f.getKey() + "\"\r\n");
      write(body, "Content-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(f.getValue());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/sessions"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  Answer upload(String name, byte[] bytes) {
    return upload(Map.of(name, bytes), Map.of());
  }

  Answer upload(String name, byte[] bytes, String team, String user) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("team", team);
    fields.put("user", user);
    return upload(Map.of(name, bytes), fields);
  }

  Answer uploadRaw(String name, byte[] bytes) {
    return send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/sessions?name=" + name))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A test resource's bytes. */
  static byte[] resource(String path) {
    try (InputStream in = TestServer.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
    store.close();
  }
}
