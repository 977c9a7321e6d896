package dev.actorshop.importer;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The terminal face of an import: one progress bar per file (rate and ETA), bad rows above it, a summary line. */
public final class ProgressBarListener implements MovieLensImporter.Listener {
  private final PrintStream out;
  private final Map<String, ProgressBar> bars = new HashMap<>();

  public ProgressBarListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void fileStarted(String file, long rows) {
    bars.put(file, new ProgressBarBuilder()
        .setTaskName(String.format("%-11s", file))
        .setInitialMax(rows)
        .setUnit(" rows", 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .build());
  }

  @Override
  public synchronized void rowsDone(String file, long rows) {
    bars.get(file).stepBy(rows);
  }

  @Override
  public synchronized void badRow(String file, long line, String message) {
    out.print("\r\033[K");
    out.println(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
  }

  @Override
  public synchronized void fileDone(MovieLensImporter.FileReport r) {
    bars.remove(r.file()).close();
    out.printf("%s: %,d rows: %,d applied, %,d unchanged, %,d rejected in %.1f s (%,.0f rows/s)%n",
        r.file(), r.rows(), r.applied(), r.unchanged(), r.rejected(), r.took().toMillis() / 1000.0, r.rowsPerSecond());
  }
}
