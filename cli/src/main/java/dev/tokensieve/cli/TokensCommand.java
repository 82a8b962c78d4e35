package dev.tokensieve.cli;

import dev.tokensieve.web.auth.ApiToken;
import dev.tokensieve.web.auth.Role;
import dev.tokensieve.web.auth.TokenFile;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokensieve tokens create|list|revoke}: the API tokens of a data dir. */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the API tokens of a serve data dir (DIR/tokens.json holds only their SHA-256).",
      "Roles: admin (everything), uploader (uploads, sees its own sessions), reader (sees the",
      "sessions of its --team). A running server picks up changes at once."
    },
    subcommands = {
      TokensCommand.Create.class,
      TokensCommand.ListTokens.class,
      TokensCommand.Revoke.class
    })
final class TokensCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "say create, list or revoke (tokensieve tokens --help)");
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Makes a token and prints its secret, once: nothing keeps it.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DataDirOption dir = new DataDirOption();

    @Option(names = "--name", required = true, description = "Who or what it is for.")
    String name = "";

    @Option(
        names = "--role",
        required = true,
        description = "admin, uploader or reader.",
        converter = RoleConverter.class)
    Role role = Role.READER;

    @Option(
        names = "--user",
        description = "The user an uploader's sessions belong to (default: its --name).")
    @Nullable String user;

    @Option(
        names = "--team",
        paramLabel = "TEAM",
        description =
            "A team a reader sees, or an uploader may upload for (repeatable; a reader needs one).")
    List<String> teams = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      TokenFile.Created c;
      try {
        c = TokenFile.in(dir.data).create(name, role, user, teams);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      out.println(c.secret());
      spec.commandLine()
          .getErr()
          .println(
              "tokensieve: made "
                  + describe(c.token())
                  + "; the secret above is shown only now (send it as Authorization: Bearer ...)");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens.")
  static final class ListTokens implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DataDirOption dir = new DataDirOption();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<ApiToken> all = TokenFile.in(dir.data).list();
      if (all.isEmpty()) {
        out.println("no tokens in " + dir.data + " (a server on loopback runs open)");
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "%-8s  %-8s  %-8s  %-20s  %-16s  %-20s  %s%n",
          "id",
          "state",
          "role",
          "name",
          "user",
          "created (UTC)",
          "teams");
      for (ApiToken t : all) {
        out.printf(
            Locale.ROOT,
            "%-8s  %-8s  %-8s  %-20s  %-16s  %-20s  %s%n",
            t.id(),
            t.isLive() ? "live" : "revoked",
            t.role().json(),
            t.name(),
            t.user() == null ? "-" : t.user(),
            Instant.ofEpochMilli(t.createdAt()).toString().substring(0, 19),
            t.teams().isEmpty() ? "-" : String.join(",", t.teams()));
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token.")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin DataDirOption dir = new DataDirOption();

    @Parameters(paramLabel = "ID", description = "The token's id, as list shows it.")
    String id = "";

    @Override
    public Integer call() {
      if (!TokenFile.in(dir.data).revoke(id)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "no live token with id " + id + " in " + dir.data);
      }
      spec.commandLine().getOut().println("revoked " + id);
      return 0;
    }
  }

  static String describe(ApiToken t) {
    return t.role().json()
        + " token "
        + t.id()
        + " \""
        + t.name()
        + "\""
        + (t.user() == null ? "" : " for user " + t.user())
        + (t.teams().isEmpty() ? "" : " teams " + String.join(",", t.teams()));
  }

  /** Reads a role in any case. */
  static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      return Role.parse(value);
    }
  }
}
