package com.marketplacecontracts.contract.spec;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's specs, found through the {@code mc.specs} system property the build sets. */
public final class Specs {

  private Specs() {
  }

  /** Root of the specs folder. */
  public static Path root() {
    String configured = System.getProperty("mc.specs");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "specs");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("specs folder not found at " + root.toAbsolutePath());
    }
    return root;
  }

  /** Both specs: {@code specs/teez/seller-api.yaml} and {@code specs/yandex/partner-api.yaml}. */
  public static List<Path> all() {
    return List.of(root().resolve("teez/seller-api.yaml"), root().resolve("yandex/partner-api.yaml"));
  }

  /** Parses a spec with swagger-parser, references resolved ({@code fully}: inlined). */
  public static SwaggerParseResult parse(Path spec, boolean fully) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(fully);
    return new OpenAPIParser().readLocation(spec.toUri().toString(), null, options);
  }

  /** A spec that must parse cleanly. */
  public static OpenAPI load(Path spec) {
    SwaggerParseResult result = parse(spec, true);
    if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
      throw new IllegalStateException(spec + ": " + result.getMessages());
    }
    return result.getOpenAPI();
  }
}
