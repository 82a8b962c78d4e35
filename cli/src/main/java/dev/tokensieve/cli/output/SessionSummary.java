package dev.tokensieve.cli.output;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.ModelSpend;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.PSuccessBasis;
import dev.tokensieve.core.report.SessionReport;
import dev.tokensieve.core.report.SpendBreakdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the table and the HTML report keep of a session: small, so that a corpus of a hundred
 * thousand sessions can be sorted by cost without holding their steps.
 */
public record SessionSummary(
    String id,
    String agent,
    @Nullable String project,
    @Nullable String team,
    @Nullable String user,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    int requests,
    Usage tokens,
    double costUsd,
    double listCostUsd,
    @Nullable Double reportedCostUsd,
    List<ModelSpend> models,
    List<String> unpricedModels,
    OutcomeLabel outcome,
    double pSuccess,
    PSuccessBasis pSuccessBasis,
    SpendBreakdown spend,
    List<Finding> topFindings,
    int findingCount) {

  /** How many findings a summary keeps, the most expensive first. */
  public static final int KEPT_FINDINGS = 20;

  /** Keeps what the outputs need of {@code r}. */
  public static SessionSummary of(SessionReport r) {
    List<Finding> top = new ArrayList<>(r.findings());
    top.sort(Comparator.comparingDouble(Finding::costUsd).reversed());
    if (top.size() > KEPT_FINDINGS) {
      top = top.subList(0, KEPT_FINDINGS);
    }
    return new SessionSummary(
        r.session().id().value(),
        r.session().agent(),
        r.session().project(),
        r.session().team(),
        r.session().user(),
        r.session().startedAt(),
        r.session().endedAt(),
        r.requests(),
        r.tokens(),
        r.costUsd(),
        r.listCostUsd(),
        r.reportedCostUsd(),
        r.models(),
        r.unpricedModels(),
        r.outcome().label(),
        r.outcome().pSuccess(),
        r.outcome().basis(),
        r.spend(),
        List.copyOf(top),
        r.findings().size());
  }
}
