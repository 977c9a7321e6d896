package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.onSuccess;
import static akka.http.javadsl.server.Directives.parameterOptional;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;
import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import dev.actorshop.conf.Futures;
import dev.actorshop.contracts.OfflineResults.Runs;
import dev.actorshop.node.OfflineLauncher;
import dev.actorshop.node.OfflineRuns;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.bson.Document;

/**
 * Admin: {@code POST /api/admin/offline/runs[?evaluate=true]} starts an offline run in a child
 * JVM (202 {@code {runId}}; 409 {@code run_in_progress} while this node runs one; 503
 * {@code offline_unavailable} when the jobs are not built); {@code GET
 * /api/admin/offline/runs/{runId}} shows its status (RUNNING, SUCCEEDED or FAILED), stage,
 * progress and, at the end, its summary or error.
 */
final class OfflineRoutes {
  private final OfflineRuns runs;
  private final Auth auth;

  OfflineRoutes(OfflineRuns runs, Auth auth) {
    this.runs = runs;
    this.auth = auth;
  }

  Route routes() {
    return pathPrefix("admin", () -> pathPrefix("offline", () -> pathPrefix("runs", () -> concat(
        pathEndOrSingleSlash(() -> post(() -> auth.admin(admin -> parameterOptional("evaluate", evaluate ->
            onSuccess(started(runs.start(evaluate.map(OfflineRoutes::flag).orElse(false))),
                runId -> complete(StatusCodes.ACCEPTED, Map.of("runId", runId), Json.marshaller())))))),
        path(segment(), runId -> get(() -> auth.admin(admin -> onSuccess(runs.get(runId), doc -> doc
            .<Route>map(d -> complete(StatusCodes.OK, view(d), Json.marshaller()))
            .orElseGet(() -> complete(ApiErrors.response(StatusCodes.NOT_FOUND, "not_found", "no offline run " + runId)))))))))));
  }

  private static boolean flag(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.invalidField("evaluate", "must be true or false");
    };
  }

  private static CompletionStage<String> started(CompletionStage<String> start) {
    return start.exceptionally(error -> {
      Throwable cause = Futures.cause(error);
      if (cause instanceof OfflineRuns.Busy busy) {
        throw new ApiException(StatusCodes.CONFLICT, "run_in_progress", null, busy.getMessage());
      }
      if (cause instanceof OfflineLauncher.NotBuilt missing) {
        throw new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "offline_unavailable", null, missing.getMessage());
      }
      throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
    });
  }

  static Map<String, Object> view(Document run) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runId", run.getString("_id"));
    out.put("status", run.getString(Runs.STATUS));
    out.put("stage", run.getString(Runs.STAGE));
    Document progress = run.get(Runs.PROGRESS, Document.class);
    if (progress != null) {
      out.put("progress", Map.of("done", progress.get(Runs.DONE), "of", progress.get(Runs.OF)));
    }
    out.put("startedAt", instant(run.getDate(Runs.STARTED_AT)));
    out.put("finishedAt", instant(run.getDate(Runs.FINISHED_AT)));
    if (run.containsKey(Runs.SUMMARY)) {
      out.put("summary", run.get(Runs.SUMMARY));
    }
    if (run.containsKey(Runs.ERROR)) {
      out.put("error", run.getString(Runs.ERROR));
    }
    return out;
  }

  private static String instant(Date date) {
    return date == null ? null : date.toInstant().toString();
  }
}
