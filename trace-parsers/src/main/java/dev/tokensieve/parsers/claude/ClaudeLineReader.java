package dev.tokensieve.parsers.claude;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.parsers.TextDigest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript line into a {@link ClaudeLine} with Jackson's streaming API.
 *
 * <p>Field order varies between Claude Code versions ({@code type} often comes after {@code
 * message}), so everything of interest is captured first and interpreted afterwards. Unknown fields
 * are skipped without buffering: {@code toolUseResult} and {@code progress} payloads repeat tool
 * outputs that can be many megabytes.
 */
final class ClaudeLineReader {
  private ClaudeLineReader() {}

  /**
   * Reads the line; returns null for a blank line.
   *
   * @throws JsonParseException if the line is not one JSON object
   */
  static @Nullable ClaudeLine read(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      return null;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new JsonParseException(p, "expected a JSON object, found " + describe(first));
    }
    ClaudeLine line = new ClaudeLine();
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "type" -> line.type = text(p, v);
        case "subtype" -> line.subtype = text(p, v);
        case "sessionId" -> {
          line.hasSessionIdKey = true;
          line.sessionId = text(p, v);
        }
        case "timestamp" -> line.timestamp = text(p, v);
        case "cwd" -> line.cwd = text(p, v);
        case "gitBranch" -> line.gitBranch = text(p, v);
        case "version" -> line.version = text(p, v);
        case "agentId" -> line.agentId = text(p, v);
        case "isSidechain" -> line.isSidechain = v == JsonToken.VALUE_TRUE;
        case "isMeta" -> line.isMeta = v == JsonToken.VALUE_TRUE;
        case "isApiErrorMessage" -> line.isApiErrorMessage = v == JsonToken.VALUE_TRUE;
        case "isCompactSummary" -> line.isCompactSummary = v == JsonToken.VALUE_TRUE;
        case "requestId" -> line.requestId = text(p, v);
        case "prUrl" -> line.prUrl = text(p, v);
        case "prNumber" -> line.prNumber = text(p, v);
        case "prRepository" -> line.prRepository = text(p, v);
        case "retryAttempt" -> line.retryAttempt = number(p, v);
        case "maxRetries" -> line.maxRetries = number(p, v);
        case "compactMetadata", "microcompactMetadata" -> line.preTokens = preTokens(p, v);
        case "error" -> line.errorMessage = error(p, v);
        case "message" -> message(p, v, line);
        case "uuid", "messageId" -> {
          line.hasUuidKey = true;
          p.skipChildren();
        }
        case "leafUuid" -> {
          line.hasLeafUuidKey = true;
          p.skipChildren();
        }
        case "payload" -> {
          line.hasPayloadKey = true;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw new JsonParseException(p, "unexpected content after the JSON object");
    }
    return line;
  }

  private static void message(JsonParser p, JsonToken v, ClaudeLine line) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "id" -> line.messageId = text(p, t);
        case "model" -> line.model = text(p, t);
        case "usage" -> usage(p, t, line);
        case "content" -> {
          if (t == JsonToken.VALUE_STRING) {
            line.contentText = textDigest(p);
          } else if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (p.currentToken() == JsonToken.START_OBJECT) {
                line.blocks.add(block(p));
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static ClaudeLine.Block block(JsonParser p) throws IOException {
    ClaudeLine.Block b = new ClaudeLine.Block();
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "type" -> b.type = text(p, t);
        case "id" -> b.id = text(p, t);
        case "name" -> b.name = text(p, t);
        case "tool_use_id" -> b.toolUseId = text(p, t);
        case "is_error" -> b.isError = t == JsonToken.VALUE_TRUE;
        case "input" -> {
          if (t == JsonToken.START_OBJECT) {
            b.input = ToolInput.read(p);
          } else {
            p.skipChildren();
          }
        }
        case "text" -> {
          if (t == JsonToken.VALUE_STRING) {
            b.text = textDigest(p);
          }
        }
        case "content" -> b.text = resultContent(p, t);
        default -> p.skipChildren();
      }
    }
    return b;
  }

  /** A tool result's content: a string, or a list of blocks whose texts are joined by newlines. */
  private static @Nullable TextDigest resultContent(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return textDigest(p);
    }
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    TextDigest d = new TextDigest();
    boolean first = true;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        if (f.equals("text") && v == JsonToken.VALUE_STRING) {
          if (!first) {
            d.write('\n');
          }
          first = false;
          p.getText(d);
        } else {
          p.skipChildren();
        }
      }
    }
    return d;
  }

  private static void usage(JsonParser p, JsonToken v, ClaudeLine line) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    line.hasUsage = true;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "input_tokens" -> line.inputTokens = number(p, t);
        case "output_tokens" -> line.outputTokens = number(p, t);
        case "cache_creation_input_tokens" -> line.cacheCreationTokens = number(p, t);
        case "cache_read_input_tokens" -> line.cacheReadTokens = number(p, t);
        case "speed" -> line.hasSpeed = t == JsonToken.VALUE_STRING;
        case "cache_creation" -> {
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
            JsonToken u = p.nextToken();
            if (g.equals("ephemeral_5m_input_tokens")) {
              line.ephemeral5m = number(p, u);
            } else if (g.equals("ephemeral_1h_input_tokens")) {
              line.ephemeral1h = number(p, u);
            } else {
              p.skipChildren();
            }
          }
        }
        case "output_tokens_details" -> {
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
            JsonToken u = p.nextToken();
            if (g.equals("thinking_tokens")) {
              line.thinkingTokens = number(p, u);
            } else {
              p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static long preTokens(JsonParser p, JsonToken v) throws IOException {
    long pre = -1;
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return pre;
    }
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (f.equals("preTokens")) {
        pre = number(p, t);
      } else {
        p.skipChildren();
      }
    }
    return pre;
  }

  private static @Nullable String error(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String message = null;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (f.equals("message") && t == JsonToken.VALUE_STRING) {
        message = p.getText();
      } else if (f.equals("error") && t == JsonToken.START_OBJECT && message == null) {
        message = error(p, t);
      } else {
        p.skipChildren();
      }
    }
    return message;
  }

  private static TextDigest textDigest(JsonParser p) throws IOException {
    TextDigest d = new TextDigest();
    p.getText(d);
    return d;
  }

  private static @Nullable String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static long number(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long n = p.getLongValue();
      if (n < 0) {
        throw new JsonParseException(p, "negative token count " + n);
      }
      return n;
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return Math.max(0, Math.round(p.getDoubleValue()));
    }
    p.skipChildren();
    return 0;
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
