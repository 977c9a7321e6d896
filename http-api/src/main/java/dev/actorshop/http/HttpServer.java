package dev.actorshop.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.server.Route;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the API; unbinds and drains in CoordinatedShutdown; ends the system if it cannot bind. */
public final class HttpServer {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  /** Within the 5 s default of the service-requests-done phase it runs in. */
  private static final Duration DRAIN = Duration.ofSeconds(4);

  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(ActorSystem<?> system, Route route, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(route).whenComplete((binding, error) -> {
      if (error != null) {
        log.error("HTTP API could not bind {}:{} ({}); stopping the node", host, port, error.getMessage());
        system.terminate();
      } else {
        binding.addToCoordinatedShutdown(DRAIN, system);
        InetSocketAddress address = binding.localAddress();
        log.info("HTTP API listening on http://{}:{}/api", address.getHostString(), address.getPort());
      }
    });
  }
}
