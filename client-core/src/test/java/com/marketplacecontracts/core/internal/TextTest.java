package com.marketplacecontracts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void cutKeepsShortTextAndMarksALongOne() {
    assertThat(Text.cut("abc", 3, "...")).isEqualTo("abc");
    assertThat(Text.cut("abcd", 3, "...")).isEqualTo("abc...");
    assertThat(Text.cut(null, 3, "...")).isNull();
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    assertThat(Text.cut("ab\uD83D\uDE00c", 3, "+")).isEqualTo("ab+");
    assertThat(Text.cut("ab\uD83D\uDE00c", 4, "+")).isEqualTo("ab\uD83D\uDE00+");
  }

  @Test
  void printableReplacesWhatForgesLinesOrMovesTheCursor() {
    assertThat(Text.printable("a\r\nb\u001b[2J\u0085\u009b\u202e\u2028\uD800z\u007f", 100))
        .isEqualTo("a??b?[2J?????z?");
    assertThat(Text.printable("caf\u00e9 \uD83D\uDE00", 100)).as("letters and emoji stay")
        .isEqualTo("caf\u00e9 \uD83D\uDE00");
  }

  @Test
  void printableCutsAtMaxAndMarksTheCut() {
    assertThat(Text.printable("x".repeat(10), 10)).isEqualTo("x".repeat(10));
    assertThat(Text.printable("x".repeat(11), 10)).isEqualTo("x".repeat(10) + Text.MORE);
    assertThat(Text.printable("\n".repeat(11), 10)).isEqualTo("?".repeat(10) + Text.MORE);
    assertThat(Text.printable(null, 10)).isNull();
  }

  @Test
  void strippedDropsUnsafeCharactersBeforeCountingAndAddsNoMarker() {
    assertThat(Text.stripped("\u001b".repeat(50) + "id-" + "y".repeat(100), 10)).isEqualTo("id-yyyyyyy");
    assertThat(Text.stripped("a".repeat(9) + "\uD83D\uDE00", 10)).as("a pair that does not fit is left whole")
        .isEqualTo("a".repeat(9));
    assertThat(Text.stripped("\r\n", 10)).isEmpty();
  }
}
