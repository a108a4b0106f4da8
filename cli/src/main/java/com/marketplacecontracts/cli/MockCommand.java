package com.marketplacecontracts.cli;

import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.PrismServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code marketplace mock yandex|teez [--port N]}: the embedded Prism mock in the foreground until Ctrl-C, its base
 * URL on stdout, for a program of one's own to call ({@code .baseUrl("http://127.0.0.1:N")}).
 */
@Command(name = "mock", mixinStandardHelpOptions = true,
    description = {"Serve a marketplace's spec examples on a loopback port until Ctrl-C (the embedded Prism mock"
        + " the other commands use), for your own program: .baseUrl(\"http://127.0.0.1:N\").",
        "The base URL is printed on stdout; Prism checks each request against the spec."},
    subcommands = {MockCommand.Yandex.class, MockCommand.Teez.class})
final class MockCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose the marketplace: mock yandex or mock teez");
  }

  /** Serves one marketplace's mock until the process is stopped (or, in tests, the thread interrupted). */
  abstract static class Serve implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "The loopback port, 1024 to 65535 (default: a free"
        + " one).")
    Integer port;

    abstract MarketplaceSpec marketplace();

    @Override
    public Integer call() {
      if (port != null && (port < 1024 || port > 65535)) {
        throw new ParameterException(spec.commandLine(), "--port must be 1024 to 65535, was " + port);
      }
      if (port != null && !free(port)) {
        throw new ParameterException(spec.commandLine(), "--port " + port + " is in use on 127.0.0.1: give another"
            + " port, or leave --port out for a free one");
      }
      int at = port != null ? port : PrismServer.freePort();
      return MarketplaceCli.withTarget(spec, true, (target, output) -> {
        PrismServer server = target.startMock(marketplace(), at);
        String url = server.baseUrl().replaceFirst("/$", "");
        output.println(url);
        output.progress("Serving the examples of " + target.mockSource(marketplace()) + " at " + url
            + " until Ctrl-C. In your program: .baseUrl(\"" + url + "\")");
        try {
          new CountDownLatch(1).await(); // until Ctrl-C ends the process (its shutdown stops Prism)
        } catch (InterruptedException e) {
          // the stop request, handled by returning: the flag is not set again, so that closing waits for Prism
        }
        return ExitCodes.OK;
      });
    }

    private static boolean free(int port) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** {@code marketplace mock yandex}. */
  @Command(name = "yandex", mixinStandardHelpOptions = true,
      description = "Serve the Yandex Market Partner API's examples (specs/yandex/partner-api.yaml).")
  static final class Yandex extends Serve {
    @Override
    MarketplaceSpec marketplace() {
      return MarketplaceSpec.YANDEX_MARKET;
    }
  }

  /** {@code marketplace mock teez}. */
  @Command(name = "teez", mixinStandardHelpOptions = true,
      description = "Serve the Teez Seller API's examples (specs/teez/seller-api.yaml).")
  static final class Teez extends Serve {
    @Override
    MarketplaceSpec marketplace() {
      return MarketplaceSpec.TEEZ;
    }
  }
}
