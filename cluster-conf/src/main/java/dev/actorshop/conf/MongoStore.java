package dev.actorshop.conf;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.typesafe.config.Config;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.actorshop.contracts.ReadModels.Products;
import dev.actorshop.contracts.ReadModels.Ratings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's MongoDB: a real one when {@code actorshop.mongo.uri} ({@code MONGO_URI}) is set,
 * otherwise an in-process MongoDB-wire server (mongo-java-server, h2 file backend under the data
 * dir) on a loopback port, so other processes (the Spark job, mongosh) reach it with a plain
 * {@code mongodb://127.0.0.1:port} URI. Everything else talks to it through the driver only and
 * never asks which one it is.
 */
public final class MongoStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MongoStore.class);

  private final MongoServer server;
  private final MongoClient client;
  private final MongoDatabase database;
  private final String uri;

  private MongoStore(MongoServer server, MongoClient client, MongoDatabase database, String uri) {
    this.server = server;
    this.client = client;
    this.database = database;
    this.uri = uri;
  }

  public static MongoStore start(Config config) {
    Config mongo = config.getConfig("actorshop.mongo");
    MongoServer server = null;
    String uri = mongo.getString("uri");
    String serve = mongo.getString("embedded.enabled");
    boolean embedded = switch (serve) {
      case "auto" -> uri.isBlank();
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("actorshop.mongo.embedded.enabled must be auto, on or off, not " + serve);
    };
    if (uri.isBlank() && !embedded) {
      throw new IllegalArgumentException("set MONGO_URI, or let the node serve its in-process MongoDB");
    }
    if (embedded) {
      server = startEmbedded(mongo.getConfig("embedded"));
      InetSocketAddress address = server.getLocalAddress();
      if (uri.isBlank()) uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }
    try {
      MongoClient client = MongoClients.create(MongoClientSettings.builder()
          .applyConnectionString(new ConnectionString(uri))
          .applyToClusterSettings(b -> b.serverSelectionTimeout(
              mongo.getDuration("server-selection-timeout").toMillis(), TimeUnit.MILLISECONDS))
          .applyToSocketSettings(b -> b.connectTimeout(
              (int) mongo.getDuration("connect-timeout").toMillis(), TimeUnit.MILLISECONDS))
          .build());
      MongoDatabase database = client.getDatabase(mongo.getString("database"));
      MongoStore store = new MongoStore(server, client, database, uri);
      store.ensureIndexes();
      log.info("MongoDB read models at {} (database {}{})", store.describe(), database.getName(),
          server != null ? ", in-process" : "");
      return store;
    } catch (RuntimeException e) {
      if (server != null) server.shutdownNow();
      throw e;
    }
  }

  private static MongoServer startEmbedded(Config embedded) {
    Path dir = Path.of(embedded.getString("dir"));
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    MongoServer server = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
    String host = embedded.getString("host");
    int port = embedded.getInt("port");
    try {
      server.bind(host, port);
    } catch (Exception e) { // a BindException, thrown undeclared
      server.shutdownNow();
      throw new IllegalStateException("the in-process MongoDB cannot listen on " + host + ":" + port
          + " (" + e.getMessage() + "): pass --mongo-port, or set MONGO_URI to use a running MongoDB", e);
    }
    return server;
  }

  /** Created at every start; a no-op when they exist. */
  private void ensureIndexes() {
    database.getCollection(Products.COLLECTION).createIndex(Indexes.ascending(Products.CATEGORIES));
    database.getCollection(Products.COLLECTION).createIndex(Indexes.ascending(Products.TITLE_KEY));
    database.getCollection(Ratings.COLLECTION).createIndex(Indexes.ascending(Ratings.USER_ID));
    database.getCollection(Ratings.COLLECTION).createIndex(Indexes.ascending(Ratings.PRODUCT_ID));
  }

  public MongoDatabase database() {
    return database;
  }

  /** The URI other processes use to reach the same MongoDB. */
  public String uri() {
    return uri;
  }

  /** The URI without credentials, for log lines. */
  public String describe() {
    ConnectionString parsed = new ConnectionString(uri);
    return String.join(",", parsed.getHosts());
  }

  @Override
  public void close() {
    client.close();
    if (server != null) server.shutdown();
  }
}
