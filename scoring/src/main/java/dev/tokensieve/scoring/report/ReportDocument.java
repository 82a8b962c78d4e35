package dev.tokensieve.scoring.report;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.Growth;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.RequestLine;
import dev.tokensieve.core.report.SpendBreakdown;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code tokensieve.report/v1} document as read back: what the JSON carries, no more (the
 * session's steps are not in the report).
 *
 * @param schema the schema name
 * @param sessions the sessions
 * @param totals the totals
 * @param problems the files and lines that could not be read
 */
public record ReportDocument(
    String schema, List<Entry> sessions, TotalsEntry totals, List<ParseProblem> problems) {

  /** Copies the lists. */
  public ReportDocument {
    requireNonNull(schema, "schema");
    requireNonNull(totals, "totals");
    sessions = List.copyOf(sessions);
    problems = List.copyOf(problems);
  }

  /** One {@code sessions[]} entry; fields as in the contract. */
  public record Entry(
      String id,
      String agent,
      List<String> sources,
      @Nullable String project,
      @Nullable String repo,
      @Nullable String branch,
      @Nullable String user,
      @Nullable String team,
      @Nullable Instant startedAt,
      @Nullable Instant endedAt,
      int requests,
      Usage tokens,
      double costUsd,
      double listCostUsd,
      @Nullable Double reportedCostUsd,
      List<String> unpricedModels,
      List<ModelSpend> models,
      Outcome outcome,
      SpendBreakdown spend,
      List<Finding> findings,
      Growth growth,
      List<RequestLine> requestLines) {
    /** Copies the lists. */
    public Entry {
      sources = List.copyOf(sources);
      unpricedModels = List.copyOf(unpricedModels);
      models = List.copyOf(models);
      findings = List.copyOf(findings);
      requestLines = List.copyOf(requestLines);
    }
  }

  /** The {@code totals} object. */
  public record TotalsEntry(
      int sessions, long requests, Usage tokens, double costUsd, SpendBreakdown spend) {}
}
