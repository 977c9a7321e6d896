package dev.actorshop.product;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import dev.actorshop.product.ProductEntity.BatchWritten;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.ExpireDue;
import dev.actorshop.product.ProductEntity.OrderBatch;
import dev.actorshop.product.ProductEntity.Reserve;
import dev.actorshop.product.ProductEntity.Settlement;
import dev.actorshop.product.ProductEntity.WriteTimedOut;
import dev.actorshop.product.SaleStock.Order;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sharded face of a product: it passes every command to the product's event-sourced writer
 * (its child), except the order commands (reservations, payments, releases and the expiry of
 * unpaid orders), which it groups.
 * While one batch is being written, the order commands that arrive wait here; when the write
 * completes, all of them (up to {@code max-batch}; payments and releases first) go to the writer
 * as the next batch, which it checks and persists as one write. One write is in flight at a time,
 * so the writer never stashes, and latency under light load is one write, as without batching.
 * (The payments right after a sale come as a stampede too: a million buyers paying within minutes
 * is thousands of payments a second on one product.)
 *
 * <p>The writer answers a batch straight to this actor, numbered, and a timer frees the way if
 * it never does. (Not {@code ActorContext.ask}: its reply goes through a {@code CompletionStage}
 * callback, which on a 2-core machine starts a new thread per write.)
 *
 * <p>A reservation whose caller has stopped waiting (past its deadline) is dropped before it is
 * written, so a timed-out client rarely leaves an order it was told failed; a queue beyond
 * {@code max-queued} is refused as overloaded at once rather than timing out later.
 */
final class GroupCommit extends AbstractBehavior<Command> {
  private final ActorRef<Command> writer;
  private final ProductSettings.GroupCommitSettings settings;
  private final ArrayDeque<Reserve> reserves = new ArrayDeque<>();
  private final ArrayDeque<Settlement> settlements = new ArrayDeque<>();
  private final List<ExpireDue> expiries = new ArrayList<>();
  private final TimerScheduler<Command> timers;
  /** The number of the batch in flight, or of the last one; 0 before the first. */
  private long batch;
  private boolean writing;

  static Behavior<Command> create(String productId, ProductSettings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new GroupCommit(ctx, timers,
        ctx.spawn(ProductEntity.create(productId, settings), "writer"), settings.groupCommit())));
  }

  private GroupCommit(ActorContext<Command> context, TimerScheduler<Command> timers, ActorRef<Command> writer,
                      ProductSettings.GroupCommitSettings settings) {
    super(context);
    this.timers = timers;
    this.writer = writer;
    this.settings = settings;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reserve.class, reserve -> enqueue(reserves, reserve, reserve.replyTo()))
        .onMessage(Settlement.class, settlement -> enqueue(settlements, settlement, settlement.replyTo()))
        .onMessage(ExpireDue.class, expire -> {
          // The sweep sends one per sale item and waits for the answers, so few wait here; all of
          // them go with the next batch.
          expiries.add(expire);
          if (!writing) writeNext();
          return this;
        })
        .onMessage(BatchWritten.class, done -> written(done.batch()))
        .onMessage(WriteTimedOut.class, late -> written(late.batch()))
        .onAnyMessage(command -> {
          writer.tell(command);
          return this;
        })
        .build();
  }

  private <C extends Command> Behavior<Command> enqueue(ArrayDeque<C> queue, C command,
                                                        ActorRef<StatusReply<Order>> replyTo) {
    if (reserves.size() + settlements.size() >= settings.maxQueued()) {
      replyTo.tell(Refusal.OVERLOADED.reply("too many orders waiting for this product; retry shortly"));
    } else {
      queue.add(command);
      if (!writing) writeNext();
    }
    return this;
  }

  /** Batch {@code number} is done (or given up on): the next may go. An answer after its timeout is ignored. */
  private Behavior<Command> written(long number) {
    if (writing && number == batch) {
      timers.cancel(WriteTimedOut.class);
      writing = false;
      writeNext();
    }
    return this;
  }

  /**
   * The next batch: the waiting payments and releases first (a release's units go back on sale at
   * once), then the reservations in arrival order, skipping those whose caller stopped waiting.
   */
  private void writeNext() {
    Instant now = Instant.now();
    List<Settlement> settling = new ArrayList<>(Math.min(settlements.size(), settings.maxBatch()));
    while (settling.size() < settings.maxBatch() && !settlements.isEmpty()) settling.add(settlements.poll());
    List<Reserve> reserving = new ArrayList<>(Math.min(reserves.size(), settings.maxBatch() - settling.size()));
    while (settling.size() + reserving.size() < settings.maxBatch() && !reserves.isEmpty()) {
      Reserve next = reserves.poll();
      if (next.deadline() == null || next.deadline().isAfter(now)) reserving.add(next);
    }
    List<ExpireDue> expiring = List.copyOf(expiries);
    expiries.clear();
    if (settling.isEmpty() && reserving.isEmpty() && expiring.isEmpty()) return;
    writing = true;
    batch++;
    // A write that never answers (the writer restarting after a journal failure) frees the way
    // after write-timeout; its callers' asks have timed out by then.
    timers.startSingleTimer(WriteTimedOut.class, new WriteTimedOut(batch), settings.writeTimeout());
    writer.tell(new OrderBatch(batch, reserving, settling, expiring, now, getContext().getSelf().narrow()));
  }
}
