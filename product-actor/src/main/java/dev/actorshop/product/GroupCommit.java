package dev.actorshop.product;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import dev.actorshop.product.ProductEntity.BatchWritten;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Reserve;
import dev.actorshop.product.ProductEntity.ReserveBatch;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sharded face of a product: it passes every command to the product's event-sourced writer
 * (its child), except reservations, which it groups. While one batch is being written, the
 * reservations that arrive wait here; when the write completes, all of them (up to
 * {@code max-batch}) go to the writer as the next batch, which it checks and persists as one
 * event. One write is in flight at a time, so the writer never stashes, and latency under light
 * load is one write, as without batching.
 *
 * <p>A reservation whose caller has stopped waiting (past its deadline) is dropped before it is
 * written, so a timed-out client rarely leaves an order it was told failed; a queue beyond
 * {@code max-queued} is refused as overloaded at once rather than timing out later.
 */
final class GroupCommit extends AbstractBehavior<Command> {
  private final ActorRef<Command> writer;
  private final ProductSettings.GroupCommitSettings settings;
  private final ArrayDeque<Reserve> waiting = new ArrayDeque<>();
  private boolean writing;

  static Behavior<Command> create(String productId, ProductSettings settings) {
    return Behaviors.setup(ctx -> new GroupCommit(ctx,
        ctx.spawn(ProductEntity.create(productId, settings), "writer"), settings.groupCommit()));
  }

  private GroupCommit(ActorContext<Command> context, ActorRef<Command> writer,
                      ProductSettings.GroupCommitSettings settings) {
    super(context);
    this.writer = writer;
    this.settings = settings;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reserve.class, this::onReserve)
        .onMessage(BatchWritten.class, done -> {
          writing = false;
          writeNext();
          return this;
        })
        .onAnyMessage(command -> {
          writer.tell(command);
          return this;
        })
        .build();
  }

  private Behavior<Command> onReserve(Reserve reserve) {
    if (waiting.size() >= settings.maxQueued()) {
      reserve.replyTo().tell(Refusal.OVERLOADED.reply("too many orders waiting for this product; retry shortly"));
    } else {
      waiting.add(reserve);
      if (!writing) writeNext();
    }
    return this;
  }

  private void writeNext() {
    Instant now = Instant.now();
    List<Reserve> batch = new ArrayList<>(Math.min(waiting.size(), settings.maxBatch()));
    while (batch.size() < settings.maxBatch() && !waiting.isEmpty()) {
      Reserve next = waiting.poll();
      if (next.deadline() == null || next.deadline().isAfter(now)) batch.add(next);
    }
    if (batch.isEmpty()) return;
    writing = true;
    // A write that never answers (the writer restarting after a journal failure) frees the way
    // after write-timeout; its callers' asks have timed out by then.
    getContext().ask(BatchWritten.class, writer, settings.writeTimeout(),
        replyTo -> new ReserveBatch(batch, now, replyTo),
        (done, failure) -> done != null ? done : new BatchWritten(-1));
  }
}
