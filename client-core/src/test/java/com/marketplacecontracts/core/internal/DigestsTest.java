package com.marketplacecontracts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestsTest {

  @Test
  void sha256AndSha1OfATextAreTheStandardDigestsOfItsUtf8Bytes() {
    // the test vectors of FIPS 180 for "abc"
    assertThat(HexFormat.of().formatHex(Digests.sha256("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(HexFormat.of().formatHex(Digests.sha1("abc"))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    // UTF-8, not the platform's charset: "é" is the two bytes C3 A9
    assertThat(Digests.sha256("\u00e9")).isEqualTo(Digests.sha256().digest(new byte[] {(byte) 0xC3, (byte) 0xA9}));
    assertThat(Digests.sha256("\u00e9")).isNotEqualTo(Digests.sha256()
        .digest("\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void eachStreamingDigestIsANewOneSoCallersNeverShareState() {
    var first = Digests.sha256();
    first.update((byte) 1);
    assertThat(Digests.sha256()).isNotSameAs(first);
    assertThat(Digests.sha256().digest()).isEqualTo(Digests.sha256(""));
  }
}
