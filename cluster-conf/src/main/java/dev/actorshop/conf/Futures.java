package dev.actorshop.conf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Small bridges between Akka's futures and plain Java ones. */
public final class Futures {
  private Futures() {}

  /**
   * Akka's Java asks return Scala's CompletionStage adapter, whose non-async callbacks still run
   * asynchronously on the common pool; with 2 cores that pool starts a new thread per task. One
   * hop into a plain CompletableFuture, on the thread that completes the ask, keeps every later
   * stage cheap and synchronous.
   */
  public static <T> CompletableFuture<T> plain(CompletionStage<T> akkaStage) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    akkaStage.whenCompleteAsync((value, error) -> {
      if (error != null) plain.completeExceptionally(error);
      else plain.complete(value);
    }, Runnable::run);
    return plain;
  }

  /** What failed: the cause a {@link CompletionException} wraps, or the error itself. */
  public static Throwable cause(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
