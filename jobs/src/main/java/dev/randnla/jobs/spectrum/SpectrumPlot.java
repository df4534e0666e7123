package dev.randnla.jobs.spectrum;

import dev.randnla.jobs.Png;
import dev.randnla.linalg.MarchenkoPastur;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The spectral density histogram with the fitted Marchenko–Pastur density, its bulk edges and the
 * spikes, drawn with the JDK's Java2D into a PNG (no display needed: an off-screen image). No
 * plotting library is added for one chart.
 */
final class SpectrumPlot {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 600;
  private static final int TOP = 74;
  private static final int BOTTOM = 66;
  private static final Color BAR = new Color(158, 190, 222);
  private static final Color BAR_EDGE = new Color(88, 128, 170);
  private static final Color CURVE = new Color(214, 96, 20);
  private static final Color SPIKE = new Color(200, 30, 45);

  private SpectrumPlot() {}

  /**
   * @param title the first title line
   * @param mp the fitted law (null: histogram only)
   * @param spikes spike eigenvalues
   * @param atomZero whether the first bin holds the structural zero eigenvalues (clipped)
   */
  static byte[] png(String title, String subtitle, SpectralHistogram h, MarchenkoPastur mp, double[] spikes,
      boolean atomZero) {
    return Png.draw(WIDTH, HEIGHT, g -> draw(g, title, subtitle, h, mp, spikes, atomZero));
  }

  private static void draw(Graphics2D g, String title, String subtitle, SpectralHistogram h, MarchenkoPastur mp,
      double[] spikes, boolean atomZero) {
    int pw = WIDTH - Png.LEFT - Png.RIGHT;
    int ph = HEIGHT - TOP - BOTTOM;
    double xmax = h.edges()[h.bins()];
    double ymax = 0;
    int firstBar = atomZero ? 1 : 0;
    for (int i = firstBar; i < h.bins(); i++) {
      ymax = Math.max(ymax, h.empiricalDensity(i));
    }
    if (mp != null) {
      for (int i = 1; i < 400; i++) {
        double x = mp.lowerEdge() + (mp.upperEdge() - mp.lowerEdge()) * i / 400.0;
        ymax = Math.max(ymax, mp.density(x));
      }
    }
    if (!(ymax > 0)) {
      ymax = 1;
    }
    double[] yt = Png.ticks(0, ymax * 1.12, 6);
    ymax = yt[yt.length - 1];
    double[] xt = Png.ticks(0, xmax, 8);
    double ymaxF = ymax;
    java.util.function.DoubleUnaryOperator px = x -> Png.LEFT + x / xmax * pw;
    java.util.function.DoubleUnaryOperator py = y -> TOP + ph - y / ymaxF * ph;

    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    g.setFont(small);
    FontMetrics fm = g.getFontMetrics();
    // grid and ticks
    Png.grid(g, xt, yt, px, py, Png.LEFT, TOP, pw, ph, xmax * 1.0000001);
    // bars
    for (int i = 0; i < h.bins(); i++) {
      double dens = h.empiricalDensity(i);
      if (dens <= 0) {
        continue;
      }
      double x0 = px.applyAsDouble(h.edges()[i]);
      double x1 = px.applyAsDouble(h.edges()[i + 1]);
      double y0 = py.applyAsDouble(Math.min(dens, ymax));
      Rectangle2D bar = new Rectangle2D.Double(x0, y0, x1 - x0, TOP + ph - y0);
      g.setColor(BAR);
      g.fill(bar);
      g.setColor(BAR_EDGE);
      g.draw(bar);
    }
    if (atomZero && h.counts()[0] > 0) {
      g.setColor(Png.TEXT);
      String s = String.format(Locale.ROOT, "\u2190 %.0f eigenvalues at 0 (clipped)", h.counts()[0]);
      g.drawString(s, (int) px.applyAsDouble(h.edges()[1]) + 6, TOP + 16);
    }
    // MP density and edges
    if (mp != null) {
      g.setColor(new Color(120, 120, 120));
      g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
      for (double e : new double[] {mp.lowerEdge(), mp.upperEdge()}) {
        int xx = (int) Math.round(px.applyAsDouble(e));
        g.drawLine(xx, TOP, xx, TOP + ph);
      }
      g.setColor(Png.TEXT);
      String lo = "\u03bb\u208b = " + Png.fmt(mp.lowerEdge());
      String up = "\u03bb\u208a = " + Png.fmt(mp.upperEdge());
      int xl = (int) Math.round(px.applyAsDouble(mp.lowerEdge()));
      int xu = (int) Math.round(px.applyAsDouble(mp.upperEdge()));
      g.drawString(lo, Math.max(Png.LEFT + 4, xl - fm.stringWidth(lo) - 4), TOP + ph - 8);
      g.drawString(up, Math.min(Png.LEFT + pw - fm.stringWidth(up) - 2, xu + 4), TOP + ph - 8);
      Path2D curve = new Path2D.Double();
      int steps = 800;
      for (int i = 0; i <= steps; i++) {
        double x = mp.lowerEdge() + (mp.upperEdge() - mp.lowerEdge()) * i / steps;
        double y = py.applyAsDouble(Math.min(mp.density(x), ymax));
        if (i == 0) {
          curve.moveTo(px.applyAsDouble(x), y);
        } else {
          curve.lineTo(px.applyAsDouble(x), y);
        }
      }
      g.setColor(CURVE);
      g.setStroke(new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(curve);
    }
    // spikes
    List<String> offScale = new ArrayList<>();
    g.setStroke(new BasicStroke(2f));
    for (double s : spikes) {
      if (s > xmax) {
        offScale.add(Png.fmt(s));
        continue;
      }
      int xx = (int) Math.round(px.applyAsDouble(s));
      g.setColor(SPIKE);
      g.drawLine(xx, TOP + ph, xx, TOP + ph - ph / 4);
      Path2D tri = new Path2D.Double();
      tri.moveTo(xx, TOP + ph - ph / 4.0 - 2);
      tri.lineTo(xx - 5, TOP + ph - ph / 4.0 - 11);
      tri.lineTo(xx + 5, TOP + ph - ph / 4.0 - 11);
      tri.closePath();
      g.fill(tri);
    }
    // frame
    g.setColor(Png.TEXT);
    g.setStroke(new BasicStroke(1.2f));
    g.drawRect(Png.LEFT, TOP, pw, ph);
    // titles and labels
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString(title, Png.LEFT, 28);
    g.setFont(small);
    g.drawString(subtitle, Png.LEFT, 50);
    g.setFont(label);
    FontMetrics lm = g.getFontMetrics();
    String xl = "eigenvalue \u03bb";
    g.drawString(xl, Png.LEFT + (pw - lm.stringWidth(xl)) / 2, HEIGHT - 18);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    String yl = "spectral density";
    g.drawString(yl, -(TOP + (ph + lm.stringWidth(yl)) / 2), 24);
    g.setTransform(saved);
    legend(g, small, mp != null, spikes.length > 0, offScale, Png.LEFT + pw, TOP);
  }

  private static void legend(Graphics2D g, Font font, boolean mp, boolean spikes, List<String> offScale, int right, int top) {
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    List<String> lines = new ArrayList<>();
    lines.add("empirical spectral density");
    if (mp) {
      lines.add("Marchenko\u2013Pastur fit");
    }
    if (spikes) {
      lines.add("spikes (Tracy\u2013Widom 1%)");
    }
    if (!offScale.isEmpty()) {
      lines.add("spikes off scale \u2192 " + String.join(", ", offScale.subList(0, Math.min(4, offScale.size())))
          + (offScale.size() > 4 ? ", \u2026" : ""));
    }
    int w = 0;
    for (String s : lines) {
      w = Math.max(w, fm.stringWidth(s));
    }
    int boxW = w + 48;
    int boxH = lines.size() * 20 + 10;
    int x = right - boxW - 10;
    int y = top + 10;
    g.setColor(new Color(255, 255, 255, 235));
    g.fillRect(x, y, boxW, boxH);
    g.setColor(new Color(190, 190, 190));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, boxW, boxH);
    int row = y + 20;
    g.setColor(BAR);
    g.fillRect(x + 10, row - 11, 24, 11);
    g.setColor(BAR_EDGE);
    g.drawRect(x + 10, row - 11, 24, 11);
    g.setColor(Png.TEXT);
    g.drawString(lines.get(0), x + 40, row);
    int i = 1;
    if (mp) {
      row += 20;
      g.setColor(CURVE);
      g.setStroke(new BasicStroke(2.4f));
      g.drawLine(x + 10, row - 5, x + 34, row - 5);
      g.setColor(Png.TEXT);
      g.drawString(lines.get(i++), x + 40, row);
    }
    if (spikes) {
      row += 20;
      g.setColor(SPIKE);
      g.setStroke(new BasicStroke(2f));
      g.drawLine(x + 22, row, x + 22, row - 12);
      g.setColor(Png.TEXT);
      g.drawString(lines.get(i++), x + 40, row);
    }
    if (i < lines.size()) {
      row += 20;
      g.setColor(SPIKE);
      g.drawString(lines.get(i), x + 40, row);
    }
  }
}
