package dev.tokensieve.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class CommandMemoTest {
  @Test
  void test_asksOncePerCommand_andGivesTheTestsAnswer() {
    AtomicInteger asked = new AtomicInteger();
    CommandMemo memo = new CommandMemo(c -> asked.incrementAndGet() > 0 && c.startsWith("go"));

    assertThat(memo.test("go test ./...")).isTrue();
    assertThat(memo.test("ls")).isFalse();
    assertThat(memo.test(new String("go test ./..."))).isTrue();
    assertThat(memo.test("ls")).isFalse();
    assertThat(asked).hasValue(2);
  }

  @Test
  void test_longCommands_areAskedEachTime_andTheMemoStaysBounded() {
    AtomicInteger asked = new AtomicInteger();
    CommandMemo memo = new CommandMemo(c -> asked.incrementAndGet() > 0);
    String longCommand = "x".repeat(CommandMemo.KEY_LIMIT + 1);

    memo.test(longCommand);
    memo.test(longCommand);
    assertThat(asked).hasValue(2);

    for (int i = 0; i <= CommandMemo.LIMIT; i++) {
      memo.test("echo " + i);
    }
    memo.test("echo 0"); // forgotten when the memo was cleared at the limit
    assertThat(asked).hasValue(2 + CommandMemo.LIMIT + 2);
  }
}
