package dev.tokensieve.cli;

import dev.tokensieve.web.auth.Security;
import dev.tokensieve.web.auth.TokenFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where {@code serve} and {@code demo} listen. */
final class ListenOptions {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7070",
      description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Interface to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host = "127.0.0.1";

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description = {
        "A Host name the server answers for besides its bind address and loopback, e.g. its DNS",
        "name behind a proxy (repeatable). Other Host headers are refused (DNS rebinding)."
      })
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--insecure",
      description = {
        "Serve a non-loopback address with no API token: anyone who can reach it may upload",
        "and read every session. Without it, such a server refuses to start."
      })
  boolean insecure;

  /**
   * How the server guards itself: with the data dir's tokens; open (everyone an admin) while no
   * token is live only on loopback or with {@code --insecure}.
   *
   * @throws CommandLine.ParameterException if a non-loopback address is to be served with no live
   *     token and no {@code --insecure}
   */
  Security security(CommandLine cmd, TokenFile tokens, PrintWriter err) {
    boolean loopback = Security.isLoopback(host);
    if (!tokens.hasLiveTokens()) {
      if (!loopback && !insecure) {
        throw new CommandLine.ParameterException(
            cmd,
            "refusing to serve "
                + host
                + " with no API token: anyone could read and upload every session. Create one"
                + " (tokensieve tokens create --data DIR --name NAME --role admin) or pass"
                + " --insecure");
      }
      if (!loopback) {
        err.println(
            "tokensieve: WARNING: --insecure: serving "
                + host
                + " with no API token; anyone who can reach it can upload and read every session");
      } else {
        err.println(
            "tokensieve: no API token in "
                + tokens.file()
                + ": open to anyone on this machine (loopback only); tokensieve tokens create"
                + " makes one");
      }
    }
    return new Security(tokens, loopback || insecure, host, allowedHosts);
  }
}
