package dev.actorshop.node;

import com.typesafe.config.ConfigFactory;
import dev.actorshop.user.UserException;
import dev.actorshop.user.Users;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bin/actorshop demo}: one node on embedded stores with a demo user, and what to type next.
 * Reuses an existing data dir, so a second run finds the first run's users and ratings.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a complete single node on embedded stores, with a demo user and example requests.")
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_USER = "demo";
  static final String DEMO_PASSWORD = "demo-password";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Mixin NodeOptions options;

  @Override
  public Integer call() throws Exception {
    String adminPassword = System.getenv().getOrDefault("ACTORSHOP_ADMIN_PASSWORD", "");
    boolean generated = adminPassword.isEmpty();
    if (generated) adminPassword = randomPassword();
    if (options.dataDir == null) options.dataDir = Path.of("data");

    Node node = Node.start(options.toConfig().withFallback(
        ConfigFactory.parseMap(Map.of("actorshop.admin.password", adminPassword))));
    node.adminReady().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Users users = node.users();
    try {
      users.register(DEMO_USER, DEMO_PASSWORD).toCompletableFuture().join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof UserException taken && taken.reason() == UserException.Reason.USERNAME_TAKEN)) {
        throw e;
      }
    }
    String token = users.login(DEMO_USER, DEMO_PASSWORD).toCompletableFuture().join().token();
    String url = "http://" + node.httpAddress().getHostString() + ":" + node.httpAddress().getPort();
    System.out.println(banner(url, token, adminPassword, generated));
    node.system().getWhenTerminated().toCompletableFuture().join();
    return 0;
  }

  private String banner(String url, String token, String adminPassword, boolean generated) {
    String adminSource = generated ? "generated for this run; set ACTORSHOP_ADMIN_PASSWORD to choose it"
        : "from ACTORSHOP_ADMIN_PASSWORD";
    return String.join("\n",
        "",
        "actorshop demo is up: " + url + "/api   (data in " + options.dataDir.toAbsolutePath().normalize()
            + "; Ctrl+C stops it)",
        "  demo user:  " + DEMO_USER + " / " + DEMO_PASSWORD + "   (logged in below; the token is valid until the next login)",
        "  admin user: admin / " + adminPassword + "   (" + adminSource + ")",
        "",
        "Try:",
        "  TOKEN=" + token,
        "  curl -s -X POST " + url + "/api/ratings -H \"Authorization: Bearer $TOKEN\" -d '{\"productId\":\"1\",\"score\":4.5}'",
        "  curl -s -X POST " + url + "/api/clicks -H \"Authorization: Bearer $TOKEN\" -d '{\"productId\":\"2\"}'",
        "  curl -s " + url + "/api/users/me -H \"Authorization: Bearer $TOKEN\"",
        "  curl -s -X POST " + url + "/api/users -d '{\"username\":\"alice\",\"password\":\"correct-horse-1\"}'",
        "  curl -s -X POST " + url + "/api/sessions -d '{\"username\":\"alice\",\"password\":\"correct-horse-1\"}'",
        "  curl -s http://127.0.0.1:" + managementPort() + "/cluster/members",
        "");
  }

  private int managementPort() {
    return options.managementPort != null ? options.managementPort : 8558;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
