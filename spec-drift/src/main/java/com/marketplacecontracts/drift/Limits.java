package com.marketplacecontracts.drift;

import io.swagger.v3.oas.models.Operation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An operation's quotas by subscription tier, from the marketplace's {@code x-resource-limit-config}
 * ({@code path}, then per tier {@code amount} per {@code period-duration} {@code period}) or the project's older
 * {@code x-rate-limit} ({@code requests|items: N, per: second|minute|hour|day}; one limit for every tier, keyed
 * {@link #ALL_TIERS}).
 */
final class Limits {

  static final String ALL_TIERS = "*";

  /** A quota: {@code amount} units per {@code seconds}; {@code unit} is {@code request} or the counted field. */
  record Limit(long amount, long seconds, String unit) {

    double perSecond() {
      return (double) amount / seconds;
    }

    @Override
    public String toString() {
      String per = switch ((int) Math.min(seconds, Integer.MAX_VALUE)) {
        case 1 -> "second";
        case 60 -> "minute";
        case 3600 -> "hour";
        case 86_400 -> "day";
        default -> seconds + " s";
      };
      return String.format(Locale.ROOT, "%,d %s/%s", amount, unit.equals("request") ? "requests" : unit, per);
    }
  }

  private Limits() {
  }

  static Map<String, Limit> of(Operation operation) {
    Map<String, Limit> out = new LinkedHashMap<>();
    Map<String, Object> extensions = operation.getExtensions();
    if (extensions == null) {
      return out;
    }
    if (extensions.get("x-resource-limit-config") instanceof Map<?, ?> config) {
      String unit = unit(String.valueOf(config.get("path")));
      for (Map.Entry<?, ?> tier : config.entrySet()) {
        if (tier.getValue() instanceof Map<?, ?> limit && limit.get("amount") != null) {
          long duration = limit.get("period-duration") == null ? 1 : number(limit.get("period-duration"));
          out.put(String.valueOf(tier.getKey()),
              new Limit(number(limit.get("amount")), duration * seconds(limit.get("period")), unit));
        }
      }
    } else if (extensions.get("x-rate-limit") instanceof Map<?, ?> limit) {
      boolean items = limit.get("items") != null;
      Object amount = items ? limit.get("items") : limit.get("requests");
      if (amount != null) {
        out.put(ALL_TIERS, new Limit(number(amount), seconds(limit.get("per")), items ? "items" : "request"));
      }
    }
    return out;
  }

  /** {@code resp} counts requests; {@code req.offerIds} counts items of that request field. */
  private static String unit(String path) {
    if (path.equals("resp") || path.equals("null")) {
      return "request";
    }
    return path.startsWith("req.") ? path.substring("req.".length()) : path;
  }

  private static long number(Object value) {
    return Long.parseLong(String.valueOf(value).trim());
  }

  private static long seconds(Object period) {
    String p = String.valueOf(period).toLowerCase(Locale.ROOT);
    if (p.startsWith("sec")) {
      return 1;
    }
    if (p.startsWith("min")) {
      return 60;
    }
    if (p.startsWith("hour")) {
      return 3600;
    }
    if (p.startsWith("day")) {
      return 86_400;
    }
    throw new IllegalArgumentException("unknown limit period: " + period);
  }
}
