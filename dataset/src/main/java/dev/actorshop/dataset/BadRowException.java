package dev.actorshop.dataset;

/**
 * A MovieLens row or value that breaks the format's rules. The message is short human text that
 * names the column first, e.g. {@code rating: "6.0" is not in 0.5..5.0 in steps of 0.5}, so an
 * importer can show it next to the file name and line number as it is.
 */
public final class BadRowException extends IllegalArgumentException {
  public BadRowException(String message) {
    super(message);
  }

  /** A problem with one column's value: {@code column: "value" problem}. */
  static BadRowException column(String column, String value, String problem) {
    return new BadRowException(column + ": " + quote(value) + " " + problem);
  }

  /** Quotes a value for a message, cut to 40 characters so a message stays one short line. */
  static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "\"" + shown + "\"";
  }
}
