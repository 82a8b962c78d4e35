package dev.tokensieve.parsers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The structure of a JSON document's beginning with long string values cut short, for sniffing.
 *
 * <p>A single-document trace can open with a huge value (mini-swe-agent puts the whole submitted
 * diff in {@code info.submission} before {@code messages}), so its first 64 KB may hold no key that
 * tells its format. Re-emitting the tokens with strings cut to {@link #MAX_STRING} characters
 * brings the keys that follow into the head sniffers see.
 */
final class CondensedHead {
  /** Long enough to keep ids, timestamps and type names whole. */
  static final int MAX_STRING = 200;

  /** How much of a file condensing may read before it gives up: sniffing must stay cheap. */
  static final long MAX_READ_BYTES = 64L * 1024 * 1024;

  private CondensedHead() {}

  /** The condensed head of {@code file}, or null if it is not JSON or cannot be read. */
  static @Nullable String of(Path file) {
    StringBuilder out = new StringBuilder(TraceFormat.SNIFF_BYTES);
    try (InputStream in = TraceInput.open(file);
        JsonParser p = Json.FACTORY.createParser(in)) {
      boolean needComma = false;
      JsonToken t;
      while ((t = p.nextToken()) != null && out.length() < TraceFormat.SNIFF_BYTES) {
        if (p.currentLocation().getByteOffset() > MAX_READ_BYTES) {
          break;
        }
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            comma(out, needComma);
            out.append(t == JsonToken.START_OBJECT ? '{' : '[');
            needComma = false;
          }
          case END_OBJECT, END_ARRAY -> {
            out.append(t == JsonToken.END_OBJECT ? '}' : ']');
            needComma = true;
          }
          case FIELD_NAME -> {
            comma(out, needComma);
            quote(out, p.currentName());
            out.append(':');
            needComma = false;
          }
          case VALUE_STRING -> {
            comma(out, needComma);
            quote(out, p.getText());
            needComma = true;
          }
          default -> {
            comma(out, needComma);
            out.append(p.getText());
            needComma = true;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON, truncated or unreadable: keep what was condensed so far, if anything
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static void comma(StringBuilder out, boolean needed) {
    if (needed) {
      out.append(',');
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    int n = Math.min(s.length(), MAX_STRING);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
