package dev.tokensieve.scoring.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The calls a report's JSON is written with, in one of two ways: through Jackson's generator (the
 * reference, and how a streamed document is written) or {@link IndentedJson}, which writes the text
 * Jackson's default pretty printer gives straight into a buffer.
 *
 * <p>An abstract class rather than an interface: the client JIT dispatches its calls through a
 * vtable, cheaper than an interface's itable, and a session makes a few hundred of them.
 */
abstract class JsonText {
  /** Starts an object as a value: the document's root or an element of an array. */
  abstract void startObject() throws IOException;

  /** Starts the object of field {@code name}. */
  abstract void startObject(String name) throws IOException;

  abstract void endObject() throws IOException;

  /** Starts the array of field {@code name}. */
  abstract void startArray(String name) throws IOException;

  abstract void endArray() throws IOException;

  /** A string element of an array. */
  abstract void string(String value) throws IOException;

  abstract void field(String name, String value) throws IOException;

  abstract void field(String name, long value) throws IOException;

  abstract void field(String name, boolean value) throws IOException;

  abstract void nullField(String name) throws IOException;

  /** A number already in its JSON form (such as {@code FixedDecimal}'s), written as it is. */
  abstract void numberField(String name, String number) throws IOException;

  /** These calls made on {@code g}. */
  static JsonText of(JsonGenerator g) {
    return new Generated(g);
  }

  private static final class Generated extends JsonText {
    private final JsonGenerator g;

    Generated(JsonGenerator g) {
      this.g = g;
    }

    @Override
    void startObject() throws IOException {
      g.writeStartObject();
    }

    @Override
    void startObject(String name) throws IOException {
      g.writeObjectFieldStart(name);
    }

    @Override
    void endObject() throws IOException {
      g.writeEndObject();
    }

    @Override
    void startArray(String name) throws IOException {
      g.writeArrayFieldStart(name);
    }

    @Override
    void endArray() throws IOException {
      g.writeEndArray();
    }

    @Override
    void string(String value) throws IOException {
      g.writeString(value);
    }

    @Override
    void field(String name, String value) throws IOException {
      g.writeStringField(name, value);
    }

    @Override
    void field(String name, long value) throws IOException {
      g.writeNumberField(name, value);
    }

    @Override
    void field(String name, boolean value) throws IOException {
      g.writeBooleanField(name, value);
    }

    @Override
    void nullField(String name) throws IOException {
      g.writeNullField(name);
    }

    @Override
    void numberField(String name, String number) throws IOException {
      g.writeFieldName(name);
      g.writeNumber(number);
    }
  }
}
