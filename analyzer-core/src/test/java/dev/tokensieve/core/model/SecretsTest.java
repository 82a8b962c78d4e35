package dev.tokensieve.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SecretsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws key id | aws s3 ls --key AKIAIOSFODNN7EXAMPLE | aws s3 ls --key [REDACTED:aws-key]",
        "github token | git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x"
            + " | git clone https://[REDACTED:github-token]@github.com/x",
        "github pat | export GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"
            + " | export GH=[REDACTED:github-token]",
        "gitlab token | curl --header PRIVATE-TOKEN:glpat-aBcDeFgHiJkLmNoPqRsT12"
            + " | curl --header PRIVATE-TOKEN:[REDACTED:gitlab-token]",
        "anthropic key | claude --key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz-0123456789"
            + " | claude --key [REDACTED:anthropic-key]",
        "openai key | OPENAI=sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123 | OPENAI=[REDACTED:openai-key]",
        "bearer header | curl -H 'Authorization: Bearer abc.def-ghi_jkl~mno' https://api"
            + " | curl -H 'Authorization: Bearer [REDACTED:bearer-token]' https://api",
        "env secret | DATABASE_PASSWORD=hunter2hunter python app.py"
            + " | DATABASE_PASSWORD=[REDACTED:secret] python app.py",
        "quoted env | export STRIPE_SECRET_KEY=\"rk_live_12345abcde\" | export"
            + " STRIPE_SECRET_KEY=[REDACTED:secret]",
        "yaml-ish | api_key: 0123abcd4567efgh | api_key: [REDACTED:secret]",
        "url password | psql postgres://app:s3cr3tpw@db:5432/x | psql"
            + " postgres://app:[REDACTED:url-password]@db:5432/x",
        "slack | xoxb-123456789012-abcdefghijkl | [REDACTED:slack-token]",
      })
  void scrub_replacesTheCredential(String kind, String text, String expected) {
    assertThat(Secrets.scrub(text)).as(kind).isEqualTo(expected);
  }

  @Test
  void scrub_removesAWholePrivateKeyBlock() {
    String pem =
        "cat id_rsa\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\nQyNTUxOQAAACD"
            + "\n-----END OPENSSH PRIVATE KEY-----\ndone";
    assertThat(Secrets.scrub(pem)).isEqualTo("cat id_rsa\n[REDACTED:private-key]\ndone");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pytest tests/test_api.py -x",
        "max_tokens=4096 temperature=0",
        "read src/auth/TokenStore.java",
        "git commit -m 'rotate the token cache'",
        "sk-short",
        "TOKEN_LIMIT=1000"
      })
  void scrub_leavesOrdinaryTextAlone(String text) {
    assertThat(Secrets.scrub(text)).isEqualTo(text);
  }

  @Test
  void finding_isScrubbedWhereItIsMade() {
    Finding f =
        new Finding(
            FindingKind.RETRY_LOOP,
            0,
            1,
            SpendLabel.WASTEFUL,
            "ran `curl -H 'Authorization: Bearer abcdefghijklmnop1234'` 3 times",
            List.of("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls"),
            List.of());
    assertThat(f.summary())
        .isEqualTo("ran `curl -H 'Authorization: Bearer [REDACTED:bearer-token]'` 3 times");
    assertThat(f.evidence()).containsExactly("AWS_SECRET_ACCESS_KEY=[REDACTED:secret] aws s3 ls");
  }
}
