package dev.tokensieve.cli;

import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.Usage;
import dev.tokensieve.core.report.Outcome;
import dev.tokensieve.core.report.SpendBreakdown;
import dev.tokensieve.datasets.GroundTruth;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One labelled session after the whole pipeline: what the parser counted, what the detectors found,
 * the verdict and spend labels from the trace alone, and the outcome model's features.
 *
 * @param source {@link LabelledSessions#GENERATED} or a real run's folder name
 * @param id the session id
 * @param success the known outcome (ground truth, or the outcomes file)
 * @param truth the generator's ground truth; null for real sessions
 * @param tokens the parsed, de-duplicated token totals
 * @param requests the parsed request count
 * @param findings the detectors' findings
 * @param outcome the verdict from the trace alone (no outcomes file)
 * @param spend the spend labels under that verdict
 * @param features the outcome model's input, exactly as the analyzer computes it
 * @param model the model that served most requests, as the trace names it
 */
record Scored(
    String source,
    String id,
    boolean success,
    @Nullable GroundTruth truth,
    Usage tokens,
    int requests,
    List<Finding> findings,
    Outcome outcome,
    SpendBreakdown spend,
    double[] features,
    String model) {}
