package com.marketplacecontracts.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A representative run for the launcher's class-data-sharing archive: the tool's usual calls against an in-process
 * loopback server, so the archive holds the classes a real call loads (client, JSON, HTTP), not only those of
 * whatever command happened to run first, and {@code --help} for the whole command tree. The launcher runs it once
 * after each build (its class list, then {@code -Xshare:dump}; on Java 25 {@code -XX:AOTCacheOutput}); nothing
 * leaves the machine and its output is discarded.
 */
final class ArchiveTraining {

  private static final String UIN = "{\"status\":\"OK\",\"result\":{\"items\":[{\"id\":1,"
      + "\"uin\":[{\"value\":\"u1\",\"status\":\"OK\"}]}]}}";
  private static final String CATALOG = "{\"status\":\"OK\",\"result\":{\"paging\":{},\"offerMappings\":[{\"offer\":"
      + "{\"offerId\":\"sku-1\",\"name\":\"n\",\"cardStatus\":\"HAS_CARD_CAN_UPDATE\"}}]}}";
  private static final String OPERATIONS = "{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op-1\","
      + "\"type\":\"ORDER_STATUS_UPDATE\",\"status\":\"OK\"}]}}";

  private ArchiveTraining() {
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    // A failed run would archive an error path: the launcher then drops the archive.
    System.exit(train().stream().allMatch(code -> code == ExitCodes.OK) ? 0 : 1);
  }

  /** Runs the usual commands against an in-process loopback server; their exit codes, in order. */
  static List<Integer> train() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ArchiveTraining::answer);
    server.start();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(discard);
    System.setErr(discard);
    List<Integer> codes = new ArrayList<>();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      Map<String, String> env = Map.of("YANDEX_MARKET_API_KEY", "training");
      for (List<String> command : List.of(
          List.of("--help"), // the whole command tree, as help and a mistyped command build it
          List.of("--base-url", base, "yandex", "uin-status", "--campaign-id", "1", "--order-id", "2"),
          List.of("--base-url", base, "--json", "yandex", "offers", "--business-id", "1"),
          List.of("--base-url", base, "yandex", "operations", "--business-id", "1", "--type",
              "ORDER_STATUS_UPDATE", "--id", "op-1"))) {
        codes.add(MarketplaceCli.run(env, command.toArray(String[]::new)));
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      server.stop(0);
    }
    return codes;
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    String body = path.contains("identifiers") ? UIN : path.contains("offer-mappings") ? CATALOG : OPERATIONS;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }
}
