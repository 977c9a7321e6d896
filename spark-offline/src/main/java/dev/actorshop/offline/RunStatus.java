package dev.actorshop.offline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.actorshop.contracts.OfflineResults.Runs;
import java.util.Date;
import java.util.Map;
import org.bson.Document;

/**
 * Where a run reports its progress: nowhere (a run from the command line), or its
 * {@code offline_runs} document, which the node that launched it serves on
 * {@code GET /api/admin/offline/runs/{runId}}.
 */
interface RunStatus {
  RunStatus NONE = new RunStatus() {
    @Override
    public void progress(String stage, int done, int of) {}

    @Override
    public void succeeded(Map<String, Object> summary) {}

    @Override
    public void failed(String error) {}
  };

  void progress(String stage, int done, int of);

  void succeeded(Map<String, Object> summary);

  void failed(String error);

  static RunStatus inMongo(MongoCollection<Document> runs, String runId) {
    return new RunStatus() {
      @Override
      public void progress(String stage, int done, int of) {
        runs.updateOne(Filters.eq("_id", runId), Updates.combine(
            Updates.set(Runs.STATUS, Runs.RUNNING), Updates.set(Runs.STAGE, stage),
            Updates.set(Runs.PROGRESS, new Document(Runs.DONE, done).append(Runs.OF, of)),
            Updates.setOnInsert(Runs.STARTED_AT, new Date())), new UpdateOptions().upsert(true));
      }

      @Override
      public void succeeded(Map<String, Object> summary) {
        runs.updateOne(Filters.eq("_id", runId), Updates.combine(
            Updates.set(Runs.STATUS, Runs.SUCCEEDED), Updates.set(Runs.SUMMARY, new Document(summary)),
            Updates.set(Runs.FINISHED_AT, new Date())), new UpdateOptions().upsert(true));
      }

      @Override
      public void failed(String error) {
        runs.updateOne(Filters.eq("_id", runId), Updates.combine(
            Updates.set(Runs.STATUS, Runs.FAILED), Updates.set(Runs.ERROR, error),
            Updates.set(Runs.FINISHED_AT, new Date())), new UpdateOptions().upsert(true));
      }
    };
  }
}
