package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.marketplacecontracts.core.http.MockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile spec document: references that try to leave the document's folder (or URL folder), YAML that tries to
 * exhaust memory, a server that drips. Nothing outside the root is read — a canary file beside the root, whose
 * content must never appear — and each refusal is an {@link UnreadableSpecException} naming the reference.
 */
class HostileSpecDocumentTest {

  private static final String CANARY = "CANARY-7f3a-never-shown";

  @RegisterExtension
  final MockServer server = new MockServer();

  @TempDir
  Path dir;

  private Path root;
  private final List<String> requested = new CopyOnWriteArrayList<>();

  @BeforeEach
  void layout() throws IOException {
    root = Files.createDirectories(dir.resolve("doc"));
    Files.writeString(dir.resolve("outside.yaml"), "type: string\ndescription: " + CANARY + "\n");
    Files.createDirectories(root.resolve("components/schemas"));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requested.add(request.getPath());
        return new MockResponse().setBody("type: string\ndescription: " + CANARY + "\n");
      }
    });
  }

  /** A root whose one schema is {@code schema} (YAML of one mapping line, e.g. a $ref). */
  private Path document(String schema) throws IOException {
    Path file = root.resolve("openapi.yaml");
    Files.writeString(file, """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths:
          /a:
            get:
              operationId: a
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        %s
        """.formatted(schema));
    return file;
  }

  private void refused(Path file, String... mentions) {
    assertThatThrownBy(() -> SpecLoader.load(file))
        .isInstanceOf(UnreadableSpecException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).contains(mentions).doesNotContain(CANARY);
          for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(CANARY);
          }
        });
    assertThat(requested).as("nothing fetched from the network").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside.yaml", "./../outside.yaml", "components/../../outside.yaml",
      "%2e%2e/outside.yaml", "%2E%2E%2Foutside.yaml", "..%2foutside.yaml", "/etc/passwd", "/proc/self/environ",
      "file:///etc/passwd", "C:/Windows/win.ini", "..\\\\outside.yaml", "~/outside.yaml", "%00../outside.yaml"})
  void aRefLeavingTheFolderIsRefusedNamingTheRef(String ref) throws IOException {
    refused(document("$ref: '" + ref + "'"), "$ref");
  }

  @Test
  void aRefToAnotherHostIsNeverFetched() throws IOException {
    String url = server.url("/secret.yaml").toString();
    refused(document("$ref: '" + url + "'"), "$ref refused", url);
    refused(document("$ref: '//" + server.url("/").host() + ":" + server.url("/").port() + "/x.yaml'"), "$ref");
  }

  @Test
  void aRefHiddenBehindAYamlAliasIsCheckedLikeAnyOther() throws IOException {
    Path file = root.resolve("openapi.yaml");
    Files.writeString(file, """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        x-hidden: &away {$ref: '../outside.yaml'}
        paths:
          /a:
            get:
              operationId: a
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: *away
        """);

    refused(file, "../outside.yaml");
  }

  @Test
  void aSymbolicLinkOutOfTheFolderIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("components/schemas/Linked.yaml"), dir.resolve("outside.yaml"));
    Files.createSymbolicLink(root.resolve("components/away"), dir);

    refused(document("$ref: 'components/schemas/Linked.yaml'"), "Linked.yaml", "link");
    refused(document("$ref: 'components/away/outside.yaml'"), "outside.yaml");
  }

  @Test
  void aSymbolicLinkInsideTheFolderIsRead() throws IOException {
    Files.writeString(root.resolve("components/schemas/Real.yaml"), "type: integer\n");
    Files.createSymbolicLink(root.resolve("components/schemas/Alias.yaml"), root.resolve("components/schemas/Real.yaml"));

    LoadedSpec spec = SpecLoader.load(document("$ref: 'components/schemas/Alias.yaml'"));

    assertThat(spec.openApi().getComponents().getSchemas().get("Alias").getType()).isEqualTo("integer");
  }

  @Test
  void aYamlAliasBombIsRefusedQuicklyAndSmall() throws IOException {
    StringBuilder bomb = new StringBuilder("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    bomb.append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    Path file = root.resolve("openapi.yaml");
    Files.writeString(file, bomb);

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(file, "aliases"));
  }

  @Test
  void deepNestingIsRefused() throws IOException {
    Path file = root.resolve("openapi.yaml");
    Files.writeString(file, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx: "
        + "[".repeat(100_000) + "]".repeat(100_000) + "\n");

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(file, "depth"));
  }

  @Test
  void aLoopOfInlinedFilesIsRefused() throws IOException {
    Files.createDirectories(root.resolve("paths"));
    Files.writeString(root.resolve("paths/a.yaml"), "$ref: b.yaml\n");
    Files.writeString(root.resolve("paths/b.yaml"), "$ref: a.yaml\n");
    Path file = root.resolve("openapi.yaml");
    Files.writeString(file, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: paths/a.yaml\n");

    refused(file, "loop");
  }

  @Test
  void aUrlDocumentReadsOnlyItsOwnFolderOnItsOwnHost() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requested.add(request.getPath());
        if (request.getPath().equals("/spec/openapi.yaml")) {
          return new MockResponse().setBody("""
              openapi: 3.0.3
              info: {title: t, version: '1'}
              paths:
                /a: {$ref: '%2e%2e/secret/paths.yaml'}
              """);
        }
        return new MockResponse().setBody(CANARY);
      }
    });

    assertThatThrownBy(() -> SpecLoader.load(server.url("/spec/openapi.yaml").toString()))
        .isInstanceOf(UnreadableSpecException.class)
        .hasMessageContaining("%2e%2e/secret/paths.yaml")
        .hasMessageNotContaining(CANARY);
    assertThat(requested).containsExactly("/spec/openapi.yaml");
  }

  @Test
  void aServerDrippingTheDocumentIsCutAtTheDeadline() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setBody("openapi: 3.0.3\n" + "#".repeat(100_000))
            .throttleBody(10, 1, java.util.concurrent.TimeUnit.SECONDS);
      }
    });

    long start = System.nanoTime();
    assertThatThrownBy(() -> SpecLoader.tree(server.url("/spec/openapi.yaml").toString(), Duration.ofSeconds(2)))
        .isInstanceOf(UnreadableSpecException.class)
        .hasMessageContaining("deadline");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void aUrlWithCredentialsIsNeverShownWithThem() {
    String url = server.url("/spec/missing.yaml").newBuilder().username("user").password("hunter2")
        .addQueryParameter("token", "s3cr3t").build().toString();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setResponseCode(404);
      }
    });

    assertThatThrownBy(() -> SpecLoader.load(url))
        .isInstanceOf(UnreadableSpecException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2", "s3cr3t"));
    assertThat(Text.uri(url)).doesNotContain("hunter2", "s3cr3t", "user").contains("***");
  }

  @Test
  void aDocumentThatIsNotUtf8OrHasUnknownTagsIsRefused() throws IOException {
    Path file = root.resolve("openapi.yaml");
    Files.write(file, new byte[] {'o', 'p', 'e', 'n', 'a', 'p', 'i', ':', ' ', (byte) 0xC3, (byte) 0x28});
    refused(file, "UTF-8");
    Files.writeString(file, "openapi: 3.0.3\nx: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n",
        StandardCharsets.UTF_8);
    refused(file, "line 2");
  }
}
