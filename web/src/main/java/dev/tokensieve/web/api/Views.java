package dev.tokensieve.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokensieve.core.model.ParseProblem;
import dev.tokensieve.web.store.FeedItem;
import dev.tokensieve.web.store.GroupStats;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The response bodies of the API, as records Jackson writes. */
final class Views {
  private Views() {}

  /** Micro-dollars as USD with six decimals. */
  static BigDecimal usd(long micros) {
    return BigDecimal.valueOf(micros, 6);
  }

  /** Parses JSON the store wrote, to embed it in a response. */
  static JsonNode tree(ObjectMapper mapper, String json) {
    try {
      return mapper.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("the store returned broken JSON", e);
    }
  }

  static List<JsonNode> trees(ObjectMapper mapper, List<String> json) {
    List<JsonNode> out = new ArrayList<>(json.size());
    for (String s : json) {
      out.add(tree(mapper, s));
    }
    return out;
  }

  record Health(String status, @Nullable Integer sessions, boolean tokenRequired) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Me(
      String role,
      String name,
      @Nullable String user,
      List<String> teams,
      boolean canUpload,
      boolean open) {}

  record Problem(String file, long line, String message) {
    static List<Problem> of(List<ParseProblem> problems) {
      List<Problem> out = new ArrayList<>();
      for (ParseProblem p : problems) {
        out.add(new Problem(p.file(), p.line(), p.message()));
      }
      return out;
    }
  }

  record Upload(List<JsonNode> sessions, int stored, int unchanged, List<Problem> problems) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record SessionList(List<JsonNode> sessions, long total, @Nullable String next) {}

  record LabelSum(long tokens, BigDecimal costUsd) {}

  record Spend(LabelSum productive, LabelSum inefficient, LabelSum wasteful) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Group(
      String key,
      long sessions,
      long requests,
      long tokens,
      BigDecimal costUsd,
      Spend spend,
      long successes,
      long failures,
      long unknown,
      @Nullable Double successRate,
      double unknownShare,
      @Nullable BigDecimal costPerSuccessUsd,
      double wastefulShare,
      double inefficientShare) {
    /**
     * The success rate is among sessions whose outcome is known (null if none is), with the share
     * of unknown outcomes beside it: an UNKNOWN outcome is no failure.
     */
    static Group of(GroupStats g) {
      double cost = g.costMicros();
      long known = g.successes() + g.failures();
      long unknown = g.sessions() - known;
      return new Group(
          g.key(),
          g.sessions(),
          g.requests(),
          g.tokens(),
          usd(g.costMicros()),
          new Spend(
              new LabelSum(g.productiveTokens(), usd(g.productiveMicros())),
              new LabelSum(g.inefficientTokens(), usd(g.inefficientMicros())),
              new LabelSum(g.wastefulTokens(), usd(g.wastefulMicros()))),
          g.successes(),
          g.failures(),
          unknown,
          known == 0 ? null : (double) g.successes() / known,
          g.sessions() == 0 ? 0 : (double) unknown / g.sessions(),
          g.successes() == 0
              ? null
              : usd(g.costMicros())
                  .divide(BigDecimal.valueOf(g.successes()), 6, RoundingMode.HALF_UP),
          cost == 0 ? 0 : g.wastefulMicros() / cost,
          cost == 0 ? 0 : g.inefficientMicros() / cost);
    }
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Compare(String by, @Nullable String from, @Nullable String to, List<Group> groups) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Item(
      String id,
      String at,
      String sessionId,
      String kind,
      String summary,
      BigDecimal costUsd,
      String label,
      @Nullable String user,
      @Nullable String repo,
      @Nullable String team,
      @Nullable String model,
      String reportUrl,
      String apiUrl) {
    static Item of(FeedItem i) {
      String id = URLEncoder.encode(i.sessionId(), StandardCharsets.UTF_8).replace("+", "%20");
      return new Item(
          Long.toString(i.seq()),
          i.at().toString(),
          i.sessionId(),
          i.kind(),
          i.summary(),
          usd(i.costMicros()),
          i.label(),
          i.user(),
          i.repo(),
          i.team(),
          i.model(),
          "/#/session/" + id,
          "/api/v1/sessions/" + id);
    }
  }

  /** The first event of the feed stream: the cursor to resume from. */
  record Ready(String cursor) {}

  /**
   * A feed page.
   *
   * @param items newest first
   * @param cursor pass as {@code since} to poll for newer items
   * @param next pass as {@code before} for the page of older items; null on the last page
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Feed(List<Item> items, String cursor, @Nullable String next) {}
}
