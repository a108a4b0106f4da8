package com.marketplacecontracts.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README and of {@code docs/} compiles as printed, imports included, against the published
 * artifacts (this module's test class path holds them all): a reader who copies a block into a file gets code that
 * compiles. A block is a whole compilation unit; the file it is written to is named after its first top-level type.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of(System.getProperty("mc.root", ".."));
  private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile(
      "(?m)^(?:public |final |abstract )*(?:class|record|interface|enum) (\\w+)");

  @Test
  void everyJavaBlockOfTheReadmeAndTheDocsCompilesAsPrinted() throws IOException {
    List<Snippet> snippets = new ArrayList<>();
    snippets.addAll(blocks(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        snippets.addAll(blocks(doc));
      }
    }
    assertThat(snippets).as("Java blocks in README.md and docs/").hasSizeGreaterThanOrEqualTo(8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path work = Files.createDirectories(Path.of("target", "snippets"));
    List<String> failures = new ArrayList<>();
    for (Snippet snippet : snippets) {
      Matcher type = TYPE.matcher(snippet.code());
      if (!type.find()) {
        failures.add(snippet.where() + ": not a compilation unit (no top-level class, record, interface or enum)");
        continue;
      }
      Path dir = Files.createDirectories(work.resolve(snippet.id()));
      Path source = Files.writeString(dir.resolve(type.group(1) + ".java"), snippet.code());
      StringWriter messages = new StringWriter();
      int status = javac.getTask(messages, null, null, List.of("-classpath", System.getProperty("java.class.path"),
              "-d", dir.toString(), "-proc:none", "-Xlint:none", "-nowarn"), null,
          javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call() ? 0 : 1;
      if (status != 0) {
        failures.add(snippet.where() + ":\n" + messages);
      }
    }
    assertThat(failures).as("blocks that do not compile as printed").isEmpty();
  }

  private static List<Snippet> blocks(Path markdown) throws IOException {
    String text = Files.readString(markdown);
    List<Snippet> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      int line = (int) text.substring(0, m.start()).lines().count() + 1;
      String name = markdown.getFileName().toString().replace(".md", "");
      blocks.add(new Snippet(name + "-" + line, ROOT.relativize(markdown) + " line " + line, m.group(1)));
    }
    return blocks;
  }

  private record Snippet(String id, String where, String code) {
  }
}
