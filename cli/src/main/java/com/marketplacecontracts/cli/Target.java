package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.mock.PrismServer;
import com.marketplacecontracts.mock.PrismUnavailableException;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where requests go and with which credentials: {@code --base-url} if given; else production when credentials are
 * set; else an embedded Prism mock started from the project's own specs (announced on stderr). Owns the mocks it
 * starts and stops them on close.
 */
final class Target implements AutoCloseable {

  private final MarketplaceCli options;
  private final Map<String, String> env;
  private final Output output;
  private final boolean forceMock;
  private final List<PrismServer> mocks = new ArrayList<>();

  Target(MarketplaceCli options, Map<String, String> env, Output output, boolean forceMock) {
    this.options = options;
    this.env = env;
    this.output = output;
    this.forceMock = forceMock;
  }

  TeezClient teez() {
    String token = first(options.teezAccessToken, env.get("TEEZ_ACCESS_TOKEN"));
    String clientId = first(options.teezClientId, env.get("TEEZ_CLIENT_ID"));
    String clientSecret = first(options.teezClientSecret, env.get("TEEZ_CLIENT_SECRET"));
    boolean hasCredentials = token != null || (clientId != null && clientSecret != null);
    TeezClient.Builder builder = TeezClient.builder().events(events());
    String url = url(hasCredentials, "teez/seller-api.yaml");
    if (url != null) {
      builder.baseUrl(url);
    }
    if (!hasCredentials || forceMock) {
      builder.accessToken("mock-token");
    } else if (token != null) {
      builder.accessToken(token);
    } else {
      builder.clientCredentials(clientId, clientSecret);
    }
    return builder.build();
  }

  YandexMarketClient yandex() {
    String apiKey = first(options.yandexApiKey, env.get("YANDEX_MARKET_API_KEY"));
    String oauth = first(options.yandexOauthToken, env.get("YANDEX_MARKET_OAUTH_TOKEN"));
    boolean hasCredentials = apiKey != null || oauth != null;
    YandexMarketClient.Builder builder = YandexMarketClient.builder().events(events());
    String url = url(hasCredentials, "yandex/partner-api.yaml");
    if (url != null) {
      builder.baseUrl(url);
    }
    if (!hasCredentials || forceMock) {
      builder.apiKey("mock-api-key");
    } else if (apiKey != null) {
      builder.apiKey(apiKey);
    } else {
      builder.oauthToken(oauth);
    }
    return builder.build();
  }

  /** The URL to use, or null for production. */
  private String url(boolean hasCredentials, String spec) {
    if (!forceMock && options.baseUrl != null) {
      if (!hasCredentials) {
        output.progress("No credentials set: sending placeholder credentials to " + options.baseUrl);
      }
      return options.baseUrl;
    }
    if (!forceMock && hasCredentials) {
      return null;
    }
    PrismServer mock = PrismServer.start(specs().resolve(spec), root(), PrismServer.Mode.LOCAL);
    mocks.add(mock);
    output.progress("Using the embedded Prism mock of specs/" + spec + " at " + mock.baseUrl()
        + (forceMock ? "" : " (no credentials set: see --help to call the marketplace)"));
    return mock.baseUrl();
  }

  private Path root() {
    String configured = first(System.getProperty("mc.root"), env.get("MARKETPLACE_HOME"));
    return Path.of(configured != null ? configured : ".").toAbsolutePath().normalize();
  }

  private Path specs() {
    Path specs = root().resolve("specs");
    if (!Files.isDirectory(specs)) {
      throw new PrismUnavailableException("the embedded mock needs the project's"
          + " specs/ folder; run ./marketplace from the project checkout (not found: " + specs + ")");
    }
    return specs;
  }

  private ClientEvents events() {
    return new ClientEvents() {
      @Override
      public void retrying(String operationId, int failedAttempt, String reason, Duration delay) {
        output.progress(operationId + ": attempt " + failedAttempt + " failed (" + reason + "), retrying in "
            + seconds(delay));
      }

      @Override
      public void rateLimitWait(String operationId, Duration wait) {
        output.progress(operationId + ": waiting " + seconds(wait) + " for the marketplace quota");
      }

      @Override
      public void deprecatedOperation(String operationId, String replacementOperationId, String shutdownDate) {
        output.progress("warning: " + operationId + (COMMANDS.containsKey(operationId)
            ? " (" + COMMANDS.get(operationId) + ")" : "") + (shutdownDate.isEmpty()
            ? " is deprecated by the marketplace" : " was removed by the marketplace on " + shutdownDate)
            + (replacementOperationId.isEmpty() ? "" : "; use " + COMMANDS.getOrDefault(replacementOperationId,
            replacementOperationId)));
      }

      @Override
      public void polled(String operationId, int attempt, boolean settled, Duration elapsed) {
        output.progress(operationId + ": poll " + attempt + " after " + seconds(elapsed)
            + (settled ? ", settled" : ", still in progress"));
      }
    };
  }

  /** How the command line reaches an operation, for warnings that name what to use instead. */
  private static final Map<String, String> COMMANDS = Map.of(
      "getOfferMappingEntries", "yandex offers --campaign-id",
      "getOfferMappings", "yandex offers --business-id B");

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String first(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  @Override
  public void close() {
    mocks.forEach(PrismServer::close);
  }
}
