package com.marketplacecontracts.contract.prism;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor for contract tests: asks Prism for a response kind ({@code Prefer}) and records every
 * exchange's status and Prism's {@code sl-violations} report.
 */
public final class WireTap implements Interceptor {

  /** One exchange. */
  public record Exchange(String method, String path, int status, String violations) {

    /**
     * Whether Prism reported its own answer as not fitting the spec (a {@code response} location in
     * {@code sl-violations}): its generator ignores some constraints, e.g. {@code exclusiveMinimum} on numbers.
     */
    public boolean answerViolatesSpec() {
      return locations().contains("response");
    }

    /** Whether Prism found something wrong with the request the client sent. */
    public boolean requestViolatesSpec() {
      return locations().contains("request");
    }

    /**
     * Where Prism's errors are ({@code request}, {@code response}). Warnings (a deprecated parameter the spec still
     * documents) are not violations. Past a count Prism writes {@code Too many violations! [...]}, cut short: the
     * locations are then read from the text.
     */
    private Set<String> locations() {
      Set<String> out = new HashSet<>();
      if (violations == null) {
        return out;
      }
      try {
        for (com.fasterxml.jackson.databind.JsonNode violation : MAPPER.readTree(violations)) {
          if (!violation.path("severity").asText().equals("Warning")) {
            out.add(violation.path("location").path(0).asText());
          }
        }
      } catch (IOException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"location\":\\[\"(\\w+)\"")
            .matcher(violations);
        while (m.find()) {
          out.add(m.group(1));
        }
        if (out.isEmpty()) {
          out.add("request"); // unreadable: count it against the client, the stricter reading
        }
      }
      return out;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private volatile String prefer;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  /** Sends {@code Prefer: value} from now on ({@code null} for none). */
  public void prefer(String value) {
    this.prefer = value;
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Exchanges whose response carried {@code sl-violations}. */
  public List<Exchange> violations() {
    return exchanges.stream().filter(e -> e.violations() != null).toList();
  }

  /** Exchanges where Prism found the request violating the spec. */
  public List<Exchange> requestViolations() {
    return exchanges.stream().filter(Exchange::requestViolatesSpec).toList();
  }

  public void clear() {
    exchanges.clear();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (prefer != null) {
      request = request.newBuilder().header("Prefer", prefer).build();
    }
    Response response = chain.proceed(request);
    exchanges.add(new Exchange(request.method(), request.url().encodedPath(), response.code(),
        response.header("sl-violations")));
    return response;
  }
}
