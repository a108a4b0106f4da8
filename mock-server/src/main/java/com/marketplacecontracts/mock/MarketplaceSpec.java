package com.marketplacecontracts.mock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The OpenAPI specs the clients are generated from, as the client jars carry them: {@code teez-client} holds
 * {@code META-INF/marketplace-contracts/specs/teez/seller-api.yaml}, {@code yandex-client} holds
 * {@code META-INF/marketplace-contracts/specs/yandex/partner-api.yaml}.
 */
public enum MarketplaceSpec {
  TEEZ("teez/seller-api.yaml", "teez-client"),
  YANDEX_MARKET("yandex/partner-api.yaml", "yandex-client");

  /** The classpath folder the client jars put their specs in. */
  public static final String CLASSPATH_FOLDER = "META-INF/marketplace-contracts/specs/";

  private final String file;
  private final String artifact;

  MarketplaceSpec(String file, String artifact) {
    this.file = file;
    this.artifact = artifact;
  }

  /** The spec's path relative to the project's {@code specs/} folder, e.g. {@code teez/seller-api.yaml}. */
  public String file() {
    return file;
  }

  /** The classpath resource name, e.g. {@code META-INF/marketplace-contracts/specs/teez/seller-api.yaml}. */
  public String resource() {
    return CLASSPATH_FOLDER + file;
  }

  /**
   * Copies the spec from the classpath to a temporary file (Prism reads files), deleted when the JVM exits.
   *
   * @throws IllegalStateException when the client jar is not on the classpath
   */
  public Path extract() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : MarketplaceSpec.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource())) {
      if (in == null) {
        throw new IllegalStateException(resource() + " is not on the classpath: add com.marketplacecontracts:"
            + artifact + " to the dependencies");
      }
      Path copy = Files.createTempFile(artifact + "-", "-" + file.substring(file.lastIndexOf('/') + 1));
      copy.toFile().deleteOnExit();
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
