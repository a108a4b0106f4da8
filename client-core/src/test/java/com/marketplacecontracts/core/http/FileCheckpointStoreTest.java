package com.marketplacecontracts.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file checkpoint: what it refuses, typed, and that a refusal never costs a record written before. */
class FileCheckpointStoreTest {

  @TempDir
  Path dir;

  @Test
  void anOverlongRecordIsRefusedTypedAndTheRecordsBeforeItStay() throws Exception {
    Path file = dir.resolve("job.ckpt");
    try (FileCheckpointStore store = new FileCheckpointStore(file)) {
      store.open("H");
      store.append(List.of("r1"));
      assertThatThrownBy(() -> store.append(List.of("r2", "x".repeat(CheckpointStore.MAX_RECORD + 1))))
          .isInstanceOf(CheckpointRecordException.class).hasMessageContaining("4096");
      assertThatThrownBy(() -> store.append(List.of("two\nlines"))).isInstanceOf(CheckpointRecordException.class);
      store.append(List.of("r3"));
    }
    assertThat(Files.readAllLines(file)).containsExactly("H", "r1", "r3");
    try (FileCheckpointStore store = new FileCheckpointStore(file)) {
      assertThat(store.open("H")).containsExactly("r1", "r3");
    }
  }

  @Test
  void aCheckpointOfAnotherJobIsRefusedTypedWithItsHeader() throws Exception {
    Path file = dir.resolve("job.ckpt");
    try (FileCheckpointStore store = new FileCheckpointStore(file)) {
      store.open("{\"job\":\"one\"}");
    }
    try (FileCheckpointStore store = new FileCheckpointStore(file)) {
      assertThatThrownBy(() -> store.open("{\"job\":\"two\"}")).isInstanceOfSatisfying(
          CheckpointRefusedException.class, e -> assertThat(e.found()).isEqualTo("{\"job\":\"one\"}"))
          .hasMessageContaining("another input");
    }
    Path link = Files.createSymbolicLink(dir.resolve("link.ckpt"), file);
    try (FileCheckpointStore store = new FileCheckpointStore(link)) {
      assertThatThrownBy(() -> store.open("H")).isInstanceOf(CheckpointRefusedException.class)
          .hasMessageContaining("symbolic link");
    }
  }
}
