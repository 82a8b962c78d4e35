package dev.tokensieve.datasets;

import dev.tokensieve.core.model.FindingKind;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.OutcomeLabel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is true of one generated session, for measuring parsers, detectors and the outcome model.
 *
 * <p>Request indexes are 0-based positions in the session's de-duplicated requests ordered by the
 * time of each request's first line, main agent, sub-agents and the compaction agent interleaved
 * (the same order as {@code Session.requests()}); no two requests of a session share a millisecond.
 * Requests replayed from a resumed session belong to that earlier session only.
 *
 * @param sessionId the id the trace uses (Claude Code {@code sessionId}, Codex rollout id)
 * @param format {@code claude-code} or {@code codex}
 * @param scenario the {@link Scenario} name
 * @param outcome SUCCESS or FAILURE
 * @param user the user (also the {@code /home/<user>/} of the cwd)
 * @param team the user's team (see {@code teams.json})
 * @param repo the repository name
 * @param project the working directory
 * @param branch the git branch
 * @param startedAt the first line's time
 * @param endedAt the last line's time
 * @param requests the number of de-duplicated requests
 * @param subAgentRequests how many of them sub-agents (and compaction) made
 * @param tokens the exact de-duplicated token totals, normalised like {@code Usage}
 * @param wastes the injected waste patterns
 * @param files the session's files, relative to the corpus directory, main file first
 * @param resumes the session id this one resumes, if any
 */
public record GroundTruth(
    String sessionId,
    String format,
    String scenario,
    OutcomeLabel outcome,
    String user,
    String team,
    String repo,
    String project,
    String branch,
    Instant startedAt,
    Instant endedAt,
    int requests,
    int subAgentRequests,
    Usage tokens,
    List<Waste> wastes,
    List<String> files,
    @Nullable String resumes) {

  /** Copies the lists. */
  public GroundTruth {
    wastes = List.copyOf(wastes);
    files = List.copyOf(files);
  }

  /**
   * One injected waste pattern.
   *
   * @param kind the core finding kind a detector should report
   * @param requests the 0-based request indexes it covers, ascending; for tool-based patterns these
   *     are the requests that issued the tool calls (what {@code Step.request()} of the call points
   *     at)
   * @param note what was injected, for humans
   */
  public record Waste(FindingKind kind, List<Integer> requests, String note) {
    /** Copies the list. */
    public Waste {
      requests = List.copyOf(requests);
    }
  }
}
