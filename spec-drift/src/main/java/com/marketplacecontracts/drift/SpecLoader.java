package com.marketplacecontracts.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marketplacecontracts.core.operation.Marketplace;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads OpenAPI 3 documents split over many files with relative {@code $ref}s: the project's curated specs (from the
 * class path), a file, a directory (its root document is found) or a URL.
 *
 * <p>Every file reachable from the root is checked first: a {@code $ref} must be relative (or local), so nothing
 * outside the document is ever read. A URL is mirrored file by file into a temporary directory — only the files its
 * {@code $ref}s name, each bounded in size and time — and parsed there, so the parser never opens a connection.
 */
public final class SpecLoader {

  /** Bounds for a published spec: the Yandex one is about 1,000 files of a few KB. */
  static final int MAX_FILES = 10_000;
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern OPENAPI_ROOT =
      Pattern.compile("^(openapi\\s*:\\s*['\"]?3|\\{?\\s*\"openapi\"\\s*:\\s*\"3)", Pattern.MULTILINE);
  private static final List<String> ROOT_NAMES = List.of("openapi.yaml", "openapi.yml", "openapi.json");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SpecLoader() {
  }

  /**
   * The project's curated spec of a marketplace, as its client jar carries it
   * ({@code META-INF/marketplace-contracts/specs/}).
   */
  public static LoadedSpec curated(Marketplace marketplace) {
    String resource = marketplace.specResource();
    try (InputStream in = SpecLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnreadableSpecException("curated spec not on the class path: " + resource);
      }
      return parseContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), "curated " + resource.substring(resource.indexOf("specs/")));
    } catch (IOException e) {
      throw new UnreadableSpecException("curated spec unreadable: " + resource, e);
    }
  }

  /** A spec from a file, a directory holding one OpenAPI 3 root document, or an http(s) URL of the root. */
  public static LoadedSpec load(String location) {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      return fromUrl(URI.create(location));
    }
    return load(Path.of(location));
  }

  /** A spec from a file or a directory holding one OpenAPI 3 root document. */
  public static LoadedSpec load(Path location) {
    if (!Files.exists(location)) {
      throw new UnreadableSpecException("upstream spec not found: " + location);
    }
    Path root = Files.isDirectory(location) ? findRoot(location) : location;
    checkLocalRefs(root);
    return parseFile(root, root.toString());
  }

  /** The one OpenAPI 3 root document under a directory ({@code openapi.yaml} wins when there are several). */
  static Path findRoot(Path dir) {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 4, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : files.filter(Files::isRegularFile).filter(SpecLoader::isSpecFile).toList()) {
        if (OPENAPI_ROOT.matcher(head(file)).find()) {
          roots.add(file);
        }
      }
    } catch (IOException e) {
      throw new UnreadableSpecException("upstream directory unreadable: " + dir + ": " + e.getMessage(), e);
    }
    if (roots.isEmpty()) {
      throw new UnreadableSpecException("no OpenAPI 3 root document (a file starting with 'openapi: 3') under " + dir);
    }
    List<Path> named = roots.stream().filter(p -> ROOT_NAMES.contains(p.getFileName().toString())).toList();
    List<Path> candidates = named.isEmpty() ? roots : named;
    int depth = candidates.stream().mapToInt(Path::getNameCount).min().orElseThrow();
    List<Path> shallowest = candidates.stream().filter(p -> p.getNameCount() == depth)
        .sorted(Comparator.naturalOrder()).toList();
    if (shallowest.size() > 1) {
      throw new UnreadableSpecException("several OpenAPI 3 root documents under " + dir + ": " + shallowest
          + "; pass the file instead");
    }
    return shallowest.get(0);
  }

  private static boolean isSpecFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** The first lines of a file: enough to see a root's {@code openapi} key below a comment header. */
  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    }
  }

  /** Walks every file reachable from the root and refuses a {@code $ref} that leaves the document. */
  private static void checkLocalRefs(Path root) {
    Set<Path> seen = new HashSet<>();
    Deque<Path> queue = new ArrayDeque<>(List.of(root.toAbsolutePath().normalize()));
    while (!queue.isEmpty()) {
      Path file = queue.removeFirst();
      if (!seen.add(file)) {
        continue;
      }
      if (seen.size() > MAX_FILES) {
        throw new UnreadableSpecException("upstream spec has more than " + MAX_FILES + " files");
      }
      if (!Files.isRegularFile(file)) {
        throw new UnreadableSpecException("$ref to a missing file: " + file);
      }
      JsonNode tree;
      try {
        tree = YAML.readTree(file.toFile());
      } catch (IOException e) {
        throw new UnreadableSpecException("not YAML or JSON: " + file + ": " + e.getMessage(), e);
      }
      for (String ref : refs(tree)) {
        queue.add(file.resolveSibling(fileOf(ref, file)).normalize());
      }
    }
  }

  /** A URL's document, mirrored into a temporary directory (only the files its relative refs name). */
  private static LoadedSpec fromUrl(URI rootUrl) {
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(FETCH_TIMEOUT).followRedirects(false).build();
    Path mirror = null;
    try {
      mirror = Files.createTempDirectory("spec-drift");
      URI base = rootUrl.resolve(".");
      String rootName = relativeTo(base, rootUrl);
      Set<String> seen = new HashSet<>();
      Deque<String> queue = new ArrayDeque<>(List.of(rootName));
      long total = 0;
      while (!queue.isEmpty()) {
        String relative = queue.removeFirst();
        if (!seen.add(relative)) {
          continue;
        }
        if (seen.size() > MAX_FILES) {
          throw new UnreadableSpecException("upstream spec has more than " + MAX_FILES + " files");
        }
        Path target = mirror.resolve(relative).normalize();
        if (!target.startsWith(mirror)) {
          throw new UnreadableSpecException("$ref leaves the document's folder: " + base.resolve(relative));
        }
        byte[] body = fetch(http, base.resolve(relative));
        total += body.length;
        if (total > MAX_TOTAL_BYTES) {
          throw new UnreadableSpecException("upstream spec larger than " + MAX_TOTAL_BYTES + " bytes in all");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, body);
        JsonNode tree;
        try {
          tree = YAML.readTree(body);
        } catch (IOException e) {
          throw new UnreadableSpecException("not YAML or JSON: " + base.resolve(relative) + ": " + e.getMessage(), e);
        }
        for (String ref : refs(tree)) {
          URI next = base.resolve(relative).resolve(fileOf(ref, base.resolve(relative)));
          queue.add(relativeTo(base, next));
        }
      }
      return parseFile(mirror.resolve(rootName), rootUrl.toString());
    } catch (IOException e) {
      throw new UnreadableSpecException("upstream spec unreadable: " + rootUrl + ": " + e.getMessage(), e);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      if (mirror != null) {
        deleteQuietly(mirror);
      }
    }
  }

  private static byte[] fetch(OkHttpClient http, URI url) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new UnreadableSpecException("upstream spec unreadable: " + url + " answered HTTP " + response.code());
      }
      ResponseBody body = response.body();
      if (body == null) {
        throw new UnreadableSpecException("upstream spec unreadable: " + url + " sent no body");
      }
      if (body.source().request(MAX_FILE_BYTES + 1)) {
        throw new UnreadableSpecException("upstream file larger than " + MAX_FILE_BYTES + " bytes: " + url);
      }
      return body.source().getBuffer().readByteArray();
    }
  }

  private static String relativeTo(URI base, URI url) {
    String b = base.toString();
    String u = url.toString();
    if (!u.startsWith(b)) {
      throw new UnreadableSpecException("$ref leaves the document's folder: " + u);
    }
    return u.substring(b.length());
  }

  /** The file part of a non-local {@code $ref}; anything but a relative path is refused. */
  private static String fileOf(String ref, Object from) {
    String file = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
    if (file.contains(":") || file.startsWith("/") || file.startsWith("\\")) {
      throw new UnreadableSpecException("$ref outside the document (only relative refs are read): " + ref
          + " in " + from);
    }
    return file;
  }

  /** The non-local {@code $ref} values of a tree (local {@code #/...} refs need no file). */
  private static List<String> refs(JsonNode tree) {
    List<String> out = new ArrayList<>();
    Deque<JsonNode> stack = new ArrayDeque<>();
    stack.push(tree);
    while (!stack.isEmpty()) {
      JsonNode node = stack.pop();
      if (node.isObject()) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
          out.add(ref.asText());
        }
      }
      node.forEach(stack::push);
    }
    return out;
  }

  private static LoadedSpec parseFile(Path file, String source) {
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(file.toAbsolutePath().toString(), null, options());
    return checked(result, source);
  }

  static LoadedSpec parseContents(String contents, String source) {
    return checked(new OpenAPIV3Parser().readContents(contents, null, options()), source);
  }

  private static LoadedSpec checked(SwaggerParseResult result, String source) {
    if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
      throw new UnreadableSpecException("not an OpenAPI 3 document: " + source
          + (result.getMessages() == null ? "" : ": " + String.join("; ", result.getMessages())));
    }
    List<String> unresolved = result.getMessages() == null ? List.of() : result.getMessages().stream()
        .filter(m -> m.toLowerCase(Locale.ROOT).contains("unable to") || m.contains("$ref")).toList();
    if (!unresolved.isEmpty()) {
      throw new UnreadableSpecException("unresolved references in " + source + ": " + String.join("; ", unresolved));
    }
    return new LoadedSpec(source, result.getOpenAPI());
  }

  private static ParseOptions options() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return options;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temporary mirror left behind is harmless.
    }
  }
}
