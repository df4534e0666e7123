package dev.randnla.jobs.regress;

import dev.randnla.jobs.Png;
import dev.randnla.jobs.regress.sparse.CrossValidation.Point;
import dev.randnla.jobs.regress.sparse.SparseMethod;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * path.png of {@code regress --lasso/--sparsity}: along the chosen method's path (its τ for the preconditioned
 * Lasso), the coefficients (top) and the cross-validated error with its ±1 standard-error band (bottom), against
 * log10 λ (the OMP step for OMP), the chosen point marked in both.
 */
final class PathPlot {
  static final int WIDTH = 960;
  static final int HEIGHT = 720;
  private static final int TOP = 60;
  private static final int GAP = 60;
  private static final int BOTTOM = 56;
  private static final Color BAND = new Color(198, 219, 239);
  private static final Color CV = new Color(33, 102, 172);
  private static final Color CHOSEN = new Color(200, 30, 45);
  private static final Color[] LINES = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
      new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

  private PathPlot() {}

  /** The chosen point's series of {@code path} drawn as PNG bytes. */
  static byte[] png(List<Point> path, Point chosen, String title) {
    List<Point> series = new ArrayList<>();
    for (Point p : path) {
      if (p.method() == chosen.method() && Double.compare(p.tau(), chosen.tau()) == 0) {
        series.add(p);
      }
    }
    return Png.draw(WIDTH, HEIGHT, g -> draw(g, series, chosen, title));
  }

  private static double x(Point p) {
    return p.method() == SparseMethod.OMP ? p.step() : Math.log10(p.lambda());
  }

  private static void draw(Graphics2D g, List<Point> series, Point chosen, String title) {
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    double clo = Double.POSITIVE_INFINITY;
    double chi = Double.NEGATIVE_INFINITY;
    double elo = Double.POSITIVE_INFINITY;
    double ehi = Double.NEGATIVE_INFINITY;
    int d = chosen.coefficients().length;
    boolean[] used = new boolean[d];
    for (Point p : series) {
      xlo = Math.min(xlo, x(p));
      xhi = Math.max(xhi, x(p));
      for (int j = 0; j < d; j++) {
        double c = p.coefficients()[j];
        used[j] |= c != 0;
        clo = Math.min(clo, c);
        chi = Math.max(chi, c);
      }
      if (!Double.isNaN(p.cvError())) {
        elo = Math.min(elo, p.cvError() - p.cvStandardError());
        ehi = Math.max(ehi, p.cvError() + p.cvStandardError());
      }
    }
    if (elo > ehi) {
      elo = 0; // no point has a CV error (an empty panel)
      ehi = 1;
    }
    int pw = WIDTH - Png.LEFT - Png.RIGHT;
    int ph = (HEIGHT - TOP - GAP - BOTTOM) / 2;
    String xl = chosen.method() == SparseMethod.OMP ? "OMP step (support size aimed at)" : "log10 \u03bb";
    g.setColor(Png.TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, Png.LEFT, 30);
    Axes top = axes(g, TOP, pw, ph, xlo, xhi, clo, chi, "coefficients");
    for (int j = 0, line = 0; j < d; j++) {
      if (!used[j]) {
        continue;
      }
      Path2D curve = new Path2D.Double();
      for (int i = 0; i < series.size(); i++) {
        Point p = series.get(i);
        double px = top.x.applyAsDouble(x(p));
        double py = top.y.applyAsDouble(p.coefficients()[j]);
        if (i == 0) {
          curve.moveTo(px, py);
        } else {
          curve.lineTo(px, py);
        }
      }
      g.setColor(LINES[line++ % LINES.length]);
      g.setStroke(new BasicStroke(1.6f));
      g.draw(curve);
    }
    Axes bottom = axes(g, TOP + ph + GAP, pw, ph, xlo, xhi, elo, ehi, "CV error \u00b1 1 s.e.");
    Path2D band = new Path2D.Double();
    Path2D mean = new Path2D.Double();
    List<double[]> lower = new ArrayList<>();
    for (Point p : series) {
      if (Double.isNaN(p.cvError())) {
        continue;
      }
      double px = bottom.x.applyAsDouble(x(p));
      if (lower.isEmpty()) {
        band.moveTo(px, bottom.y.applyAsDouble(p.cvError() + p.cvStandardError()));
        mean.moveTo(px, bottom.y.applyAsDouble(p.cvError()));
      } else {
        band.lineTo(px, bottom.y.applyAsDouble(p.cvError() + p.cvStandardError()));
        mean.lineTo(px, bottom.y.applyAsDouble(p.cvError()));
      }
      lower.add(new double[] {px, bottom.y.applyAsDouble(p.cvError() - p.cvStandardError())});
    }
    if (!lower.isEmpty()) {
      for (int i = lower.size() - 1; i >= 0; i--) {
        band.lineTo(lower.get(i)[0], lower.get(i)[1]);
      }
      band.closePath();
      g.setColor(BAND);
      g.fill(band);
      g.setColor(CV);
      g.setStroke(new BasicStroke(2f));
      g.draw(mean);
    }
    g.setColor(CHOSEN);
    g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
    for (Axes a : new Axes[] {top, bottom}) {
      int cx = (int) Math.round(a.x.applyAsDouble(x(chosen)));
      g.drawLine(cx, a.top, cx, a.top + ph);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int cx = (int) Math.round(top.x.applyAsDouble(x(chosen)));
    String mark = "chosen (" + chosen.supportSize() + " nonzeros)";
    g.drawString(mark, Math.min(cx + 5, Png.LEFT + pw - g.getFontMetrics().stringWidth(mark) - 4), TOP + 16);
    g.setColor(Png.TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    FontMetrics lm = g.getFontMetrics();
    g.drawString(xl, Png.LEFT + (pw - lm.stringWidth(xl)) / 2, HEIGHT - 14);
  }

  /** A panel's pixel mappings and its top edge. */
  private record Axes(DoubleUnaryOperator x, DoubleUnaryOperator y, int top) {}

  /** Grid, ticks, frame and the y label of a panel over [xlo, xhi] × [ylo, yhi] (widened to round ticks). */
  private static Axes axes(Graphics2D g, int top, int pw, int ph, double xlo, double xhi, double ylo, double yhi,
      String ylabel) {
    double[] xt = Png.ticks(xlo, xhi, 8);
    double[] yt = Png.ticks(ylo, yhi, 5);
    double x0 = xt[0];
    double x1 = xt[xt.length - 1];
    double y0 = yt[0];
    double y1 = yt[yt.length - 1];
    DoubleUnaryOperator px = v -> Png.LEFT + (v - x0) / (x1 - x0) * pw;
    DoubleUnaryOperator py = v -> top + ph - (v - y0) / (y1 - y0) * ph;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    Png.grid(g, xt, yt, px, py, Png.LEFT, top, pw, ph, Double.POSITIVE_INFINITY);
    g.setColor(Png.TEXT);
    g.setStroke(new BasicStroke(1.2f));
    g.drawRect(Png.LEFT, top, pw, ph);
    java.awt.geom.AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(ylabel, -(top + (ph + fm.stringWidth(ylabel)) / 2), 22);
    g.setTransform(saved);
    return new Axes(px, py, top);
  }
}
