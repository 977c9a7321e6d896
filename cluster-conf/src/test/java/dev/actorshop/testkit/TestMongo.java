package dev.actorshop.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * One in-memory MongoDB-wire server per test JVM, for tests whose nodes must share a MongoDB (a
 * cluster). Each test picks its own database name, so tests do not see each other's documents.
 */
public final class TestMongo {
  private static MongoServer server;

  private TestMongo() {}

  public static synchronized String uri() {
    if (server == null) {
      server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    }
    InetSocketAddress address = server.getLocalAddress();
    return "mongodb://127.0.0.1:" + address.getPort();
  }
}
