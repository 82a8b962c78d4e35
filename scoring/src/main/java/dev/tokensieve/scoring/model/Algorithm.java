package dev.tokensieve.scoring.model;

/** The learning algorithms the outcome model is chosen from, by measured cross-validation. */
public enum Algorithm {
  /** L2-regularised logistic regression on standardised features (the shipped model). */
  LOGISTIC_REGRESSION,
  /** A random forest of 200 trees. */
  RANDOM_FOREST,
  /** Gradient-boosted trees, 200 rounds of depth-limited regression trees. */
  GRADIENT_BOOSTING
}
