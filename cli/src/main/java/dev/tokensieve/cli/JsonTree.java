package dev.tokensieve.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokensieve.parsers.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes a tree of maps, lists, strings, numbers and booleans as pretty-printed JSON. */
final class JsonTree {
  private JsonTree() {}

  static void write(Map<String, Object> tree, Writer out) {
    try {
      JsonGenerator g = Json.FACTORY.createGenerator(out);
      g.useDefaultPrettyPrinter();
      value(g, tree);
      g.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void value(JsonGenerator g, @Nullable Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        value(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Integer || v instanceof Long) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(Math.round(d * 1e6) / 1e6);
      } else {
        g.writeNull();
      }
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else {
      g.writeString(v.toString());
    }
  }
}
