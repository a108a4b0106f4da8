package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.http.MockServer;
import com.marketplacecontracts.core.operation.Marketplace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reading a document split over files: by its root, by a directory, by URL; and the clear errors. */
class SpecLoaderTest {

  @RegisterExtension
  final MockServer server = new MockServer();

  @TempDir
  Path dir;

  @Test
  void aDirectoryIsReadThroughTheRootDocumentItHolds() {
    LoadedSpec spec = SpecLoader.load(Fixture.original());

    assertThat(spec.source()).endsWith("openapi.yaml");
    assertThat(spec.openApi().getPaths()).containsOnlyKeys("/v1/shops/{shopId}/orders", "/v1/shops/{shopId}/items");
    assertThat(spec.openApi().getComponents().getSchemas()).containsKeys("OrderDTO", "SearchOrdersRequest");
  }

  @Test
  void theCuratedSpecsAreOnTheClassPath() {
    assertThat(SpecLoader.curated(Marketplace.YANDEX_MARKET).openApi().getPaths()).containsKeys(
        "/v1/businesses/{businessId}/operations", "/v2/businesses/{businessId}/offer-mappings",
        "/v2/campaigns/{campaignId}/orders/{orderId}/identifiers/status");
    assertThat(SpecLoader.curated(Marketplace.TEEZ).openApi().getPaths()).hasSize(2);
  }

  @Test
  void aUrlIsReadFileByFileFromItsOwnFolderOnly() throws IOException {
    Path root = Fixture.original().resolve("openapi");
    List<String> requested = new ArrayList<>();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requested.add(request.getPath());
        Path file = root.resolve(request.getPath().substring("/spec/".length()));
        try {
          return new MockResponse().setBody(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          return new MockResponse().setResponseCode(404);
        }
      }
    });

    LoadedSpec spec = SpecLoader.load(server.url("/spec/openapi.yaml").toString());

    assertThat(spec.source()).isEqualTo(server.url("/spec/openapi.yaml").toString());
    assertThat(spec.openApi().getPaths()).hasSize(2);
    Set<String> files = new TreeSet<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(Files::isRegularFile).forEach(f -> files.add("/spec/" + root.relativize(f).toString()
          .replace('\\', '/')));
    }
    assertThat(requested).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(requested)).isEqualTo(files);
  }

  @Test
  void aRefToAnotherHostIsRefusedBeforeAnythingIsFetched() throws IOException {
    Fixture copy = Fixture.copy(dir);
    copy.edit("paths/items.yaml", "../components/schemas/ItemsResponse.yaml",
        "https://elsewhere.example/ItemsResponse.yaml");

    assertThatThrownBy(() -> SpecLoader.load(copy.root()))
        .isInstanceOf(UnreadableSpecException.class)
        .hasMessageContaining("only relative refs are read")
        .hasMessageContaining("https://elsewhere.example/ItemsResponse.yaml");
  }

  @Test
  void aRefLeavingTheFolderOfAUrlIsRefused() throws IOException {
    server.enqueue(new MockResponse().setBody("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n"
        + "  /a:\n    $ref: ../../secrets/a.yaml\n"));

    assertThatThrownBy(() -> SpecLoader.load(server.url("/spec/openapi.yaml").toString()))
        .isInstanceOf(UnreadableSpecException.class)
        .hasMessageContaining("leaves the document's folder");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anOversizedFileIsRefusedWithoutReadingItAll() throws IOException {
    byte[] tooLarge = new byte[(int) DocumentRoot.MAX_FILE_BYTES + 1];
    server.enqueue(new MockResponse().setBody(new Buffer().write(tooLarge)));

    assertThatThrownBy(() -> SpecLoader.load(server.url("/openapi.yaml").toString()))
        .isInstanceOf(UnreadableSpecException.class)
        .hasMessageContaining("larger than " + DocumentRoot.MAX_FILE_BYTES + " bytes");
  }

  @Test
  void anUpstreamAnsweringAnErrorIsUnreadable() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(404));

    assertThatThrownBy(() -> SpecLoader.load(server.url("/openapi.yaml").toString()))
        .isInstanceOf(UnreadableSpecException.class)
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void aMissingFileAMissingRefAndANonOpenApiFileAreUnreadable() throws IOException {
    assertThatThrownBy(() -> SpecLoader.load(dir.resolve("nothing.yaml").toString()))
        .isInstanceOf(UnreadableSpecException.class).hasMessageContaining("not found");

    Fixture copy = Fixture.copy(dir.resolve("copy"));
    Files.delete(copy.dir.resolve("openapi/components/schemas/OrderDTO.yaml"));
    assertThatThrownBy(() -> SpecLoader.load(copy.root()))
        .isInstanceOf(UnreadableSpecException.class).hasMessageContaining("OrderDTO.yaml");

    Path notOpenApi = Files.writeString(dir.resolve("notes.yaml"), "title: not a spec\n");
    assertThatThrownBy(() -> SpecLoader.load(notOpenApi))
        .isInstanceOf(UnreadableSpecException.class).hasMessageContaining("not an OpenAPI 3 document");
  }

  @Test
  void aDirectoryWithoutARootDocumentIsUnreadable() throws IOException {
    Files.writeString(dir.resolve("part.yaml"), "type: string\n");

    assertThatThrownBy(() -> SpecLoader.load(dir))
        .isInstanceOf(UnreadableSpecException.class).hasMessageContaining("no OpenAPI 3 root document");
  }
}
