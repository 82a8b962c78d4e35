package dev.tokensieve.parsers;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds copied sample traces among the test resources. */
public final class Samples {
  private Samples() {}

  /** The test resource at {@code path} (e.g. {@code samples/claude-code}). */
  public static Path resource(String path) {
    URL url = Samples.class.getClassLoader().getResource(path);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + path);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
