package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveTrainingTest {

  @Test
  void everyTrainingCommandSucceedsAgainstTheLoopbackServer() throws Exception {
    // A failing command would put an error path, not a real call, into the launcher's class archive.
    assertThat(ArchiveTraining.train()).containsExactly(0, 0, 0, 0);
  }
}
