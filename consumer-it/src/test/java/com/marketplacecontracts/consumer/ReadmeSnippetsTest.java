package com.marketplacecontracts.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java code blocks are the tagged regions of the consumer project's sources, each exactly once and
 * character for character (indentation aside), so what the README shows is what the consumer build compiles.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of(System.getProperty("mc.root", ".."));
  private static final List<Path> SOURCES = List.of(
      Path.of("src/it/consumer/src/main/java/example/ReadmeExamples.java"),
      Path.of("src/it/consumer/src/test/java/example/MarketplaceContractTest.java"),
      Path.of("src/it/consumer/src/test/java/example/DriftCheck.java"));

  @Test
  void everyJavaBlockOfTheReadmeIsACompiledRegion() throws IOException {
    List<String> readme = blocks(Files.readString(ROOT.resolve("README.md")));
    List<String> compiled = new ArrayList<>();
    for (Path source : SOURCES) {
      compiled.addAll(regions(Files.readString(source)));
    }

    assertThat(compiled).as("regions in " + SOURCES).hasSizeGreaterThanOrEqualTo(6);
    assertThat(readme).containsExactlyInAnyOrderElementsOf(compiled);
  }

  private static List<String> blocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(dedent(m.group(1)));
    }
    return blocks;
  }

  private static List<String> regions(String source) {
    List<String> regions = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^[ \\t]*// tag::([\\w-]+)\\[]\\n(.*?)^[ \\t]*// end::\\1\\[]$", Pattern.DOTALL)
        .matcher(source);
    while (m.find()) {
      regions.add(dedent(m.group(2)));
    }
    return regions;
  }

  private static String dedent(String text) {
    return text.stripTrailing().stripIndent().strip();
  }
}
