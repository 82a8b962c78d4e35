package dev.tokensieve.core.detect.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokensieve.core.model.Charge;
import dev.tokensieve.core.model.Finding;
import dev.tokensieve.core.model.SpendLabel;
import dev.tokensieve.core.price.PricedSession;
import dev.tokensieve.core.testing.TraceBuilder;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

final class ModelOverkillDetectorTest {
  private final ModelOverkillDetector detector = new ModelOverkillDetector();

  @Test
  void detect_opusSurveyingFiles_chargesTheExcessOverSonnet() {
    PricedSession s =
        TraceBuilder.session("opus")
            .model(TraceBuilder.OPUS)
            .bash("ls src", "a.py b.py")
            .read("src/a.py", "x = 1")
            .glob("**/*.py", "src/a.py")
            .read("src/b.py", "y = 1")
            .bash("git status", "clean")
            .edit("src/a.py", "x = 1", "x = 2")
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.label()).isEqualTo(SpendLabel.INEFFICIENT);
    assertThat(f.charges()).extracting(Charge::request).containsExactly(0, 1, 2, 3, 4);
    double excess = 0;
    for (int i = 0; i < 5; i++) {
      excess += s.cost(i) - s.costOn("claude-sonnet-4-5", i, s.request(i).usage()).getAsDouble();
    }
    assertThat(f.costUsd()).isCloseTo(excess, Offset.offset(1e-12));
    // opus-4-1 is 5x sonnet: 80% of each request is the excess
    assertThat(f.charges().get(0).tokens())
        .isEqualTo(Math.round(s.request(0).usage().total() * 0.8));
    assertThat(f.summary())
        .startsWith(
            TraceBuilder.OPUS
                + " made 5 trivial steps in a row (one read, search or listing, at most 300 output"
                + " tokens) that claude-sonnet-4-5 would have made for $");
    assertThat(f.evidence().get(1)).isEqualTo("e.g. request 0: Bash `ls src`");
  }

  @Test
  void detect_lookupsBrokenByEdits_areOrdinaryWork() {
    PricedSession s =
        TraceBuilder.session("scattered")
            .model(TraceBuilder.OPUS)
            .read("src/a.py", "x = 1")
            .read("src/b.py", "y = 1")
            .edit("src/a.py", "x = 1", "x = 2")
            .read("src/c.py", "z = 1")
            .bash("ls src", "a.py b.py c.py")
            .glob("**/*.py", "src/a.py")
            .read("src/d.py", "w = 1")
            .edit("src/c.py", "z = 1", "z = 2")
            .read("src/e.py", "v = 1")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
  }

  @Test
  void detect_sonnetOrRealWork_findsNothing() {
    PricedSession sonnet =
        TraceBuilder.session("sonnet").bash("ls", "a").read("a", "b").glob("*", "a").priced();
    PricedSession work =
        TraceBuilder.session("work")
            .model(TraceBuilder.OPUS)
            .edit("a.py", "1", "2")
            .bashFails("pytest", "1 failed")
            .edit("a.py", "2", "3")
            .priced();

    assertThat(detector.detect(sonnet)).isEmpty();
    assertThat(detector.detect(work)).isEmpty();
  }

  @Test
  void detect_wholeSessionOfTrivialWorkOnOpus_chargesTheExcess() {
    // the shape of real Claude Code sessions in the truth set: "hello", then "write a file about
    // geese in docs" (a listing and a write) on Opus
    PricedSession s =
        TraceBuilder.session("geese")
            .model(TraceBuilder.OPUS)
            .user("hello")
            .answer(20)
            .user("write a file about geese in docs")
            .glob("docs/**", "docs/architecture.md")
            .write("docs/geese.md", "# Geese\nGeese are waterfowl.")
            .answer(10)
            .priced();

    List<Finding> findings = detector.detect(s);

    assertThat(findings).hasSize(1);
    Finding f = findings.get(0);
    assertThat(f.firstRequest()).isZero();
    assertThat(f.lastRequest()).isEqualTo(3);
    assertThat(f.label()).isEqualTo(SpendLabel.INEFFICIENT);
    double excess = 0;
    for (int i = 0; i < 4; i++) {
      excess += s.cost(i) - s.costOn("claude-sonnet-4-5", i, s.request(i).usage()).getAsDouble();
    }
    assertThat(f.costUsd()).isCloseTo(excess, Offset.offset(1e-12));
    assertThat(f.summary())
        .startsWith(
            TraceBuilder.OPUS
                + " spent the whole session on trivial work (4 requests of chat, small lookups and"
                + " file writes) that claude-sonnet-4-5 would have done for $");
  }

  @Test
  void detect_shortSessionsThatDoRealWork_findNothing() {
    String test = "func TestRedact(t *testing.T) {\n" + "  // ...\n".repeat(300) + "}\n";
    PricedSession fixesATest =
        TraceBuilder.session("fix")
            .model(TraceBuilder.OPUS)
            .user("Please fix my unit test issue")
            .read("redact/redact_test.go", test)
            .edit("redact/redact_test.go", "want := 1", "want := 2")
            .answer(10)
            .priced();
    PricedSession interrupted =
        TraceBuilder.session("stopped")
            .model(TraceBuilder.OPUS)
            .user("mix phx.server doesnt seem to start")
            .turn(30)
            .call(dev.tokensieve.core.model.ToolKind.SEARCH, "Glob", "mix.exs")
            .fail("The user doesn't want to proceed with this tool use.")
            .interrupt()
            .priced();
    PricedSession sonnet =
        TraceBuilder.session("sonnet")
            .user("hello")
            .answer(20)
            .user("write a file about geese in docs")
            .write("docs/geese.md", "# Geese")
            .priced();
    TraceBuilder longer = TraceBuilder.session("longer").model(TraceBuilder.OPUS);
    for (int i = 0; i < 3; i++) {
      longer.user("next file").write("docs/f" + i + ".md", "# " + i).answer(10);
    }
    longer
        .user("and the last")
        .bash("git status", "clean")
        .write("docs/g.md", "#")
        .read("docs/g.md", "#")
        .answer(5);

    // the tail of a longer conversation: one small edit, on a context of 98k already cached
    PricedSession tail =
        TraceBuilder.session("tail")
            .model(TraceBuilder.OPUS)
            .systemPrompt(98_000)
            .user("address the open comments")
            .edit(".claude/scripts/wrapper.sh", "tr -d '\"'", "tr -d '\"\\r'")
            .answer(10)
            .priced();

    assertThat(detector.detect(tail)).isEmpty();
    assertThat(detector.detect(fixesATest)).isEmpty();
    assertThat(detector.detect(interrupted)).isEmpty();
    assertThat(detector.detect(sonnet)).isEmpty();
    assertThat(detector.detect(longer.priced())).isEmpty();
  }

  @Test
  void cheaperThan_knowsTheFamilies() {
    assertThat(detector.cheaperThan("anthropic/claude-opus-4-5")).isEqualTo("claude-sonnet-4-5");
    assertThat(detector.cheaperThan("gpt-5.1-codex-max")).isEqualTo("gpt-5-mini");
    assertThat(detector.cheaperThan("gpt-5-mini")).isNull();
    assertThat(detector.cheaperThan("o3")).isEqualTo("o4-mini");
    assertThat(detector.cheaperThan("o4-mini")).isNull();
    assertThat(detector.cheaperThan("gemini-2.5-flash")).isNull();
  }

  @Test
  void detect_opusReadingSourceFiles_isGatheringContextNotTrivial() {
    String code = "def f():\n    return 1\n";
    PricedSession s =
        TraceBuilder.session("reading")
            .model(TraceBuilder.OPUS)
            .read("src/a.py", code, 1_500)
            .read("src/b.py", code, 900)
            .read("src/c.py", code, 2_400)
            .read("src/d.py", code, 700)
            .read("src/e.py", code, 1_100)
            .edit("src/a.py", "return 1", "return 2")
            .priced();

    assertThat(detector.detect(s)).isEmpty();
    assertThat(ModelOverkillDetector.MAX_RESULT_TOKENS).isLessThan(700);
  }
}
