package dev.tokensieve.core.report;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything TokenSieve says about one session: the {@code sessions[]} entry of {@code
 * tokensieve.report/v1}.
 *
 * @param session the analysed session
 * @param tokens the sum of its requests' usage
 * @param costUsd its cost: reported where the trace states it, else list price
 * @param listCostUsd its cost at list prices
 * @param reportedCostUsd the cost the trace states, where it states one
 * @param unpricedModels models with neither a list price nor a reported cost
 * @param models each model's share
 * @param outcome what the session achieved
 * @param spend the spend by label; sums to {@code tokens.total()} and {@code costUsd}
 * @param findings the waste found, sorted by first request
 * @param growth the context-growth fit
 * @param requestLines each request, with its label split
 */
public record SessionReport(
    Session session,
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

  /** Requires every field and copies the lists. */
  public SessionReport {
    requireNonNull(session, "session");
    requireNonNull(tokens, "tokens");
    requireNonNull(outcome, "outcome");
    requireNonNull(spend, "spend");
    requireNonNull(growth, "growth");
    unpricedModels = List.copyOf(unpricedModels);
    models = List.copyOf(models);
    findings = List.copyOf(findings);
    requestLines = List.copyOf(requestLines);
  }

  /** The number of de-duplicated requests. */
  public int requests() {
    return session.requests().size();
  }
}
