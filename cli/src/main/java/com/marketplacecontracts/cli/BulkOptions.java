package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.http.CheckpointStore;
import com.marketplacecontracts.core.http.FileCheckpointStore;
import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.limits.redis.RedisCheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options {@code prices update} and {@code stocks update} share (a picocli mixin): the input, the business and
 * shop, the checkpoint and {@code --resume}, and the requests in flight. The checkpoint is a file beside the input,
 * or — when the limits are shared in Redis ({@code --limits-store redis://...}) — a job in that Redis, which another
 * process can take over with {@code --resume} once this one stops.
 */
final class BulkOptions {

  /** How long a process holds a Redis checkpoint without renewing it (renewed every third of it while it runs). */
  static final Duration LEASE = Duration.ofSeconds(30);
  private static final String JOB_NAME = "[A-Za-z0-9._:-]{1,128}";

  @Option(names = "--file", required = true, paramLabel = "F", description = "The input: .csv or .jsonl.")
  Path file;

  @Option(names = "--business-id", required = true, paramLabel = "B", description = "Business (cabinet) id.")
  long businessId;

  @Option(names = "--campaign-id", paramLabel = "C", description = "The shop's campaign id (when: see above).")
  Long campaignId;

  @Option(names = "--checkpoint", paramLabel = "PATH|NAME",
      description = "Where outcomes are recorded: a file, by default the input's name with .checkpoint added;"
          + " with a redis:// limits store, the job's name in Redis (by default made of B and the input's digest).")
  String checkpoint;

  @Option(names = "--resume", description = "Continue the job of an existing checkpoint (required when it exists).")
  boolean resume;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
      description = "Requests in flight at once, 1 to 64, within the operation's limit (default ${DEFAULT-VALUE}).")
  int parallel;

  /** Refuses ids and counts out of range before the file is read or anything is sent. */
  void validate(CommandSpec spec) {
    IdOptions.check(spec);
    if (!java.nio.file.Files.exists(file)) {
      throw new ParameterException(spec.commandLine(), "--file: file not found: " + Terminal.safe(file.toString()));
    }
    if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "--file: " + Terminal.safe(file.toString())
          + " is not a readable file");
    }
    if (parallel < 1 || parallel > 64) {
      throw new ParameterException(spec.commandLine(), "--parallel must be 1 to 64, was " + parallel);
    }
  }

  /** Whether the checkpoint goes to Redis: the limits store is a {@code redis://} or {@code rediss://} URI. */
  static boolean inRedis(String limitsStore) {
    if (limitsStore == null) {
      return false;
    }
    String lower = limitsStore.toLowerCase(Locale.ROOT);
    return lower.startsWith("redis://") || lower.startsWith("rediss://");
  }

  /** The file checkpoint: {@code --checkpoint}, else {@code F.checkpoint}. */
  Path checkpointFile() {
    return checkpoint != null ? Path.of(checkpoint) : file.resolveSibling(file.getFileName() + ".checkpoint");
  }

  /** The Redis job name: {@code --checkpoint}, else {@code KIND:B:DIGEST}; refused unless Redis can key it. */
  String jobName(CommandSpec spec, String kind, String fingerprint) {
    String name = checkpoint != null ? checkpoint : kind + ":" + businessId + ":" + fingerprint;
    if (!name.matches(JOB_NAME)) {
      throw new ParameterException(spec.commandLine(), "--checkpoint: with a redis:// limits store the checkpoint"
          + " is a job in Redis, named by 1 to 128 of A-Z a-z 0-9 . _ : - (was '" + Terminal.safe(name) + "')");
    }
    return name;
  }

  /**
   * The store the job records its outcomes in: Redis when {@code limitsStore} is a Redis URI, else the file.
   *
   * @throws ParameterException when the job name or URI is refused
   * @throws UncheckedIOException when Redis cannot be reached
   */
  CheckpointStore store(CommandSpec spec, String limitsStore, String kind, String fingerprint) {
    if (!inRedis(limitsStore)) {
      return new Guarded(new FileCheckpointStore(checkpointFile()), resume);
    }
    String job = jobName(spec, kind, fingerprint);
    try {
      return new Guarded(new RedisCheckpointStore(limitsStore, job, LEASE), resume);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--limits-store: " + UriMask.mask(e.getMessage(),
          limitsStore));
    } catch (RuntimeException e) {
      throw new UncheckedIOException("the checkpoint store cannot be used", new IOException(UriMask.mask(
          String.valueOf(e.getMessage()), limitsStore)));
    }
  }

  /**
   * A store that refuses to continue a job it holds records of unless {@code --resume} was given (a second run must
   * not look like a first one), and whose failures are I/O failures (the job stops, what is recorded stays).
   */
  static final class Guarded implements CheckpointStore {
    private final CheckpointStore store;
    private final boolean resume;
    private boolean closed;

    Guarded(CheckpointStore store, boolean resume) {
      this.store = store;
      this.resume = resume;
    }

    @Override
    public List<String> open(String header) {
      List<String> records;
      try {
        records = store.open(header);
      } catch (IllegalStateException | UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        throw failed(e);
      }
      if (!records.isEmpty() && !resume) {
        List<String> lines = new java.util.ArrayList<>(records.size() + 1);
        lines.add(header);
        lines.addAll(records);
        String done = BulkRun.completed(lines);
        if (done != null) {
          throw new IllegalStateException(done + " (checkpoint " + store.describe() + "); to send the file again,"
              + " remove the checkpoint");
        }
        throw new IllegalStateException("the checkpoint " + store.describe() + " holds outcomes of this job: it was"
            + " started before. Add --resume to continue it (items with an outcome are not sent again), or remove"
            + " the checkpoint to start over");
      }
      return records;
    }

    @Override
    public void append(List<String> records) {
      try {
        store.append(records);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        // Redis unreachable, or the lease lost to another process: this run stops, what is recorded stays
        throw failed(e);
      }
    }

    private UncheckedIOException failed(RuntimeException e) {
      return new UncheckedIOException("the checkpoint " + store.describe() + " failed", new IOException(
          UriMask.mask(String.valueOf(e.getMessage()))));
    }

    @Override
    public String describe() {
      return store.describe();
    }

    /** Closes the store once (the job closes it when it ends, the command again on its way out). */
    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        store.close();
      }
    }
  }
}
