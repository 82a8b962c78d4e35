package dev.tokensieve.parsers.claude;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.parsers.Json;
import dev.tokensieve.parsers.TextDigest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A tool call's {@code input}, read once: a digest and excerpt of its compact JSON, the few
 * arguments that name a target, and digests of the edit texts (which can be megabytes).
 */
final class ToolInput {
  @Nullable String command;
  @Nullable String filePath;
  @Nullable String pattern;
  @Nullable String query;
  @Nullable String url;
  @Nullable String description;
  @Nullable String oldDigest;
  @Nullable String newDigest;
  @Nullable String contentDigest;
  final List<String[]> edits = new ArrayList<>(); // MultiEdit: {old digest, new digest}
  String argsDigest = "";
  // the compact arguments' excerpt, made only if asked for: most calls are named by a target
  Supplier<String> argsExcerpt = () -> "";

  /** Reads the value at the parser's current token (normally START_OBJECT) to its end. */
  static ToolInput read(JsonParser p) throws IOException {
    ToolInput in = new ToolInput();
    TextDigest compact = new TextDigest();
    try (JsonGenerator g = Json.FACTORY.createGenerator(compact)) {
      int depth = 0;
      String field = null;
      String editsField = null;
      String[] edit = null;
      JsonToken t = p.currentToken();
      while (t != null) {
        switch (t) {
          case START_OBJECT -> {
            depth++;
            if (depth == 3 && "edits".equals(editsField)) {
              edit = new String[] {"", ""};
            }
          }
          case START_ARRAY -> {
            depth++;
            if (depth == 2) {
              editsField = field;
            }
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (depth == 2 && edit != null) {
              in.edits.add(edit);
              edit = null;
            }
            if (depth == 1) {
              editsField = null;
            }
          }
          case FIELD_NAME -> field = p.currentName();
          case VALUE_STRING -> {
            if (depth == 1 && field != null) {
              in.capture(field, p);
            } else if (depth == 3 && edit != null && field != null) {
              if (field.equals("old_string")) {
                edit[0] = digestOf(p);
              } else if (field.equals("new_string")) {
                edit[1] = digestOf(p);
              }
            }
          }
          default -> {}
        }
        g.copyCurrentEvent(p);
        if (depth == 0) {
          break;
        }
        t = p.nextToken();
      }
    }
    in.argsDigest = compact.digest();
    in.argsExcerpt = compact::excerpt;
    return in;
  }

  private void capture(String field, JsonParser p) throws IOException {
    switch (field) {
      case "command" -> command = Texts.excerpt(p.getText());
      case "file_path", "notebook_path" -> filePath = p.getText();
      case "path" -> {
        if (filePath == null) {
          filePath = p.getText();
        }
      }
      case "pattern" -> pattern = Texts.excerpt(p.getText());
      case "query" -> query = Texts.excerpt(p.getText());
      case "url" -> url = Texts.excerpt(p.getText());
      case "description" -> description = Texts.excerpt(p.getText());
      case "old_string" -> oldDigest = digestOf(p);
      case "new_string" -> newDigest = digestOf(p);
      case "content" -> contentDigest = digestOf(p);
      default -> {}
    }
  }

  private static String digestOf(JsonParser p) throws IOException {
    TextDigest d = new TextDigest();
    d.write(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    return d.digest();
  }
}
