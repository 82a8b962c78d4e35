/**
 * Reading support shared by the JSON-based format parsers (Codex, Gemini CLI, OpenHands, SWE-agent,
 * mini-swe-agent, OpenTelemetry): one record at a time as a small immutable tree, JSON lines and
 * documents with exact line numbers in problems, timestamps in every shape the traces use, and
 * tool-call normalisation so detectors see every agent alike.
 *
 * <p>Not an API for users of TokenSieve: public only so that each format's package can use it.
 */
@NullMarked
package dev.tokensieve.parsers.common;

import org.jspecify.annotations.NullMarked;
