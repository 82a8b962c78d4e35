/**
 * Claude Code transcripts ({@code ~/.claude/projects/<project>/<sessionId>.jsonl}, their sub-agent
 * and compaction files): see FORMATS.md section 1 for the fields and traps this parser handles.
 */
@NullMarked
package dev.tokensieve.parsers.claude;

import org.jspecify.annotations.NullMarked;
