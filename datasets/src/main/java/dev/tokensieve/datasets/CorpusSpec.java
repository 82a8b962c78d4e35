package dev.tokensieve.datasets;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What corpus to generate: how much (a session count, or a size in bytes of trace files), which
 * scenarios in which proportions, and which formats.
 *
 * @param sessionCount the number of sessions, or 0 when {@code targetBytes} decides
 * @param targetBytes generate until the trace files reach this many bytes, or 0
 * @param mix relative weight per scenario (absent or 0: never); teams lean on these weights
 * @param formats the formats to write; each session gets one, drawn uniformly
 */
public record CorpusSpec(
    int sessionCount, long targetBytes, Map<Scenario, Integer> mix, Set<CorpusFormat> formats) {

  /** Checks that exactly one of count and size is set, and that the mix can produce something. */
  public CorpusSpec {
    if ((sessionCount > 0) == (targetBytes > 0)) {
      throw new IllegalArgumentException(
          "give either a session count or a target size, not both or neither: sessionCount="
              + sessionCount
              + ", targetBytes="
              + targetBytes);
    }
    if (sessionCount < 0 || targetBytes < 0) {
      throw new IllegalArgumentException(
          "sizes must not be negative: sessionCount="
              + sessionCount
              + ", targetBytes="
              + targetBytes);
    }
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("no format to write");
    }
    mix = Map.copyOf(mix);
    formats = Set.copyOf(formats);
    if (mix.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
      throw new IllegalArgumentException("the scenario mix has no positive weight: " + mix);
    }
  }

  /** The default mix: every scenario at its base weight. */
  public static Map<Scenario, Integer> defaultMix() {
    Map<Scenario, Integer> m = new EnumMap<>(Scenario.class);
    for (Scenario s : Scenario.values()) {
      m.put(s, s.weight);
    }
    return m;
  }

  /** {@code n} Claude Code sessions in the default mix. */
  public static CorpusSpec sessions(int n) {
    return new CorpusSpec(n, 0, defaultMix(), EnumSet.of(CorpusFormat.CLAUDE_CODE));
  }

  /** Claude Code sessions until the trace files reach {@code bytes}. */
  public static CorpusSpec bytes(long bytes) {
    return new CorpusSpec(0, bytes, defaultMix(), EnumSet.of(CorpusFormat.CLAUDE_CODE));
  }

  /** This spec writing {@code first} and {@code rest} instead. */
  public CorpusSpec withFormats(CorpusFormat first, CorpusFormat... rest) {
    return new CorpusSpec(sessionCount, targetBytes, mix, EnumSet.of(first, rest));
  }

  /** This spec with another scenario mix. */
  public CorpusSpec withMix(Map<Scenario, Integer> weights) {
    return new CorpusSpec(sessionCount, targetBytes, weights, formats);
  }

  /** This spec with only {@code scenarios}, equally weighted. */
  public CorpusSpec only(Scenario first, Scenario... rest) {
    Map<Scenario, Integer> m = new EnumMap<>(Scenario.class);
    m.put(first, 1);
    for (Scenario s : rest) {
      m.put(s, 1);
    }
    return withMix(m);
  }

  /** The formats in a fixed order. */
  List<CorpusFormat> formatList() {
    return List.copyOf(EnumSet.copyOf(formats));
  }
}
