package com.marketplacecontracts.drift;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Where the files of one document live, and the only place they are read from: a folder, or a URL's folder on one
 * scheme, host and port. Files are named by normalised paths relative to that root ({@code paths/orders.yaml});
 * a {@code $ref} is percent-decoded and normalised before it is resolved, and one that would leave the root (an
 * absolute path, a scheme, {@code ..} above the root, a symbolic link pointing out) is refused naming the reference,
 * never showing what it points at. Reads are bounded in count, size and (for a URL) time.
 */
abstract class DocumentRoot {

  static final int MAX_FILES = 10_000;
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  private int files;
  private long total;

  /** Shown in findings and errors: the folder or the URL given, never anything read. */
  abstract String describe();

  /** The file named {@code relative} (already normalised and inside the root). */
  final byte[] read(String relative) {
    if (++files > MAX_FILES) {
      throw new UnreadableSpecException("upstream spec has more than " + MAX_FILES + " files");
    }
    byte[] bytes = fetch(relative);
    total += bytes.length;
    if (total > MAX_TOTAL_BYTES) {
      throw new UnreadableSpecException("upstream spec larger than " + MAX_TOTAL_BYTES + " bytes in all");
    }
    return bytes;
  }

  abstract byte[] fetch(String relative);

  /**
   * The file a {@code $ref}'s file part names, relative to the root, from the file {@code from} (relative too).
   *
   * @throws UnreadableSpecException when it is not a relative reference inside the root
   */
  static String resolve(String from, String refFile) {
    String decoded;
    try {
      decoded = URLDecoder.decode(refFile.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw refused(refFile, from, "a malformed percent-encoding");
    }
    if (decoded.isEmpty() || decoded.indexOf('\0') >= 0 || decoded.contains("\\") || decoded.startsWith("/")
        || decoded.startsWith("~") || decoded.contains(":") || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw refused(refFile, from, "only relative refs are read, inside the document's folder");
    }
    Deque<String> parts = new ArrayDeque<>();
    int slash = from.lastIndexOf('/');
    if (slash >= 0) {
      for (String part : from.substring(0, slash).split("/")) {
        parts.addLast(part);
      }
    }
    for (String part : decoded.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw refused(refFile, from, "it leaves the document's folder");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    if (parts.isEmpty()) {
      throw refused(refFile, from, "it names the folder, not a file");
    }
    return String.join("/", parts);
  }

  private static UnreadableSpecException refused(String ref, String from, String why) {
    return new UnreadableSpecException("$ref refused: " + Text.visible(ref, 200) + " in " + Text.visible(from, 200)
        + ": " + why);
  }

  /** One file held in memory (the curated spec from the class path): nothing else can be referenced. */
  static final class InMemory extends DocumentRoot {
    private final String name;
    private final byte[] bytes;

    InMemory(String name, byte[] bytes) {
      this.name = name;
      this.bytes = bytes.clone();
    }

    @Override
    String describe() {
      return name;
    }

    @Override
    byte[] fetch(String relative) {
      if (!relative.equals(name)) {
        throw new UnreadableSpecException("$ref refused: " + Text.visible(relative, 200)
            + ": a single-file document references no other file");
      }
      return bytes.clone();
    }
  }

  /** A folder on disk; symbolic links are followed only where they stay inside it. */
  static final class Folder extends DocumentRoot {
    private final Path root;
    private final Path realRoot;

    Folder(Path root) {
      this.root = root.toAbsolutePath().normalize();
      try {
        this.realRoot = this.root.toRealPath();
      } catch (IOException e) {
        throw new UnreadableSpecException("upstream folder unreadable: " + this.root);
      }
    }

    @Override
    String describe() {
      return root.toString();
    }

    @Override
    byte[] fetch(String relative) {
      Path file = root.resolve(relative).normalize();
      Path real;
      try {
        real = file.toRealPath();
      } catch (IOException e) {
        throw new UnreadableSpecException("$ref to a missing file: " + Text.visible(relative, 200));
      }
      if (!real.startsWith(realRoot)) {
        throw new UnreadableSpecException("$ref refused: " + Text.visible(relative, 200)
            + ": a link that leaves the document's folder");
      }
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnreadableSpecException("$ref to something that is not a regular file: "
            + Text.visible(relative, 200));
      }
      try (InputStream in = Files.newInputStream(real)) {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
          throw new UnreadableSpecException("upstream file larger than " + MAX_FILE_BYTES + " bytes: "
              + Text.visible(relative, 200));
        }
        return bytes;
      } catch (IOException e) {
        throw new UnreadableSpecException("upstream file unreadable: " + Text.visible(relative, 200));
      }
    }
  }

  /**
   * The folder of a URL: files fetched one by one from the same scheme, host and port, under the root's folder, no
   * redirects, each within 30 s and all within the overall deadline (a server dripping bytes cannot hold it).
   */
  static final class Remote extends DocumentRoot {
    private static final Duration PER_FILE = Duration.ofSeconds(30);
    private final HttpUrl base;
    private final String shown;
    private final long deadlineNanos;
    private final OkHttpClient http;
    private final String rootName;

    Remote(URI rootUrl, Duration overall) {
      HttpUrl url = HttpUrl.get(rootUrl.toString());
      if (url.pathSegments().get(url.pathSize() - 1).isEmpty()) {
        throw new UnreadableSpecException("a URL of the root document, not of a folder, is needed: "
            + Text.uri(rootUrl.toString()));
      }
      this.base = url.newBuilder().query(null).fragment(null).build().resolve(".");
      this.rootName = url.pathSegments().get(url.pathSize() - 1);
      this.shown = Text.uri(rootUrl.toString());
      this.deadlineNanos = System.nanoTime() + overall.toNanos();
      this.http = new OkHttpClient.Builder().callTimeout(PER_FILE).followRedirects(false)
          .followSslRedirects(false).retryOnConnectionFailure(false).build();
    }

    @Override
    String describe() {
      return shown;
    }

    @Override
    byte[] fetch(String relative) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new UnreadableSpecException("upstream spec not read within its deadline: " + shown);
      }
      HttpUrl.Builder url = base.newBuilder();
      for (String segment : relative.split("/")) {
        url.addPathSegment(segment);
      }
      HttpUrl target = url.build();
      String name = Text.uri(target.toString());   // user info and query values masked
      okhttp3.Call call = http.newCall(new Request.Builder().url(target).build());
      call.timeout().timeout(Math.min(left, PER_FILE.toNanos()), TimeUnit.NANOSECONDS);
      try (Response response = call.execute()) {
        if (!response.isSuccessful()) {
          throw new UnreadableSpecException("upstream spec unreadable: " + name + " answered HTTP " + response.code());
        }
        ResponseBody body = response.body();
        if (body == null) {
          throw new UnreadableSpecException("upstream spec unreadable: " + name + " sent no body");
        }
        if (body.source().request(MAX_FILE_BYTES + 1)) {
          throw new UnreadableSpecException("upstream file larger than " + MAX_FILE_BYTES + " bytes: " + name);
        }
        return body.source().getBuffer().readByteArray();
      } catch (InterruptedIOException e) {
        throw new UnreadableSpecException("upstream spec not read within its deadline: " + name);
      } catch (IOException e) {
        throw new UnreadableSpecException("upstream spec unreadable: " + name + ": "
            + e.getClass().getSimpleName().toLowerCase(Locale.ROOT));
      }
    }

    /** The root document's name inside its folder (the URL's last segment). */
    String rootName() {
      return rootName;
    }

    void close() {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
