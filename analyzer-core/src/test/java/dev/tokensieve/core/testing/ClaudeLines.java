package dev.tokensieve.core.testing;

/** Claude Code transcript lines for tests that need a trace file rather than a built session. */
public final class ClaudeLines {
  private ClaudeLines() {}

  /**
   * One assistant line: a request of {@code model} with 10 input, 1,000 cache-write, {@code read}
   * cache-read and 200 output tokens.
   */
  public static String request(String sessionId, String msg, String ts, String model, int read) {
    return "{\"type\":\"assistant\",\"sessionId\":\""
        + sessionId
        + "\",\"uuid\":\"u-"
        + msg
        + "\",\"cwd\":\"/w/app\",\"timestamp\":\""
        + ts
        + "\",\"requestId\":\"r-"
        + msg
        + "\",\"message\":{\"id\":\""
        + msg
        + "\",\"model\":\""
        + model
        + "\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":10,"
        + "\"cache_creation_input_tokens\":1000,\"cache_read_input_tokens\":"
        + read
        + ",\"output_tokens\":200}}}";
  }
}
