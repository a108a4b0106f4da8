package com.marketplacecontracts.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketplacecontracts.core.operation.Marketplace;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads OpenAPI 3 documents split over many files with relative {@code $ref}s: the project's curated specs (from the
 * class path), a file, a directory (its root document is found) or a URL.
 *
 * <p>The document is first bundled into one tree ({@link SpecBundler}): every file is read through a
 * {@link DocumentRoot} that refuses anything outside the document's own folder (or URL folder), bounded in files,
 * bytes, YAML aliases and depth, and time. The parser then reads that one tree, whose references are all local, so
 * it never opens a file or a connection itself.
 */
public final class SpecLoader {

  /** How long a URL's document may take to read in all (each file also within 30 s). */
  public static final Duration URL_DEADLINE = Duration.ofMinutes(5);
  private static final Pattern OPENAPI_ROOT =
      Pattern.compile("^(openapi\\s*:\\s*['\"]?3|\\{?\\s*\"openapi\"\\s*:\\s*\"3)", Pattern.MULTILINE);
  private static final List<String> ROOT_NAMES = List.of("openapi.yaml", "openapi.yml", "openapi.json");
  private static final ObjectMapper JSON = new ObjectMapper();

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
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      return parse(bundle(new DocumentRoot.InMemory(name, in.readAllBytes()), name),
          "curated " + resource.substring(resource.indexOf("specs/")));
    } catch (IOException e) {
      throw new UnreadableSpecException("curated spec unreadable: " + resource, e);
    }
  }

  /** A spec from a file, a directory holding one OpenAPI 3 root document, or an http(s) URL of the root. */
  public static LoadedSpec load(String location) {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      return parse(tree(location), Text.uri(location));
    }
    return load(Path.of(location));
  }

  /** A spec from a file or a directory holding one OpenAPI 3 root document. */
  public static LoadedSpec load(Path location) {
    ObjectNode tree = tree(location.toString());
    return parse(tree, Files.isDirectory(location) ? findRoot(location).toString() : location.toString());
  }

  /**
   * The document at {@code location} (a file, a directory or an http(s) URL) as one tree with local references
   * only, read within its root and bounds.
   */
  public static ObjectNode tree(String location) {
    return tree(location, URL_DEADLINE);
  }

  static ObjectNode tree(String location, Duration urlDeadline) {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      URI url;
      try {
        url = URI.create(location);
      } catch (IllegalArgumentException e) {
        throw new UnreadableSpecException("not a URL: " + Text.uri(location));
      }
      DocumentRoot.Remote remote = new DocumentRoot.Remote(url, urlDeadline);
      try {
        return bundle(remote, remote.rootName());
      } finally {
        remote.close();
      }
    }
    Path path = Path.of(location);
    if (!Files.exists(path)) {
      throw new UnreadableSpecException("upstream spec not found: " + Text.visible(location, 500));
    }
    if (Files.isDirectory(path)) {
      Path file = findRoot(path);
      return bundle(new DocumentRoot.Folder(path), path.relativize(file).toString().replace('\\', '/'));
    }
    Path absolute = path.toAbsolutePath().normalize();
    return bundle(new DocumentRoot.Folder(absolute.getParent()), absolute.getFileName().toString());
  }

  private static ObjectNode bundle(DocumentRoot root, String rootName) {
    return SpecBundler.bundle(root, rootName);
  }

  /** The one OpenAPI 3 root document under a directory ({@code openapi.yaml} wins when there are several). */
  static Path findRoot(Path dir) {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 4)) {
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

  private static LoadedSpec parse(ObjectNode tree, String source) {
    try {
      return parseContents(JSON.writeValueAsString(tree), source);
    } catch (IOException e) {
      throw new UnreadableSpecException("not an OpenAPI 3 document: " + source);
    }
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
}
