package com.marketplacecontracts.notifications;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which source addresses may post notifications. The marketplace signs nothing, so its sender networks are the only
 * check of origin it offers. Behind a reverse proxy the connection comes from the proxy: {@link #behindProxies}
 * names the proxies whose {@code X-Forwarded-For} is believed (its right-most address not itself a trusted proxy);
 * a header from anyone else is ignored.
 */
public final class SourceFilter {

  /** The marketplace's sender networks (its documentation). */
  public static final List<String> MARKETPLACE_NETWORKS =
      List.of("5.45.207.0/25", "141.8.142.0/25", "5.255.253.0/25");
  /** At most this many addresses of an {@code X-Forwarded-For} chain are looked at. */
  static final int MAX_FORWARDED = 20;

  private final List<Network> allowed;
  private final List<Network> proxies;

  private SourceFilter(List<Network> allowed, List<Network> proxies) {
    this.allowed = allowed;
    this.proxies = proxies;
  }

  /** Only the marketplace's networks. */
  public static SourceFilter marketplace() {
    return of(MARKETPLACE_NETWORKS);
  }

  /** Only these networks ({@code a.b.c.d/n}, IPv6 too); a bad one is refused naming it. */
  public static SourceFilter of(List<String> networks) {
    List<Network> parsed = new ArrayList<>();
    for (String network : networks) {
      parsed.add(Network.parse(network));
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("networks: at least one is needed");
    }
    return new SourceFilter(List.copyOf(parsed), List.of());
  }

  /**
   * The same networks, believing {@code X-Forwarded-For} from these proxies only (an explicit opt-in: a header
   * anyone can send is otherwise never read).
   */
  public SourceFilter behindProxies(List<String> trustedProxies) {
    List<Network> parsed = new ArrayList<>();
    for (String network : trustedProxies) {
      parsed.add(Network.parse(network));
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("trustedProxies: at least one is needed");
    }
    return new SourceFilter(allowed, List.copyOf(parsed));
  }

  /** The address the notification came from, as this filter sees it; {@code null} when it cannot tell. */
  InetAddress source(InetAddress remote, List<String> forwardedFor) {
    if (remote == null) {
      return null;
    }
    if (proxies.isEmpty() || !inAny(proxies, remote) || forwardedFor == null || forwardedFor.isEmpty()) {
      return remote;
    }
    List<String> chain = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String part : header.split(",", MAX_FORWARDED + 1)) {
        if (chain.size() >= MAX_FORWARDED) {
          return null;
        }
        chain.add(part.trim());
      }
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      InetAddress hop = literal(chain.get(i));
      if (hop == null) {
        return null;
      }
      if (!inAny(proxies, hop)) {
        return hop;
      }
    }
    return null;
  }

  boolean allows(InetAddress remote, List<String> forwardedFor) {
    InetAddress source = source(remote, forwardedFor);
    return source != null && inAny(allowed, source);
  }

  private static boolean inAny(List<Network> networks, InetAddress address) {
    for (Network network : networks) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An IP literal only: a name is never resolved (no DNS lookup from a header). */
  static InetAddress literal(String text) {
    String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (value.isEmpty() || value.length() > 45 || !value.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private record Network(byte[] base, int prefix, String text) {

    static Network parse(String text) {
      Objects.requireNonNull(text, "network");
      int slash = text.indexOf('/');
      InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("network: not an IP address or a.b.c.d/n: " + visible(text));
      }
      int bits = address.getAddress().length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("network: prefix is not a number: " + visible(text));
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("network: prefix must be 0 to " + bits + ": " + visible(text));
      }
      return new Network(address.getAddress(), prefix, text.toLowerCase(Locale.ROOT));
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != base.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (bytes[i] != base[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (bytes[full] & mask) == (base[full] & mask);
    }
  }

  private static String visible(String text) {
    String clipped = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    return clipped.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public String toString() {
    return "SourceFilter" + allowed.stream().map(Network::text).toList()
        + (proxies.isEmpty() ? "" : " behind " + proxies.stream().map(Network::text).toList());
  }
}
