package dev.tokensieve.core.price;

import static java.util.Objects.requireNonNull;

import dev.tokensieve.core.model.Request;
import dev.tokensieve.core.model.Session;
import dev.tokensieve.core.model.Usage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A session with every request priced once, so detectors and labels price alike.
 *
 * <p>A request's cost is what the trace itself reports where it reports one (mini-swe-agent,
 * OpenHands, Claude Code OTel), otherwise its list price from the {@link PriceBook}; {@link
 * #listCost(int)} keeps the list price for reconciliation. A request with neither costs nothing
 * here and its model is counted in {@link #unpricedModels()} so that reports say so, never $0.
 * Slices of a request ({@link #costOf}) are priced at list rates and scaled to the request's cost,
 * so that slices of one request always add up to that request's cost.
 */
public final class PricedSession {
  private final Session session;
  private final PriceBook prices;
  private final @Nullable ModelPrice[] modelPrices;
  private final double[] costs;
  private final double[] listCosts;
  private final boolean[] priced;
  private final Map<Class<?>, Object> derived = new HashMap<>(4);

  /** Prices every request of {@code session} with {@code prices}. */
  public PricedSession(Session session, PriceBook prices) {
    this.session = requireNonNull(session, "session");
    this.prices = requireNonNull(prices, "prices");
    int n = session.requests().size();
    this.modelPrices = new ModelPrice[n];
    this.costs = new double[n];
    this.listCosts = new double[n];
    this.priced = new boolean[n];
    @Nullable String lastModel = null;
    @Nullable ModelPrice p = null;
    for (int i = 0; i < n; i++) {
      Request r = session.requests().get(i);
      if (!r.model().equals(lastModel)) { // runs of one model: look each run's price up once
        lastModel = r.model();
        p = prices.find(lastModel).orElse(null);
      }
      modelPrices[i] = p;
      listCosts[i] = p == null ? 0 : p.cost(r.usage());
      Double reported = r.reportedCostUsd();
      costs[i] = reported != null ? reported : listCosts[i];
      priced[i] = p != null || reported != null;
    }
  }

  /**
   * What {@code derive} computes from this session, computed at the first call for {@code type} and
   * kept: for immutable indexes that several detectors need alike (the detectors' Timeline), so
   * that a session is indexed once, not once per detector. {@code derive} must depend on this
   * session only and must not call this method. Thread-safe.
   */
  public synchronized <T> T derived(Class<T> type, Function<PricedSession, ? extends T> derive) {
    Object value = derived.get(type);
    if (value == null) {
      value = requireNonNull(derive.apply(this), "derived value");
      derived.put(type, value);
    }
    return type.cast(value);
  }

  /** The session. */
  public Session session() {
    return session;
  }

  /** The price book the session was priced with. */
  public PriceBook prices() {
    return prices;
  }

  /** The number of requests. */
  public int size() {
    return costs.length;
  }

  /** Request {@code i}. */
  public Request request(int i) {
    return session.requests().get(i);
  }

  /** The cost of request {@code i}: reported where the trace says, else list; 0 if neither. */
  public double cost(int i) {
    return costs[i];
  }

  /** The list-price cost of request {@code i}; 0 if its model is unpriced. */
  public double listCost(int i) {
    return listCosts[i];
  }

  /** Whether request {@code i} has a cost: a reported one or a list price. */
  public boolean isPriced(int i) {
    return priced[i];
  }

  /** The price of request {@code i}'s model, if known. */
  public Optional<ModelPrice> price(int i) {
    return Optional.ofNullable(modelPrices[i]);
  }

  /**
   * What {@code part} of request {@code i}'s tokens cost, at the tier the whole request was billed
   * at; 0 if the model is unpriced.
   */
  public double costOf(int i, Usage part) {
    ModelPrice p = modelPrices[i];
    Usage whole = request(i).usage();
    if (p == null) {
      // reported cost only: share it out by tokens
      return whole.total() == 0 ? 0 : costs[i] * ((double) part.total() / whole.total());
    }
    double list = p.cost(part, whole.context());
    return listCosts[i] == 0 ? list : list * (costs[i] / listCosts[i]);
  }

  /**
   * What {@code part} of request {@code i}'s tokens would have cost on {@code model}'s list price
   * (for what-if comparisons); empty if that model is unpriced.
   */
  public OptionalDouble costOn(String model, int i, Usage part) {
    Optional<ModelPrice> p = prices.find(model);
    return p.isPresent()
        ? OptionalDouble.of(p.get().cost(part, request(i).usage().context()))
        : OptionalDouble.empty();
  }

  /** The sum of all requests' costs (reported where the trace says, else list). */
  public double totalCost() {
    double sum = 0;
    for (double c : costs) {
      sum += c;
    }
    return sum;
  }

  /** The sum of all requests' list-price costs. */
  public double totalListCost() {
    double sum = 0;
    for (double c : listCosts) {
      sum += c;
    }
    return sum;
  }

  /** The sum of the costs the trace reports, or empty if it reports none. */
  public OptionalDouble totalReportedCost() {
    double sum = 0;
    boolean any = false;
    for (Request r : session.requests()) {
      Double c = r.reportedCostUsd();
      if (c != null) {
        sum += c;
        any = true;
      }
    }
    return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** The models of this session that have no price, sorted. */
  public Set<String> unpricedModels() {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < costs.length; i++) {
      if (!priced[i]) {
        out.add(request(i).model());
      }
    }
    return out;
  }
}
