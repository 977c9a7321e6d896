package dev.actorshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading wrk's report and the Lua script's answer files into the bench's figures. */
class WrkLoadTest {
  private static final String WRK = """
      Running 10s test @ http://127.0.0.1:18080
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     5.21ms    3.02ms   1.20s    91.77%
          Req/Sec     6.20k   410.00     7.01k    70.00%
        Latency Distribution
           50%  850.00us
           75%    6.10ms
           90%    8.90ms
           99%   15.37ms
        123456 requests in 10.00s, 22.08MB read
        Non-2xx or 3xx responses: 3
      Requests/sec:  12345.60
      Transfer/sec:      2.21MB
      """;

  @Test
  void figuresComeFromWrksReportAndEveryAnswerFromTheScriptsFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("answers-0"), "202 o-1\n409 already_bought\n202 o-2\n");
    Files.writeString(dir.resolve("answers-1"), "202 o-3\n503 \n");
    WrkLoad.Run run = WrkLoad.parse(WRK, dir.resolve("answers-"), 2, Duration.ofSeconds(10));
    ClosedLoop.Result r = run.result();
    assertEquals(5, r.attempts());
    assertEquals(Map.of("accepted", 3L, "already_bought", 1L, "http_503", 1L), r.outcomes());
    assertEquals(List.of("o-1", "o-2", "o-3"), run.acceptedOrderIds());
    assertEquals(0.85, r.p50Ms(), 1e-9);
    assertEquals(15.37, r.p99Ms(), 1e-9);
    assertEquals(1200.0, r.maxMs(), 1e-9);
    assertEquals(0.5, r.throughputRps(), 1e-9);
  }

  @Test
  void aReportWithoutLatenciesIsAnError(@TempDir Path dir) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WrkLoad.parse("unable to connect to 127.0.0.1:1 Connection refused\n", dir.resolve("answers-"), 2, Duration.ofSeconds(1)));
    assertEquals(true, e.getMessage().contains("Connection refused"));
  }
}
