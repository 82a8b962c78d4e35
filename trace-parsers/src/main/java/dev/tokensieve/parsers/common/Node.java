package dev.tokensieve.parsers.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.parsers.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parsed JSON value: an immutable tree read from a Jackson {@link JsonParser}, small enough to
 * hold one trace record (a JSONL line, one event, one span).
 *
 * <p>Navigation never fails: a missing key or index gives {@link #MISSING}, and the typed getters
 * take a default. Numbers written as strings (OTLP/JSON writes 64-bit ints as strings) are read as
 * numbers by {@link #asLong} and {@link #asDouble}.
 */
public final class Node {
  private static final Object NULL = new Object();
  private static final Object ABSENT = new Object();

  /** The node of a key or index that is not there. */
  public static final Node MISSING = new Node(ABSENT);

  private final Object value;

  private Node(Object value) {
    this.value = value;
  }

  /**
   * Reads the value the parser's current token starts (advancing to the first token if none is
   * current) and leaves the parser on the value's last token.
   *
   * @throws IOException when the JSON is malformed or the input fails
   */
  public static Node read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      t = p.nextToken();
      if (t == null) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "no JSON value");
      }
    }
    return new Node(readValue(p, t));
  }

  /** Parses {@code json}, a complete JSON text. */
  public static Node parse(String json) throws IOException {
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      Node n = read(p);
      if (p.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(
            p, "unexpected content after the JSON value");
      }
      return n;
    }
  }

  /** Parses {@code json} if it is a complete JSON text, otherwise returns {@link #MISSING}. */
  public static Node parseOrMissing(String json) {
    try {
      return parse(json);
    } catch (IOException e) {
      return MISSING;
    }
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            m.put(name, readValue(p, p.nextToken()));
          }
          return Collections.unmodifiableMap(m);
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            l.add(readValue(p, e));
          }
          return Collections.unmodifiableList(l);
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
    }
  }

  /** The member {@code key} of an object; {@link #MISSING} otherwise. */
  public Node get(String key) {
    if (value instanceof Map) {
      Object v = ((Map<?, ?>) value).get(key);
      return v == null ? MISSING : new Node(v);
    }
    return MISSING;
  }

  /** The member at the path of keys, e.g. {@code path("payload", "info")}. */
  public Node path(String... keys) {
    Node n = this;
    for (String k : keys) {
      n = n.get(k);
    }
    return n;
  }

  /** Element {@code i} of an array; {@link #MISSING} otherwise. */
  public Node at(int i) {
    if (value instanceof List) {
      List<?> l = (List<?>) value;
      return i >= 0 && i < l.size() ? new Node(l.get(i)) : MISSING;
    }
    return MISSING;
  }

  /** The elements of an array (empty for anything else). */
  public List<Node> elements() {
    if (!(value instanceof List)) {
      return List.of();
    }
    List<?> l = (List<?>) value;
    List<Node> out = new ArrayList<>(l.size());
    for (Object o : l) {
      out.add(new Node(o));
    }
    return out;
  }

  /** The members of an object, in order (empty for anything else). */
  public Map<String, Node> fields() {
    if (!(value instanceof Map)) {
      return Map.of();
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      out.put((String) e.getKey(), new Node(e.getValue()));
    }
    return out;
  }

  /** The number of elements or members, 0 for scalars. */
  public int size() {
    if (value instanceof List) {
      return ((List<?>) value).size();
    }
    if (value instanceof Map) {
      return ((Map<?, ?>) value).size();
    }
    return 0;
  }

  /** Whether the key or index was absent. */
  public boolean isMissing() {
    return value == ABSENT;
  }

  /** Whether the value is absent or JSON {@code null}. */
  public boolean isNullish() {
    return value == ABSENT || value == NULL;
  }

  /** Whether the value is an object. */
  public boolean isObject() {
    return value instanceof Map;
  }

  /** Whether the value is an array. */
  public boolean isArray() {
    return value instanceof List;
  }

  /** Whether the value is a string. */
  public boolean isText() {
    return value instanceof String;
  }

  /** Whether the value is a number. */
  public boolean isNumber() {
    return value instanceof Number;
  }

  /** The string, or a number or boolean as text; {@code null} for anything else. */
  public @Nullable String text() {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    return null;
  }

  /** The string, or {@code fallback}. */
  public String text(String fallback) {
    String s = text();
    return s == null ? fallback : s;
  }

  /** The number (or a numeric string) as a long, or {@code null}; fractions are truncated. */
  public @Nullable Long asLong() {
    if (value instanceof Long || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      BigInteger b = (BigInteger) value;
      return b.bitLength() < 64 ? b.longValue() : null;
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isFinite(d) ? (long) d : null;
    }
    if (value instanceof String) {
      String s = ((String) value).trim();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        try {
          return new BigDecimal(s).longValueExact();
        } catch (NumberFormatException | ArithmeticException e2) {
          return null;
        }
      }
    }
    return null;
  }

  /** The number as a long, or {@code fallback}. */
  public long asLong(long fallback) {
    Long l = asLong();
    return l == null ? fallback : l;
  }

  /** The number (or a numeric string) as a double, or {@code null}. */
  public @Nullable Double asDouble() {
    if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (value instanceof String) {
      try {
        double d = Double.parseDouble(((String) value).trim());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A boolean, or the strings {@code "true"}/{@code "false"}; {@code null} otherwise. */
  public @Nullable Boolean asBoolean() {
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if ("true".equalsIgnoreCase(text(""))) {
      return Boolean.TRUE;
    }
    if ("false".equalsIgnoreCase(text(""))) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** The value written back as compact JSON ({@code ""} when missing). */
  public String toJson() {
    if (value == ABSENT) {
      return "";
    }
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof Double) {
      g.writeNumber((Double) v);
    } else if (v instanceof Number) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else {
      g.writeNull();
    }
  }

  @Override
  public String toString() {
    return toJson();
  }
}
