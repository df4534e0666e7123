package dev.randnla.jobs;

import dev.randnla.spark.JobRun;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/**
 * What the jobs' charts share: an off-screen Java2D image encoded as PNG (no display, no plotting library),
 * round axis ticks, the tick grid and its labels, and writing the file into a job's output.
 */
public final class Png {
  /** The tick grid's lines. */
  public static final Color GRID = new Color(232, 232, 232);
  /** Text, axes and frames. */
  public static final Color TEXT = new Color(40, 40, 40);
  /** The margin left of the plot area, where the y tick labels go. */
  public static final int LEFT = 86;
  /** The margin right of the plot area. */
  public static final int RIGHT = 28;

  private Png() {}

  /** Draws a width×height anti-aliased image on white with {@code draw} and encodes it as PNG. */
  public static byte[] draw(int width, int height, Consumer<Graphics2D> draw) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      draw.accept(g);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a PNG", e);
    }
    return out.toByteArray();
  }

  /** Writes the bytes as {@code name} into the run's output (nothing without one). */
  public static void write(JobRun run, String name, byte[] png) {
    if (run.output() == null) {
      return;
    }
    try (OutputStream out = run.output().create(name)) {
      out.write(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name, e);
    }
  }

  /**
   * The tick grid of the plot area [left, left + width] × [top, top + height] in the current font: a line and a
   * label (left of the area) per y tick, a line and a label (below it) per x tick up to maxX, the values mapped
   * to pixels by px and py; lines in {@link #GRID}, labels in {@link #TEXT}.
   */
  public static void grid(Graphics2D g, double[] xt, double[] yt, DoubleUnaryOperator px, DoubleUnaryOperator py,
      int left, int top, int width, int height, double maxX) {
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    for (double y : yt) {
      int yy = (int) Math.round(py.applyAsDouble(y));
      g.setColor(GRID);
      g.drawLine(left, yy, left + width, yy);
      g.setColor(TEXT);
      String s = fmt(y);
      g.drawString(s, left - 8 - fm.stringWidth(s), yy + fm.getAscent() / 2 - 1);
    }
    for (double x : xt) {
      if (x > maxX) {
        continue;
      }
      int xx = (int) Math.round(px.applyAsDouble(x));
      g.setColor(GRID);
      g.drawLine(xx, top, xx, top + height);
      g.setColor(TEXT);
      String s = fmt(x);
      g.drawString(s, xx - fm.stringWidth(s) / 2, top + height + 18);
    }
  }

  /** About {@code count} round tick values, multiples of one step, from at or below lo to at or above hi. */
  public static double[] ticks(double lo, double hi, int count) {
    double span = hi - lo;
    if (!(span > 0)) {
      return new double[] {lo, lo + 1};
    }
    double raw = span / count;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    }
    long first = (long) Math.floor(lo / step + 1e-9);
    int n = (int) (Math.ceil(hi / step - 1e-9) - first);
    double[] out = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      out[i] = (first + i) * step;
    }
    return out;
  }

  /** A short tick label: 4 significant digits without trailing zeros, 2 in exponent form far from 1. */
  public static String fmt(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e4 || a < 1e-3) {
      return String.format(Locale.ROOT, "%.2g", v);
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }
}
