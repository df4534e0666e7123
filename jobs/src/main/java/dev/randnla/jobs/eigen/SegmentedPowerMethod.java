package dev.randnla.jobs.eigen;

import dev.randnla.linalg.BlockLanczos;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.linalg.Vectors;
import dev.randnla.sketch.PowerStepSketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver side of the segmented power method with a heavy-row side channel (docs/algorithms.md,
 * eigen --method stream; after Kacham &amp; Woodruff, arXiv 2412.11963): the state carried from one segment to the
 * next, and what one segment's {@link PowerStepSketch} does to it. No Spark here; the segments'
 * sketches come from {@link StreamMethod}.
 *
 * <p>The state is a d×b block Z (b = k + 2, orthonormal), the heavy rows H found so far (exact
 * copies), and running sums of the light rows. Step j, over segment j, with f the fraction of the
 * input read so far (rows read / n̂ when a row estimate exists, else partitions read / P; 1 after
 * the last segment):
 * <pre>
 *   Y   = s_j · Σ_{light a in segment j} a(aᵀZ)  +  HᵀH·Z      (with --center: a − μ̂ and h − μ̂ for a and h,
 *                                                               μ̂ the running mean, from uncentred sums)
 *   s_j = n̂_L / n_L(j),  n̂_L = (light rows so far) / f      (the segment stands for all light rows)
 *   T   = ZᵀY = W Θ Wᵀ,   Z ← orth(Y·W)                       (Rayleigh–Ritz, then a power step)
 * </pre>
 * Heavy rows (‖a − μ̂‖² ≥ τ) enter H the step they are read and count with weight one in that step
 * and every later one. τ = F̂/(2·d·ln d) with F̂ the Frobenius estimate (light part scaled by 1/f,
 * heavy rows exactly); before the first segment it is unknown, so the first segment's tasks keep
 * their heaviest rows and τ is the fixed point of τ = F̂(rows ≥ τ counted exactly)/(2·d·ln d) over
 * them. A row over τ that does not fit the side channel's budget is treated as light: still unbiased,
 * only noisier.
 *
 * <p>Why the extra columns and the injection: when the light rows carry (almost) no energy along
 * the top eigenvector — the heavy-row adversary — every step before the first heavy row erases that
 * direction from Z, and multiplying by HᵀH afterwards cannot bring back what is not there. So when
 * a step finds new heavy rows, the directions they add outside the leading k columns replace Z's
 * trailing columns; the next step's Rayleigh–Ritz promotes them if their energy wins.
 *
 * <p>The answer averages the last iterates: after convergence the iterates scatter around the top
 * eigenvector with errors that come from different segments, so the average over the window of
 * steps whose distance to the last iterate is at the noise floor (4× the median step-to-step change
 * of the second half) is more accurate than the last iterate. An eigenvalue is the light part of the
 * Ritz values averaged over that window (with its standard error) plus the heavy part ‖H v‖² with
 * every heavy row found, which early steps had not all seen.
 */
final class SegmentedPowerMethod {
  /** Extra columns beyond k (subspace iteration converges at λ_{k+3}/λ_k; room for heavy directions). */
  static final int OVERSAMPLING = 2;
  /** Heavy rows used to find injected directions in one step. */
  private static final int INJECTION_ROWS = 64;
  /** Distance to the last iterate, in multiples of the median step change, that still counts as converged. */
  private static final double WINDOW_FACTOR = 4;

  private final int d;
  private final int k;
  private final int b;
  private final boolean center;
  private final boolean sideChannel;
  private final int budget;
  private final int partitions;
  private final double logD;
  private final double[] probe;
  private Matrix z;

  private final List<PowerStepSketch.Candidate> heavy = new ArrayList<>();
  private final double[] heavySums;
  private double heavySquared;
  private long lightRows;
  private final double[] lightSums;
  private double lightSquared;
  private double tau = Double.POSITIVE_INFINITY;
  private double[] centre;
  private long overBudget;
  private boolean firstSegmentOverflow;

  private final List<Step> steps = new ArrayList<>();
  private final List<Matrix> iterates = new ArrayList<>();

  /**
   * One step's record.
   *
   * @param partitions partitions in the segment
   * @param rows rows read in the segment
   * @param lightRows rows applied as light rows (scaled by {@code scale})
   * @param heavyFound rows that joined the side channel
   * @param overTau rows whose norm reached the threshold the tasks used
   * @param tau the threshold after the step
   * @param scale s_j
   * @param ritz Ritz values θ of the step (b of them, largest first)
   * @param heavyRitz the part of each Ritz value from the heavy rows found so far, ‖H·x_i‖²
   * @param change cosine of the largest principal angle between this iterate and the previous one
   */
  record Step(int partitions, long rows, long lightRows, int heavyFound, long overTau, double tau, double scale,
      double[] ritz, double[] heavyRitz, double change) {}

  /**
   * What the method returns.
   *
   * @param vectors d×k, orthonormal, canonical signs
   * @param values light Ritz parts averaged over the window plus ‖H v‖²
   * @param standardErrors their standard errors (NaN with a one-step window)
   * @param window steps averaged (the last {@code window} steps)
   * @param gapEstimate mean θ_k / mean θ_{k+1} over the window (NaN when b = k)
   * @param zero whether the matrix had no energy at all (then vectors are e₁..e_k)
   */
  record Answer(Matrix vectors, double[] values, double[] standardErrors, int window, double gapEstimate, boolean zero) {}

  /**
   * @param d columns
   * @param k eigenvectors wanted (k ≤ d)
   * @param center work with the centred matrix
   * @param sideChannel keep heavy rows aside (false only to demonstrate why it exists)
   * @param budget the most heavy rows kept
   * @param partitions the input's partitions P
   * @param seed seed of the starting block and the probe
   */
  SegmentedPowerMethod(int d, int k, boolean center, boolean sideChannel, int budget, int partitions, long seed) {
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("k must be in [1, d=" + d + "]: " + k);
    }
    this.d = d;
    this.k = k;
    this.b = Math.min(d, k + OVERSAMPLING);
    this.center = center;
    this.sideChannel = sideChannel;
    this.budget = sideChannel ? budget : 0;
    this.partitions = partitions;
    this.logD = SegmentPlan.logD(d);
    this.z = StartingBlocks.orthonormal(d, b, seed, StartingBlocks.STREAM_START);
    this.probe = Vectors.normalize(StartingBlocks.gaussian(d, 1, seed, StartingBlocks.STREAM_PROBE).column(0));
    this.heavySums = new double[d];
    this.lightSums = new double[d];
    iterates.add(z.leadingColumns(k));
  }

  /** Columns of the block the tasks multiply by: Z and then the fixed probe. */
  int blockColumns() {
    return b + 1;
  }

  /** X = [Z, probe] for the next step. */
  Matrix taskBlock() {
    double[] x = Arrays.copyOf(z.data(), d * (b + 1));
    System.arraycopy(probe, 0, x, d * b, d);
    return new Matrix(d, b + 1, x);
  }

  /** The threshold the next step's tasks use: 0 (rank every row) before τ is known. */
  double taskThreshold() {
    if (!sideChannel) {
      return steps.isEmpty() ? Double.POSITIVE_INFINITY : tau;
    }
    return steps.isEmpty() ? 0.0 : tau;
  }

  /**
   * Candidates each of the next step's tasks may keep. In the first step every row is
   * ranked, so each task would return its heaviest rows up to the budget and the driver would receive
   * tasks × budget rows; there each task gets 64 + 4·budget/P: in random order a partition holds about
   * 1/P of the heavy rows. A task that fills its share with rows over τ may have missed some (they
   * count as light rows, unbiased) and is reported.
   */
  int taskCapacity() {
    if (!sideChannel) {
      return 0;
    }
    if (steps.isEmpty()) {
      return (int) Math.min(budget, 64 + (4L * budget + partitions - 1) / partitions);
    }
    return Math.max(0, budget - heavy.size());
  }

  /**
   * The first step's provisional-threshold factor (see {@link PowerStepSketch#withProvisionalThreshold}):
   * P/(8·d·ln d), at most 1/4 so that a row carrying a quarter of its partition's mass so far is always
   * ranked; 0 with --center (the tasks rank uncentred norms, the threshold is centred).
   */
  double provisionalFactor() {
    return steps.isEmpty() && sideChannel && !center ? Math.min(0.25, partitions / (8.0 * d * logD)) : 0.0;
  }

  /** Whether a first-segment task filled its share with rows over τ (some heavy rows may be light). */
  boolean firstSegmentOverflow() {
    return firstSegmentOverflow;
  }

  /** μ̂ for the tasks' heavy test (null when uncentred or before the first step). */
  double[] taskCentre() {
    return centre == null ? null : centre.clone();
  }

  int steps() {
    return steps.size();
  }

  List<Step> stepRecords() {
    return List.copyOf(steps);
  }

  List<PowerStepSketch.Candidate> heavyRows() {
    return List.copyOf(heavy);
  }

  /** Rows that reached τ but did not fit the side channel's budget. */
  long overBudget() {
    return overBudget;
  }

  double tau() {
    return tau;
  }

  int blockSize() {
    return b;
  }

  /**
   * Applies one segment's sketch (its tasks used {@link #taskBlock()}, {@link #taskThreshold()} etc.).
   *
   * @param fraction the fraction f of the input's rows read so far, this segment included (1 after the
   *     last segment)
   */
  Step step(PowerStepSketch.Result r, int segmentPartitions, long segmentRows, double fraction) {
    boolean first = steps.isEmpty();
    int shareUsed = first ? taskCapacity() : 0;
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
    }
    double f = fraction;
    Matrix x = taskBlock();
    double[] y = r.product().data().clone();
    double[] sums = r.columnSums().clone();
    long rowsJ = r.rows();
    double squaredJ = r.squaredNorms();
    List<PowerStepSketch.Candidate> candidates = new ArrayList<>(r.candidates());
    List<PowerStepSketch.Candidate> accepted = new ArrayList<>();
    if (sideChannel && !candidates.isEmpty()) {
      if (first) {
        accepted = firstSegmentHeavy(candidates, sums, rowsJ, squaredJ, f);
        firstSegmentOverflow = filledShare(candidates, new java.util.HashSet<>(accepted), shareUsed);
      } else {
        int room = Math.max(0, budget - heavy.size());
        accepted = new ArrayList<>(candidates.subList(0, Math.min(room, candidates.size())));
      }
    }
    long overTau = first ? accepted.size() : r.overTau();
    java.util.Set<PowerStepSketch.Candidate> keep = new java.util.HashSet<>(accepted);
    for (PowerStepSketch.Candidate cand : candidates) {
      if (keep.contains(cand)) {
        continue;
      }
      if (!first) {
        overBudget++;
      }
      double[] t = new double[x.cols()];
      for (int col = 0; col < t.length; col++) {
        t[col] = cand.dot(x.column(col));
      }
      for (int col = 0; col < t.length; col++) {
        cand.axpyInto(t[col], y, col * d);
      }
      cand.axpyInto(1.0, sums, 0);
      rowsJ++;
      squaredJ += cand.squared();
    }
    for (PowerStepSketch.Candidate h : accepted) {
      heavy.add(h);
      h.axpyInto(1.0, heavySums, 0);
      heavySquared += h.squared();
    }
    lightRows += rowsJ;
    Vectors.axpy(1.0, sums, lightSums);
    lightSquared += squaredJ;

    double lightTotal = lightRows / f;
    double scale = rowsJ > 0 ? lightTotal / rowsJ : 0.0;
    double estimatedRows = lightTotal + heavy.size();
    double[] totalSums = Vectors.scale(1.0 / f, lightSums);
    Vectors.axpy(1.0, heavySums, totalSums);
    double frobenius = lightSquared / f + heavySquared;
    double[] mu = null;
    if (center && estimatedRows > 0) {
      mu = Vectors.scale(1.0 / estimatedRows, totalSums);
      frobenius = Math.max(0, frobenius - Vectors.dot(totalSums, totalSums) / estimatedRows);
      centre = mu;
    }
    double[][] zc = new double[b][];
    for (int col = 0; col < b; col++) {
      zc[col] = z.column(col);
    }
    // light part: s_j·Σ (a − μ̂)(a − μ̂)ᵀZ over the segment, from its uncentred sums (sparse rows stay sparse)
    double[] yd = Arrays.copyOf(y, d * b);
    if (mu != null) {
      for (int col = 0; col < b; col++) {
        double muZ = Vectors.dot(mu, zc[col]);
        double sZ = Vectors.dot(sums, zc[col]);
        for (int i = 0; i < d; i++) {
          yd[i + col * d] -= sums[i] * muZ + mu[i] * sZ - rowsJ * mu[i] * muZ;
        }
      }
    }
    Matrix yz = new Matrix(d, b, yd).scale(scale);
    yd = yz.data();
    // heavy part, exactly: Σ_h (h − μ̂)(h − μ̂)ᵀZ
    double[][] hz = new double[heavy.size()][b];
    double[] hzSum = new double[b];
    double[] muZ = new double[b];
    for (int col = 0; col < b && mu != null; col++) {
      muZ[col] = Vectors.dot(mu, zc[col]);
    }
    for (int row = 0; row < heavy.size(); row++) {
      PowerStepSketch.Candidate h = heavy.get(row);
      for (int col = 0; col < b; col++) {
        hz[row][col] = h.dot(zc[col]) - muZ[col];
        hzSum[col] += hz[row][col];
        h.axpyInto(hz[row][col], yd, col * d);
      }
    }
    if (mu != null) {
      for (int col = 0; col < b; col++) {
        for (int i = 0; i < d; i++) {
          yd[i + col * d] -= mu[i] * hzSum[col];
        }
      }
    }
    tau = frobenius / (2 * d * logD);

    Matrix ritz = z.transposeTimes(yz);
    Matrix sym = ritz.plus(ritz.transpose()).scale(0.5);
    SymmetricEigen eig = SymmetricEigen.of(sym);
    double[] theta = eig.values();
    double[] heavyRitz = new double[b];
    for (double[] row : hz) {
      for (int i = 0; i < b; i++) {
        double hx = 0;
        for (int col = 0; col < b; col++) {
          hx += row[col] * eig.vectors().get(col, i);
        }
        heavyRitz[i] += hx * hx;
      }
    }
    double change;
    Matrix previous = iterates.get(iterates.size() - 1);
    if (yz.frobeniusNorm() == 0) {
      change = 1.0;
    } else {
      Matrix next = QrDecomposition.of(yz.times(eig.vectors())).q();
      if (sideChannel && !accepted.isEmpty() && b > k) {
        next = inject(next, accepted);
      }
      z = next;
      change = cosine(z.leadingColumns(k), previous);
    }
    iterates.add(z.leadingColumns(k));
    Step s = new Step(segmentPartitions, segmentRows, rowsJ, accepted.size(), overTau, tau, scale, theta, heavyRitz,
        change);
    steps.add(s);
    return s;
  }

  /**
   * Heavy rows of the first segment: τ is the fixed point of τ = F̂/(2·d·ln d), where F̂ counts the
   * rows at or over τ exactly and the others scaled by 1/f. Starting from τ = ∞ the set of rows
   * over τ only grows, so the iteration ends after at most as many rounds as candidates.
   */
  private List<PowerStepSketch.Candidate> firstSegmentHeavy(List<PowerStepSketch.Candidate> candidates, double[] lightSumsJ,
      long lightRowsJ, double lightSquaredJ, double f) {
    double[] mu = null;
    double[] norms = new double[candidates.size()];
    if (center) {
      double[] s = lightSumsJ.clone();
      for (PowerStepSketch.Candidate c : candidates) {
        c.axpyInto(1.0, s, 0);
      }
      long n = lightRowsJ + candidates.size();
      mu = n == 0 ? new double[d] : Vectors.scale(1.0 / n, s);
    }
    double lightPart = lightSquaredJ;
    if (mu != null) {
      lightPart = Math.max(0, lightSquaredJ - 2 * Vectors.dot(mu, lightSumsJ) + lightRowsJ * Vectors.dot(mu, mu));
    }
    Integer[] order = new Integer[norms.length];
    for (int i = 0; i < norms.length; i++) {
      PowerStepSketch.Candidate c = candidates.get(i);
      norms[i] = mu == null ? c.squared() : Math.max(0, c.squared() - 2 * c.dot(mu) + Vectors.dot(mu, mu));
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(norms[q], norms[p]) != 0 ? Double.compare(norms[q], norms[p])
        : candidates.get(p).compareTo(candidates.get(q)) * -1);
    double candidateTotal = 0;
    for (double v : norms) {
      candidateTotal += v;
    }
    int heavyCount = 0;
    for (int round = 0; round <= norms.length; round++) {
      double heavyPart = 0;
      for (int i = 0; i < heavyCount; i++) {
        heavyPart += norms[order[i]];
      }
      double estimate = (lightPart + candidateTotal - heavyPart) / f + heavyPart;
      double threshold = estimate / (2 * d * logD);
      int next = 0;
      while (next < norms.length && norms[order[next]] >= threshold) {
        next++;
      }
      if (next <= heavyCount) {
        break;
      }
      heavyCount = next;
    }
    int take = Math.min(heavyCount, budget);
    overBudget += heavyCount - take;
    List<PowerStepSketch.Candidate> out = new ArrayList<>(take);
    for (int i = 0; i < take; i++) {
      out.add(candidates.get(order[i]));
    }
    return out;
  }

  /** Whether some partition returned {@code share} candidates that all turned out heavy (its share was full). */
  private static boolean filledShare(List<PowerStepSketch.Candidate> candidates, java.util.Set<PowerStepSketch.Candidate> heavySet,
      int share) {
    java.util.Map<Integer, int[]> over = new java.util.HashMap<>();
    for (PowerStepSketch.Candidate c : candidates) {
      int[] counts = over.computeIfAbsent(c.partition(), p -> new int[2]);
      counts[0]++;
      if (heavySet.contains(c)) {
        counts[1]++;
      }
    }
    for (int[] counts : over.values()) {
      if (counts[0] >= share && counts[1] == counts[0]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces the trailing b − k columns of Z by the directions the new heavy rows add outside the
   * leading k columns (the top left singular vectors of (I − VVᵀ)(H − 1μ̂ᵀ)ᵀ), so the next step's
   * Rayleigh–Ritz can weigh them.
   */
  private Matrix inject(Matrix next, List<PowerStepSketch.Candidate> found) {
    Matrix lead = next.leadingColumns(k);
    int h = Math.min(INJECTION_ROWS, found.size());
    double[] dcols = new double[d * h];
    for (int i = 0; i < h; i++) {
      PowerStepSketch.Candidate c = found.get(i);
      c.axpyInto(1.0, dcols, i * d);
      if (centre != null) {
        for (int r = 0; r < d; r++) {
          dcols[i * d + r] -= centre[r];
        }
      }
      for (int j = 0; j < k; j++) {
        double[] v = lead.column(j);
        double t = 0;
        for (int r = 0; r < d; r++) {
          t += dcols[i * d + r] * v[r];
        }
        for (int r = 0; r < d; r++) {
          dcols[i * d + r] -= t * v[r];
        }
      }
    }
    Matrix dm = new Matrix(d, h, dcols);
    SymmetricEigen g = SymmetricEigen.of(dm.transposeTimes(dm));
    double[] ev = g.values();
    int q = b - k;
    double top = ev.length == 0 ? 0 : ev[0];
    double[] out = Arrays.copyOf(lead.data(), d * b);
    int filled = k;
    for (int i = 0; i < Math.min(q, ev.length) && top > 0 && ev[i] > 1e-12 * top; i++) {
      double[] dir = dm.times(g.vector(i));
      System.arraycopy(dir, 0, out, filled * d, d);
      filled++;
    }
    if (filled == k) {
      return next;
    }
    for (int col = filled; col < b; col++) {
      System.arraycopy(next.data(), (col - filled + k) * d, out, col * d, d);
    }
    return QrDecomposition.of(new Matrix(d, b, out)).q();
  }

  /** Cosine of the largest principal angle between the column spaces of two orthonormal d×k blocks. */
  static double cosine(Matrix a, Matrix bm) {
    Matrix m = a.transposeTimes(bm);
    if (m.rows() == 1 && m.cols() == 1) {
      return Math.min(1.0, Math.abs(m.get(0, 0)));
    }
    double[] s = SingularValueDecomposition.of(m).singularValues();
    return Math.min(1.0, s[s.length - 1]);
  }

  /** Averages the converged iterates and their Ritz values (see the class comment). */
  Answer finish() {
    if (steps.isEmpty()) {
      throw new IllegalStateException("no steps were made");
    }
    if (lightSquared + heavySquared == 0) {
      Matrix e = Matrix.zeros(d, k);
      for (int j = 0; j < k; j++) {
        e.set(j, j, 1.0);
      }
      double[] nan = new double[k];
      Arrays.fill(nan, Double.NaN);
      return new Answer(e, new double[k], nan, 1, Double.NaN, true);
    }
    int p = steps.size();
    List<Double> floor = new ArrayList<>();
    for (int j = Math.max(1, p / 2); j < p; j++) {
      double c = steps.get(j).change();
      floor.add(1 - c * c);
    }
    double median = floor.isEmpty() ? 0 : median(floor);
    Matrix last = iterates.get(p);
    int window = 1;
    while (window < p) {
      double c = cosine(iterates.get(p - window), last);
      if (1 - c * c > WINDOW_FACTOR * median + 1e-14) {
        break;
      }
      window++;
    }
    Matrix vectors = average(p, window);
    int from = window >= 2 ? p - window + 1 : p - 1;
    double[] values = new double[k];
    double[] errors = new double[k];
    for (int i = 0; i < k; i++) {
      double[] light = lightRitz(from, p, i);
      values[i] = light[0] + heavyEnergy(vectors.column(i));
      errors[i] = light[1];
    }
    double gap = Double.NaN;
    if (b > k) {
      Step lastStep = steps.get(p - 1);
      double below = lightRitz(from, p, k)[0] + lastStep.heavyRitz()[k];
      gap = below > 0 ? values[k - 1] / below : Double.POSITIVE_INFINITY;
    }
    return new Answer(BlockLanczos.canonicalSigns(vectors), values, errors, window, gap, false);
  }

  /**
   * Mean and standard error over steps [from, to) of the light part of Ritz value i (the Ritz value
   * less what the heavy rows found by then contributed): the heavy part is added back exactly with
   * all heavy rows, since early steps had seen only some of them.
   */
  private double[] lightRitz(int from, int to, int i) {
    int m = to - from;
    double sum = 0;
    for (int j = from; j < to; j++) {
      sum += steps.get(j).ritz()[i] - steps.get(j).heavyRitz()[i];
    }
    double mean = sum / m;
    double ss = 0;
    for (int j = from; j < to; j++) {
      double dv = steps.get(j).ritz()[i] - steps.get(j).heavyRitz()[i] - mean;
      ss += dv * dv;
    }
    return new double[] {mean, m >= 2 ? Math.sqrt(ss / (m - 1) / m) : Double.NaN};
  }

  /** ‖(H − 1μ̂ᵀ) v‖² over every heavy row found (μ̂ = 0 uncentred). */
  private double heavyEnergy(double[] v) {
    double muV = centre == null ? 0 : Vectors.dot(centre, v);
    double e = 0;
    for (PowerStepSketch.Candidate h : heavy) {
      double t = h.dot(v) - muV;
      e += t * t;
    }
    return e;
  }

  /** The average of the last {@code window} iterates: the top-k left singular vectors of [V_j]. */
  private Matrix average(int p, int window) {
    Matrix last = iterates.get(p);
    if (window == 1) {
      return last;
    }
    if (k == 1) {
      double[] acc = new double[d];
      double[] ref = last.column(0);
      for (int j = p - window + 1; j <= p; j++) {
        double[] v = iterates.get(j).column(0);
        Vectors.axpy(Math.signum(Vectors.dot(v, ref)) == 0 ? 1 : Math.signum(Vectors.dot(v, ref)), v, acc);
      }
      return new Matrix(d, 1, Vectors.normalize(acc));
    }
    double[] all = new double[d * k * window];
    for (int w = 0; w < window; w++) {
      System.arraycopy(iterates.get(p - window + 1 + w).data(), 0, all, w * d * k, d * k);
    }
    Matrix stacked = new Matrix(d, k * window, all);
    SymmetricEigen g = SymmetricEigen.of(stacked.transposeTimes(stacked));
    double[] out = new double[d * k];
    for (int i = 0; i < k; i++) {
      double[] u = stacked.times(g.vector(i));
      System.arraycopy(Vectors.normalize(u), 0, out, i * d, d);
    }
    return QrDecomposition.of(new Matrix(d, k, out)).q();
  }

  private static double median(List<Double> xs) {
    double[] a = new double[xs.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = xs.get(i);
    }
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
  }
}
