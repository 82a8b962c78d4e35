package dev.tokensieve.parsers.common;

import dev.tokensieve.core.model.Step;
import dev.tokensieve.core.model.Texts;
import dev.tokensieve.core.model.ToolKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Normalises tool calls across agents: what kind a tool is, which argument matters (the command,
 * the path, the pattern), the exit code hidden in a shell result's text, and the steps built from
 * them, so that a detector sees {@code pytest} run by Codex and by Gemini CLI as the same thing.
 */
public final class Tools {
  private static final Map<String, ToolKind> KINDS =
      Map.ofEntries(
          Map.entry("bash", ToolKind.SHELL),
          Map.entry("shell", ToolKind.SHELL),
          Map.entry("exec_command", ToolKind.SHELL),
          Map.entry("exec", ToolKind.SHELL),
          Map.entry("local_shell", ToolKind.SHELL),
          Map.entry("local_shell_call", ToolKind.SHELL),
          Map.entry("container.exec", ToolKind.SHELL),
          Map.entry("run_shell_command", ToolKind.SHELL),
          Map.entry("execute_bash", ToolKind.SHELL),
          Map.entry("execute_command", ToolKind.SHELL),
          Map.entry("run", ToolKind.SHELL),
          Map.entry("cmd_run", ToolKind.SHELL),
          Map.entry("run_ipython", ToolKind.SHELL),
          Map.entry("execute_ipython_cell", ToolKind.SHELL),
          Map.entry("read", ToolKind.READ),
          Map.entry("read_file", ToolKind.READ),
          Map.entry("read_many_files", ToolKind.READ),
          Map.entry("view", ToolKind.READ),
          Map.entry("open", ToolKind.READ),
          Map.entry("goto", ToolKind.READ),
          Map.entry("scroll_up", ToolKind.READ),
          Map.entry("scroll_down", ToolKind.READ),
          Map.entry("notebookread", ToolKind.READ),
          Map.entry("edit", ToolKind.EDIT),
          Map.entry("replace", ToolKind.EDIT),
          Map.entry("str_replace", ToolKind.EDIT),
          Map.entry("str_replace_editor", ToolKind.EDIT),
          Map.entry("str_replace_based_edit_tool", ToolKind.EDIT),
          Map.entry("apply_patch", ToolKind.EDIT),
          Map.entry("multiedit", ToolKind.EDIT),
          Map.entry("insert", ToolKind.EDIT),
          Map.entry("edit_file", ToolKind.EDIT),
          Map.entry("notebookedit", ToolKind.EDIT),
          Map.entry("write", ToolKind.WRITE),
          Map.entry("write_file", ToolKind.WRITE),
          Map.entry("create", ToolKind.WRITE),
          Map.entry("create_file", ToolKind.WRITE),
          Map.entry("grep", ToolKind.SEARCH),
          Map.entry("glob", ToolKind.SEARCH),
          Map.entry("ls", ToolKind.SEARCH),
          Map.entry("find", ToolKind.SEARCH),
          Map.entry("list_directory", ToolKind.SEARCH),
          Map.entry("search_file_content", ToolKind.SEARCH),
          Map.entry("find_file", ToolKind.SEARCH),
          Map.entry("search_dir", ToolKind.SEARCH),
          Map.entry("search_file", ToolKind.SEARCH),
          Map.entry("web_search", ToolKind.SEARCH),
          Map.entry("web_search_call", ToolKind.SEARCH),
          Map.entry("google_web_search", ToolKind.SEARCH),
          Map.entry("websearch", ToolKind.SEARCH),
          Map.entry("web_fetch", ToolKind.SEARCH),
          Map.entry("webfetch", ToolKind.SEARCH),
          Map.entry("browse", ToolKind.SEARCH),
          Map.entry("task", ToolKind.TASK),
          Map.entry("agent", ToolKind.TASK),
          Map.entry("spawn_agent", ToolKind.TASK),
          Map.entry("delegate", ToolKind.TASK));

  private static final Pattern[] EXIT_CODES = {
    Pattern.compile("(?i)\\bexit code:?\\s*(-?\\d+)"),
    Pattern.compile("(?i)process exited with code\\s*(-?\\d+)"),
    Pattern.compile("<returncode>\\s*(-?\\d+)\\s*</returncode>"),
    Pattern.compile("(?i)\"exit_code\"\\s*:\\s*(-?\\d+)"),
  };

  private static final Pattern PATCH_FILE =
      Pattern.compile("(?m)^\\*\\*\\* (Add|Update|Delete) File: (.+)$");

  private Tools() {}

  /** The kind of the tool called {@code name} (case-insensitive); {@code OTHER} if unknown. */
  public static ToolKind kindOf(String name) {
    ToolKind k = KINDS.get(name.toLowerCase(Locale.ROOT));
    return k == null ? ToolKind.OTHER : k;
  }

  /**
   * The command of a shell call's arguments: {@code cmd} or {@code command}, a string or an argv
   * array; {@code ["bash", "-lc", "pytest -q"]} gives {@code pytest -q}. Blank if there is none.
   */
  public static String command(Node args) {
    for (String key : new String[] {"cmd", "command", "code"}) {
      Node c = args.get(key);
      if (c.isText()) {
        return normalise(c.text(""));
      }
      if (c.isArray()) {
        return normalise(argv(c));
      }
    }
    return "";
  }

  /** An argv array as a command line, unwrapping {@code sh -c} / {@code bash -lc} wrappers. */
  public static String argv(Node array) {
    List<String> parts = new ArrayList<>();
    for (Node e : array.elements()) {
      parts.add(e.text(""));
    }
    int n = parts.size();
    if (n == 3
        && parts.get(0).matches("(/usr)?(/bin/)?(ba|z)?sh")
        && parts.get(1).matches("-l?c")) {
      return parts.get(2);
    }
    return String.join(" ", parts);
  }

  /** A command or argument with runs of whitespace collapsed and the ends trimmed. */
  public static String normalise(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  /** The first path-like argument of a file tool: {@code file_path}, {@code path}, ... */
  public static String path(Node args) {
    for (String key :
        new String[] {"file_path", "absolute_path", "path", "filename", "file", "notebook_path"}) {
      String v = args.get(key).text();
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    Node paths = args.get("paths");
    if (paths.isArray() && paths.size() > 0) {
      return paths.at(0).text("");
    }
    return "";
  }

  /** The pattern or query of a search tool. */
  public static String pattern(Node args) {
    for (String key : new String[] {"pattern", "query", "regex", "q", "url", "dir_path"}) {
      String v = args.get(key).text();
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "";
  }

  /**
   * The argument that matters for a call of kind {@code kind}: the command of a shell, the path of
   * a file tool, the pattern of a search, otherwise the compact JSON of all arguments (an excerpt).
   */
  public static String target(ToolKind kind, Node args) {
    String t;
    switch (kind) {
      case SHELL:
        t = command(args);
        break;
      case READ:
      case EDIT:
      case WRITE:
        t = path(args);
        break;
      case SEARCH:
        t = pattern(args);
        break;
      default:
        t = "";
        break;
    }
    if (t.isEmpty()) {
      t = args.isMissing() ? "" : args.isText() ? args.text("") : args.toJson();
    }
    return Texts.excerpt(t);
  }

  /** The exit code a shell result's text states ({@code Exit code: 1}, ...), if any. */
  public static @Nullable Integer exitCode(String text) {
    for (Pattern p : EXIT_CODES) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        try {
          return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The files an {@code apply_patch} envelope touches, each with its removed and added text. */
  public static List<PatchedFile> patchedFiles(String patch) {
    List<PatchedFile> out = new ArrayList<>();
    Matcher m = PATCH_FILE.matcher(patch);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      names.add(m.group(2).strip());
      ops.add(m.group(1));
    }
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : patch.length();
      String body = patch.substring(starts.get(i)[1], end);
      StringBuilder removed = new StringBuilder();
      StringBuilder added = new StringBuilder();
      for (String line : body.split("\n", -1)) {
        if (line.startsWith("-")) {
          removed.append(line, 1, line.length()).append('\n');
        } else if (line.startsWith("+")) {
          added.append(line, 1, line.length()).append('\n');
        }
      }
      out.add(new PatchedFile(names.get(i), ops.get(i), removed.toString(), added.toString()));
    }
    return out;
  }

  /**
   * One file of a patch.
   *
   * @param path the file
   * @param operation {@code Add}, {@code Update} or {@code Delete}
   * @param removed the removed lines
   * @param added the added lines
   */
  public record PatchedFile(String path, String operation, String removed, String added) {}

  /** A tool call step with the digest of its compact arguments. */
  public static Step.ToolCall call(
      Instant at,
      int request,
      String agentId,
      String callId,
      String tool,
      ToolKind kind,
      String target,
      String args) {
    return new Step.ToolCall(
        at, request, agentId, callId, tool, kind, target, Texts.digest(tool + "\n" + args));
  }

  /**
   * The runner's header a shell tool's output may start with (Codex unified exec: {@code Chunk ID},
   * {@code Wall time}, {@code Process exited with code N}, {@code Original token count}, then
   * {@code Output:}); it differs on every run, so it is no part of what the command printed.
   */
  private static final Pattern RUNNER_HEADER =
      Pattern.compile(
          "\\A(?:(?:Chunk ID|Wall time|Process exited with code|Process running with session ID"
              + "|Exit code|Original token count|Total output lines)\\b[^\\n]*\\n){1,8}Output:\\n");

  /** What a shell command printed: {@code output} without the runner's header, if it has one. */
  public static String printed(String output) {
    Matcher m = RUNNER_HEADER.matcher(output);
    return m.find() ? output.substring(m.end()) : output;
  }

  /**
   * A tool result step whose size and excerpt are of all of {@code output} (the model reads all of
   * it) but whose digest is of what the command {@link #printed}, so that the same output run twice
   * has the same digest.
   */
  public static Step.ToolResult shellResult(
      Instant at,
      int request,
      String agentId,
      String callId,
      String output,
      boolean isError,
      @Nullable Integer exitCode) {
    return result(at, request, agentId, callId, output, printed(output), isError, exitCode);
  }

  /** A tool result step: size estimate, digest and excerpt of {@code output}. */
  public static Step.ToolResult result(
      Instant at,
      int request,
      String agentId,
      String callId,
      String output,
      boolean isError,
      @Nullable Integer exitCode) {
    return result(at, request, agentId, callId, output, output, isError, exitCode);
  }

  private static Step.ToolResult result(
      Instant at,
      int request,
      String agentId,
      String callId,
      String output,
      String digested,
      boolean isError,
      @Nullable Integer exitCode) {
    return new Step.ToolResult(
        at,
        request,
        agentId,
        callId,
        isError,
        exitCode,
        Texts.estimateTokens(output.length()),
        Texts.digest(digested),
        Texts.excerpt(output));
  }

  /** An edit step; {@code before} and {@code after} are texts, digested here. */
  public static Step.Edit edit(
      Instant at,
      int request,
      String agentId,
      String callId,
      String file,
      String before,
      String after) {
    return new Step.Edit(
        at,
        request,
        agentId,
        callId,
        file,
        before.isEmpty() ? "" : Texts.digest(before),
        Texts.digest(after));
  }

  /** A user message step. */
  public static Step.UserMessage user(Instant at, int request, String agentId, String text) {
    return new Step.UserMessage(
        at, request, agentId, Texts.estimateTokens(text.length()), Texts.excerpt(text));
  }
}
