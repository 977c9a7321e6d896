package dev.actorshop.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import redis.embedded.RedisServer;

/**
 * Baseline (b): the classic Redis flash sale. One Lua script per order checks a dedupe set, then
 * decrements the stock key, atomically inside Redis; a real Redis server (embedded-redis's
 * binary) runs for the bench, with the append-only file synced on every write ("always": an
 * acknowledged order survives a crash, as a journal write does) or without persistence.
 */
final class RedisLuaFlashSale implements AutoCloseable {
  /** 1: reserved; 0: sold out; -1: this buyer already bought. */
  private static final String SCRIPT = """
      if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return -1 end
      local stock = tonumber(redis.call('GET', KEYS[1]))
      if stock == nil or stock <= 0 then return 0 end
      redis.call('DECR', KEYS[1])
      redis.call('SADD', KEYS[2], ARGV[1])
      return 1
      """;

  private final RedisServer server;
  private final RedissonClient client;
  private final String sha;

  RedisLuaFlashSale(Path dir, boolean fsyncEveryWrite) throws IOException {
    Files.createDirectories(dir);
    int port = freePort();
    server = RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("dir " + dir.toAbsolutePath())
        .setting("save \"\"")
        .setting(fsyncEveryWrite ? "appendonly yes" : "appendonly no")
        .settingIf(fsyncEveryWrite, "appendfsync always")
        .build();
    server.start();
    Config config = new Config();
    config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setConnectionPoolSize(64)
        .setConnectionMinimumIdleSize(16);
    config.setCodec(StringCodec.INSTANCE);
    client = Redisson.create(config);
    sha = client.getScript().scriptLoad(SCRIPT);
  }

  /** A sale's keys: its stock and its set of buyers. */
  void open(String sale, long stock) {
    client.getBucket(sale + ":stock").set(Long.toString(stock));
    client.getKeys().delete(sale + ":buyers");
  }

  /** One order attempt: "accepted", "sold_out" or "already_bought". */
  CompletionStage<String> order(String sale, String buyer) {
    return client.getScript().<Long>evalShaAsync(RScript.Mode.READ_WRITE, sha, RScript.ReturnType.INTEGER,
            List.of(sale + ":stock", sale + ":buyers"), buyer)
        .thenApply(result -> switch (result.intValue()) {
          case 1 -> ClosedLoop.ACCEPTED;
          case 0 -> "sold_out";
          default -> "already_bought";
        });
  }

  /** The books: stock left and buyers recorded. */
  long[] books(String sale) {
    return new long[] {Long.parseLong(client.<String>getBucket(sale + ":stock").get()),
        client.getSet(sale + ":buyers").size()};
  }

  @Override
  public void close() throws IOException {
    client.shutdown();
    server.stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
