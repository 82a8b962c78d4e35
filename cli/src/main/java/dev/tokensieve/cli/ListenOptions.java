package dev.tokensieve.cli;

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
}
