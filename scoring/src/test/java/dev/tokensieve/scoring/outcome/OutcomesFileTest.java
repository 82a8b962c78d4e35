package dev.tokensieve.scoring.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokensieve.core.model.SessionId;
import dev.tokensieve.core.report.OutcomeLabel;
import dev.tokensieve.core.report.OutcomeSignal;
import dev.tokensieve.core.report.SignalKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OutcomesFileTest {
  @Test
  void load_csv_acceptsEverySpelling(@TempDir Path dir) throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("o.csv"),
            "session_id,outcome\n# comment\na,SUCCESS\nb,failure\nc,true\nd,0\n\"e\",resolved\nf,unresolved\n");
    OutcomesFile o = OutcomesFile.load(f);
    assertThat(o.size()).isEqualTo(6);
    assertThat(o.find(new SessionId("a"))).contains(OutcomeLabel.SUCCESS);
    assertThat(o.find(new SessionId("b"))).contains(OutcomeLabel.FAILURE);
    assertThat(o.find(new SessionId("c"))).contains(OutcomeLabel.SUCCESS);
    assertThat(o.find(new SessionId("d"))).contains(OutcomeLabel.FAILURE);
    assertThat(o.find(new SessionId("e"))).contains(OutcomeLabel.SUCCESS);
    assertThat(o.find(new SessionId("f"))).contains(OutcomeLabel.FAILURE);
    assertThat(o.find(new SessionId("zz"))).isEmpty();
    assertThat(o.signal(new SessionId("b")))
        .contains(new OutcomeSignal(SignalKind.EXTERNAL_FAILURE, -1, f + ":4: failure"));
  }

  @Test
  void load_csvBadValue_failsWithFileAndLine(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("o.csv"), "session_id,outcome\na,SUCCESS\nb,maybe\n");
    assertThatThrownBy(() -> OutcomesFile.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            f
                + ":3: outcome must be SUCCESS or FAILURE (or true/false, resolved/unresolved,"
                + " 1/0), was \"maybe\"");
  }

  @Test
  void load_csvShortRowOrMissingHeader_fails(@TempDir Path dir) throws IOException {
    Path shortRow = Files.writeString(dir.resolve("a.csv"), "session_id,outcome\nlonely\n");
    assertThatThrownBy(() -> OutcomesFile.load(shortRow))
        .hasMessage(shortRow + ":2: expected 2 columns, was 1: \"lonely\"");
    Path noHeader = Files.writeString(dir.resolve("b.csv"), "a,SUCCESS\n");
    assertThatThrownBy(() -> OutcomesFile.load(noHeader))
        .hasMessage(
            noHeader + ":1: expected a header with columns session_id,outcome, was \"a,SUCCESS\"");
  }

  @Test
  void load_conflictingDuplicate_fails(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("o.csv"), "session_id,outcome\na,1\na,0\n");
    assertThatThrownBy(() -> OutcomesFile.load(f))
        .hasMessage(f + ":3: session a already has outcome 1 (line 2), was 0");
  }

  @Test
  void load_jsonObject_likeSweBenchOutcomes() {
    OutcomesFile o =
        OutcomesFile.parse(
            "{\n\"django__django-12125\": false,\n\"django__django-12308\": true,\n\"x\": \"SUCCESS\"\n}",
            "outcomes.json");
    assertThat(o.find(new SessionId("django__django-12125"))).contains(OutcomeLabel.FAILURE);
    assertThat(o.find(new SessionId("django__django-12308"))).contains(OutcomeLabel.SUCCESS);
    assertThat(o.signal(new SessionId("x")))
        .contains(new OutcomeSignal(SignalKind.EXTERNAL_SUCCESS, -1, "outcomes.json:4: SUCCESS"));
  }

  @Test
  void load_jsonList_ofObjects() {
    OutcomesFile o =
        OutcomesFile.parse(
            "[{\"session_id\": \"a\", \"outcome\": \"FAILURE\"}, {\"session_id\": \"b\", \"outcome\": 1}]",
            "o.json");
    assertThat(o.find(new SessionId("a"))).contains(OutcomeLabel.FAILURE);
    assertThat(o.find(new SessionId("b"))).contains(OutcomeLabel.SUCCESS);
  }

  @Test
  void load_jsonBadRows_failWithLine() {
    assertThatThrownBy(() -> OutcomesFile.parse("{\n\"a\": true,\n\"b\": null\n}", "o.json"))
        .hasMessage("o.json:3: expected true, false or a string, was null");
    assertThatThrownBy(() -> OutcomesFile.parse("[\n{\"session_id\": \"a\"}\n]", "o.json"))
        .hasMessage("o.json:2: expected fields \"session_id\" and \"outcome\"");
    assertThatThrownBy(() -> OutcomesFile.parse("{\"a\": tru", "o.json"))
        .hasMessageStartingWith("o.json:1: ");
  }
}
