package dev.actorshop.conf;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own start-up migration for the journal, snapshot and (later) application tables. The DDL
 * shipped in akka-persistence-jdbc is not idempotent and its PostgreSQL variant cannot run in a
 * transaction, so we own it: Flyway migrations per dialect under {@code db/migration/<kind>}, each
 * statement also written to be harmless when repeated. Safe to call from every node at start.
 */
public final class DatabaseSchema {
  private static final Logger log = LoggerFactory.getLogger(DatabaseSchema.class);

  private DatabaseSchema() {}

  public static void migrate(DatabaseSettings db) {
    MigrateResult result =
        Flyway.configure()
            .dataSource(db.url(), db.user(), db.password())
            .locations("classpath:db/migration/" + db.kind())
            .loggers("slf4j")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .connectRetries(10)
            .load()
            .migrate();
    if (result.migrationsExecuted > 0) {
      log.info(
          "Database schema of {} migrated to version {} ({} migrations)",
          db.describe(), result.targetSchemaVersion, result.migrationsExecuted);
    }
  }
}
