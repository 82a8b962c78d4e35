package dev.tokensieve.core.model;

/** What a tool call does, normalised across agents so detectors treat every format alike. */
public enum ToolKind {
  /** Runs a shell command (Claude Code {@code Bash}, Codex {@code exec_command}, ...). */
  SHELL,
  /** Reads a file. */
  READ,
  /** Changes part of a file. */
  EDIT,
  /** Writes a whole file. */
  WRITE,
  /** Searches files or the web (grep, glob, web search). */
  SEARCH,
  /** Starts a sub-agent. */
  TASK,
  /** Anything else (MCP tools, todo lists, ...). */
  OTHER
}
