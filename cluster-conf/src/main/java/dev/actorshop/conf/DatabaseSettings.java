package dev.actorshop.conf;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The one database a node uses for journal, snapshots and (later) its own tables. */
public record DatabaseSettings(String kind, String url, String user, String password) {

  public static DatabaseSettings fromConfig(Config config) {
    Config db = config.getConfig("actorshop.db");
    return new DatabaseSettings(
        db.getString("kind"), db.getString("url"), db.getString("user"), db.getString("password"));
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** The URL without credentials or options, for log lines. */
  public String describe() {
    int options = url.indexOf(';');
    String bare = options < 0 ? url : url.substring(0, options);
    int query = bare.indexOf('?');
    return query < 0 ? bare : bare.substring(0, query);
  }
}
