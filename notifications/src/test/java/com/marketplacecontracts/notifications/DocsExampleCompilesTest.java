package com.marketplacecontracts.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The Java blocks of {@code docs/notifications.md} compile as printed, imports included, against this module (its
 * generated models too): a reader who copies a block into a file named after its class gets code that compiles.
 */
class DocsExampleCompilesTest {

  private static final Path DOC = Path.of(System.getProperty("mc.root", ".."), "docs", "notifications.md");
  private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile("(?m)^(?:public |final |abstract )*(?:class|record) (\\w+)");

  @Test
  void everyJavaBlockOfTheNotificationsPageCompilesAsPrinted() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).as("Java blocks in " + DOC).isNotEmpty();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < blocks.size(); i++) {
      String code = blocks.get(i);
      Matcher type = TYPE.matcher(code);
      assertThat(type.find()).as("block " + (i + 1) + " is a whole compilation unit (a top-level class)").isTrue();
      assertThat(code).as("block " + (i + 1) + " shows its imports").contains("import com.marketplacecontracts.");
      Path dir = Files.createDirectories(Path.of("target", "doc-snippets", Integer.toString(i + 1)));
      Path source = Files.writeString(dir.resolve(type.group(1) + ".java"), code);
      StringWriter messages = new StringWriter();
      boolean compiled;
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
        compiled = javac.getTask(messages, files, null, List.of("-classpath", System.getProperty("java.class.path"),
            "-d", dir.toString(), "-proc:none", "-Xlint:none"), null, files.getJavaFileObjects(source)).call();
      }
      assertThat(compiled).as("block " + (i + 1) + " of " + DOC + " compiles:\n" + messages).isTrue();
    }
  }
}
