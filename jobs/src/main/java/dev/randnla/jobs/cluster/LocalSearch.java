package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Improves a partition of the blocks after the greedy pass (docs/algorithms.md, cluster: local
 * search). The objective is what the user stores, Σ over clusters of r·(d + rows) for a compressed
 * cluster and d·rows for one stored as it is, subject to every compressed cluster's rank-r error
 * being at most ε. Greedy packing fills its first clusters to the brim and can strand blocks that
 * cannot be stored compressed on their own; two kinds of move repair that:
 *
 * <ul>
 *   <li><b>merge</b> two clusters (or a raw block and a cluster) into one: saves r·d numbers, or a
 *       raw block's d − r per row;</li>
 *   <li><b>rescue</b> a cluster stored raw (a single block, usually): grow a new cluster around it
 *       with the blocks of other clusters most aligned with its top-r subspace, one at a time, until
 *       its bound meets ε, then check that every cluster that gave blocks still meets ε.</li>
 * </ul>
 *
 * A move is taken only when it lowers the storage and every compressed cluster it touches has a
 * certified bound ≤ ε ({@link GramBound}: Ritz values of the exact cluster Gram, an upper bound on
 * the error whether or not they converged). Merges are screened first with Ky Fan subadditivity
 * (the top-r energy of a union is at most the sum of its parts'), which only skips candidates that
 * cannot pass. Candidates are evaluated several at a time on the driver's cores and the first
 * acceptable one in a fixed order is taken, so the result does not depend on the number of cores.
 * Every accepted move lowers an integer (the storage), so the search ends; it also ends when the
 * time budget does (then the result depends on how far it got, which the summary reports).
 *
 * <p>Cost: one d×d Gram per cluster (Σ rows·d² flops, on the driver's cores), 2·d²·(r + p) flops
 * per Lanczos step of an evaluation; driver memory about (clusters + cores + 2) d×d matrices.
 */
final class LocalSearch {
  /** Most blocks pulled into a raw cluster's company in one rescue. */
  static final int MAX_PULL = 24;
  /**
   * Ritz residual tolerance of the search's evaluations: Ritz sums then match the eigenvalue sums to
   * about 1e-8 relative, so a rejected move misses by at most that (an accepted one is certified).
   */
  private static final double TOLERANCE = 1e-4;
  /** Relative slack on converged Ritz sums in the merge screen (they match eigenvalues to ≈ 1e-8). */
  private static final double SCREEN_SLACK = 1e-6;

  /**
   * The search's result.
   *
   * @param clusters the improved partition (each cluster's bound certified, 0 for one stored raw)
   * @param storageBefore the greedy partition's storage
   * @param storageAfter the improved partition's storage (≤ storageBefore)
   * @param evaluations candidate clusters whose bound was computed
   * @param merges merges taken
   * @param rescues rescues taken
   * @param stopped why the search ended
   */
  record Outcome(List<GreedyClustering.Cluster> clusters, long storageBefore, long storageAfter, int evaluations,
      int merges, int rescues, String stopped) {}

  /** A cluster during the search. */
  private static final class Group {
    final List<Integer> members = new ArrayList<>();
    long rows;
    double energy;
    /** Full symmetric Σ FₖᵀFₖ, kept for compressed groups only (a raw group's is made when needed). */
    Matrix gram;
    /** Changes whenever the members do (failed merges of unchanged groups are not tried again). */
    int version;
    /** Ritz vectors of the Gram (warm starts), null until computed. */
    Matrix basis;
    /** The certified bound (meaningful when compressed). */
    double bound;
    /** Converged Ritz sum ≈ Σ_{i≤r} λᵢ (for the merge screen), NaN until computed. */
    double topEnergy = Double.NaN;
  }

  private final List<Block> blocks;
  private final int rank;
  private final int cols;
  private final double eps;
  private final GramBound gramBound;
  private final long deadline;
  private final Consumer<String> log;
  private int evaluations;
  private int merges;
  private int rescues;
  /** Accepted moves so far: a rescue that failed is tried again only after the partition changed. */
  private int epoch;
  private final java.util.Set<List<Integer>> failedMerges = new java.util.HashSet<>();
  private final java.util.Set<List<Integer>> failedRescues = new java.util.HashSet<>();

  /**
   * @param seconds the time budget (the search stops when it is spent)
   * @param log progress lines
   */
  LocalSearch(List<Block> blocks, int rank, int oversampling, int cols, double eps, double seconds,
      Consumer<String> log) {
    this.blocks = blocks;
    this.rank = rank;
    this.cols = cols;
    this.eps = eps;
    this.gramBound = new GramBound(rank, oversampling, cols);
    this.deadline = System.nanoTime() + (long) Math.min(Long.MAX_VALUE / 4.0, seconds * 1e9);
    this.log = log;
  }

  /** Bytes of the d×d matrices the search holds for {@code compressedClusters} clusters. */
  static long workingBytes(int compressedClusters, int d) {
    int cores = Runtime.getRuntime().availableProcessors();
    return (long) (compressedClusters + 2L * cores + 4) * d * d * 8;
  }

  /**
   * @param start the greedy partition
   * @param grams Grams of some of its clusters by position (the exact bound's, so they are not built twice)
   */
  Outcome improve(List<GreedyClustering.Cluster> start, Map<Integer, Matrix> grams) {
    List<Group> groups = new ArrayList<>();
    for (GreedyClustering.Cluster c : start) {
      Group g = new Group();
      for (int b : c.blocks()) {
        add(g, b);
      }
      g.bound = c.bound();
      if (compressed(g)) {
        g.gram = grams.get(groups.size());
      }
      groups.add(g);
    }
    long before = storage(groups);
    String stopped;
    if (blocks.stream().anyMatch(b -> b.factor() == null)) {
      stopped = "skipped: no block factors (maxnorm with --order norm keeps none)";
    } else {
      // each compressed cluster's Gram (the exact bound's when it handed it over) and converged Ritz
      // pairs: its top-r energy for the merge screen, warm starts for every later evaluation
      stopped = "no improving move";
      for (Group g : groups) {
        if (timeUp()) {
          stopped = "time budget";
          break;
        }
        if (compressed(g)) {
          refresh(g, g.bound);
        }
      }
      while (!stopped.equals("time budget")) {
        if (timeUp()) {
          stopped = "time budget";
          break;
        }
        if (tryMerge(groups) || tryRescue(groups)) {
          continue;
        }
        if (timeUp()) {
          stopped = "time budget";
        }
        break;
      }
    }
    List<GreedyClustering.Cluster> out = new ArrayList<>();
    for (Group g : groups) {
      if (g.members.isEmpty()) {
        continue;
      }
      int[] members = g.members.stream().mapToInt(Integer::intValue).toArray();
      out.add(new GreedyClustering.Cluster(members, g.rows, compressed(g) ? g.bound : 0.0));
    }
    long after = storage(groups);
    if (after > before) {
      throw new IllegalStateException("local search raised the storage from " + before + " to " + after);
    }
    return new Outcome(List.copyOf(out), before, after, evaluations, merges, rescues, stopped);
  }

  // ---- moves ----------------------------------------------------------------------------------

  /** A candidate merge of groups i < j. */
  private record Pair(int i, int j, double screen, long gain) {}

  private boolean tryMerge(List<Group> groups) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Group a = groups.get(i);
      if (a.members.isEmpty()) {
        continue;
      }
      for (int j = i + 1; j < groups.size(); j++) {
        Group b = groups.get(j);
        if (b.members.isEmpty()) {
          continue;
        }
        long rows = a.rows + b.rows;
        int count = a.members.size() + b.members.size();
        long gain = storage(a) + storage(b) - storage(rows, count);
        if (gain <= 0) {
          continue;
        }
        if (failedMerges.contains(List.of(i, a.version, j, b.version))) {
          continue;
        }
        double screen = screen(a, b);
        if (screen <= eps) {
          pairs.add(new Pair(i, j, screen, gain));
        }
      }
    }
    // most promising first: the smallest lower bound on the merged error, then the larger gain
    pairs.sort(Comparator.comparingDouble(Pair::screen).thenComparing(Comparator.comparingLong(Pair::gain).reversed())
        .thenComparingInt(Pair::i).thenComparingInt(Pair::j));
    int batch = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int from = 0; from < pairs.size() && !timeUp(); from += batch) {
      List<Pair> chunk = pairs.subList(from, Math.min(pairs.size(), from + batch));
      Matrix[] grams = new Matrix[chunk.size()];
      IntStream.range(0, chunk.size()).parallel().forEach(k -> {
        Group a = groups.get(chunk.get(k).i());
        Group b = groups.get(chunk.get(k).j());
        grams[k] = a.gram != null ? gramOf(b).plus(a.gram) : gramOf(a).plus(gramOf(b));
      });
      GramBound.Certified[] result = new GramBound.Certified[chunk.size()];
      IntStream.range(0, chunk.size()).parallel().forEach(k -> {
        Group a = groups.get(chunk.get(k).i());
        Group b = groups.get(chunk.get(k).j());
        Matrix g = grams[k];
        grams[k] = g;
        result[k] = gramBound.certify(g, Subspaces.columns(a.basis, b.basis), a.energy + b.energy, a.rows + b.rows, eps,
            TOLERANCE);
      });
      evaluations += chunk.size();
      for (int k = 0; k < chunk.size(); k++) {
        Pair p = chunk.get(k);
        if (result[k].bound() > eps) {
          failedMerges.add(List.of(p.i(), groups.get(p.i()).version, p.j(), groups.get(p.j()).version));
        } else {
          Group a = groups.get(chunk.get(k).i());
          Group b = groups.get(chunk.get(k).j());
          for (int m : b.members) {
            add(a, m);
          }
          b.members.clear();
          b.gram = null;
          b.basis = null;
          b.version++;
          a.gram = grams[k];
          a.basis = result[k].basis();
          a.version++;
          refresh(a, result[k].bound());
          merges++;
          epoch++;
          log.accept(String.format(java.util.Locale.ROOT, "cluster search: merged two clusters into %d blocks (bound %.4g)",
              a.members.size(), a.bound));
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A lower bound on the merged error from the parts' top-r energies (Ky Fan subadditivity:
   * Σ_{i≤r} λᵢ(A + B) ≤ Σ_{i≤r} λᵢ(A) + Σ_{i≤r} λᵢ(B)), computed from converged Ritz sums.
   */
  private double screen(Group a, Group b) {
    double total = a.energy + b.energy;
    if (!(total > 0)) {
      return 0;
    }
    double top = (topEnergy(a) + topEnergy(b)) * (1 + SCREEN_SLACK);
    return Math.sqrt(Math.max(0, 1 - top / total));
  }

  private boolean tryRescue(List<Group> groups) {
    List<Integer> raw = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      if (!g.members.isEmpty() && !compressed(g)) {
        raw.add(i);
      }
    }
    // the largest raw cluster first: it saves the most
    raw.sort(Comparator.comparingLong((Integer i) -> -groups.get(i).rows).thenComparingInt(i -> i));
    for (int s : raw) {
      if (timeUp()) {
        return false;
      }
      List<Integer> key = List.of(s, groups.get(s).version, epoch);
      if (failedRescues.contains(key)) {
        continue;
      }
      if (rescue(groups, s)) {
        return true;
      }
      failedRescues.add(key);
    }
    return false;
  }

  /** Grows a new cluster around raw group s from other groups' blocks; applies it when it pays and holds. */
  private boolean rescue(List<Group> groups, int s) {
    Group seed = groups.get(s);
    topEnergy(seed);
    Matrix v = seed.basis.leadingColumns(Math.min(rank, seed.basis.cols()));
    // every block of the other groups, most aligned with the seed's top-r subspace first
    List<int[]> pool = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      if (i != s) {
        for (int b : groups.get(i).members) {
          pool.add(new int[] {b, i});
        }
      }
    }
    double[] residual = pool.parallelStream().mapToDouble(p -> {
      Block b = blocks.get(p[0]);
      double inside = Math.pow(b.factor().times(v).frobeniusNorm(), 2);
      return b.energy() > 0 ? Math.max(0, b.energy() - inside) / b.energy() : 0.0;
    }).toArray();
    Integer[] order = new Integer[pool.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> residual[i]).thenComparingInt(i -> pool.get(i)[0]));

    Group grown = new Group();
    for (int m : seed.members) {
      add(grown, m);
    }
    Matrix gram = seed.gram != null ? seed.gram.copy() : gramOf(seed);
    Matrix warm = seed.basis;
    Map<Integer, List<Integer>> taken = new LinkedHashMap<>();
    Map<Integer, Matrix> pulledGrams = new LinkedHashMap<>();
    for (int k = 0; k < Math.min(MAX_PULL, order.length) && !timeUp(); k++) {
      int[] p = pool.get(order[k]);
      Matrix gb = GramBound.gram(blocks.get(p[0]).factor());
      gram.addInPlace(gb);
      pulledGrams.put(p[0], gb);
      add(grown, p[0]);
      taken.computeIfAbsent(p[1], x -> new ArrayList<>()).add(p[0]);
      if (!compressed(grown)) {
        continue;
      }
      GramBound.Certified c = gramBound.certify(gram, warm, grown.energy, grown.rows, eps, TOLERANCE);
      evaluations++;
      warm = c.basis();
      if (c.bound() > eps) {
        continue;
      }
      // the grown cluster holds: what remains of every donor must too, and the storage must drop
      long oldStorage = storage(seed);
      long newStorage = storage(grown);
      List<Group> remains = new ArrayList<>();
      for (Map.Entry<Integer, List<Integer>> e : taken.entrySet()) {
        Group donor = groups.get(e.getKey());
        Group rest = new Group();
        for (int m : donor.members) {
          if (!e.getValue().contains(m)) {
            add(rest, m);
          }
        }
        oldStorage += storage(donor);
        newStorage += storage(rest);
        remains.add(rest);
      }
      if (newStorage >= oldStorage) {
        return false;
      }
      int at = 0;
      for (Map.Entry<Integer, List<Integer>> e : taken.entrySet()) {
        Group donor = groups.get(e.getKey());
        Group rest = remains.get(at++);
        if (compressed(rest)) {
          // the donor's Gram less the pulled blocks' (rounding ≈ u·‖G‖ per entry, far inside the allowance)
          Matrix g = donor.gram != null ? donor.gram.copy() : gramOf(donor);
          for (int m : e.getValue()) {
            g = g.minus(pulledGrams.get(m));
          }
          if (donor.basis == null) {
            topEnergy(donor);
          }
          GramBound.Certified dc = gramBound.certify(g, donor.basis, rest.energy, rest.rows, eps, TOLERANCE);
          evaluations++;
          if (dc.bound() > eps) {
            return false;
          }
          rest.gram = g;
          rest.basis = dc.basis();
          rest.bound = dc.bound();
        }
      }
      // apply: the grown cluster takes the seed's place, the donors keep theirs
      at = 0;
      for (Map.Entry<Integer, List<Integer>> e : taken.entrySet()) {
        Group donor = groups.get(e.getKey());
        Group rest = remains.get(at++);
        donor.members.clear();
        donor.members.addAll(rest.members);
        donor.rows = rest.rows;
        donor.energy = rest.energy;
        donor.gram = rest.gram;
        donor.basis = rest.basis;
        donor.version++;
        if (compressed(donor)) {
          refresh(donor, rest.bound);
        } else {
          donor.gram = null;
          donor.basis = null;
          donor.bound = 0;
          donor.topEnergy = Double.NaN;
        }
      }
      seed.members.clear();
      seed.members.addAll(grown.members);
      seed.rows = grown.rows;
      seed.energy = grown.energy;
      seed.gram = gram;
      seed.basis = c.basis();
      seed.version++;
      refresh(seed, c.bound());
      rescues++;
      epoch++;
      log.accept(String.format(java.util.Locale.ROOT,
          "cluster search: a raw block joined %d others in a new cluster (bound %.4g); storage %d -> %d",
          grown.members.size() - 1, seed.bound, oldStorage, newStorage));
      return true;
    }
    return false;
  }

  // ---- bookkeeping ----------------------------------------------------------------------------

  private void add(Group g, int b) {
    Block block = blocks.get(b);
    g.members.add(b);
    g.rows += block.rows();
    g.energy += block.energy();
  }

  private List<Matrix> factors(List<Integer> members) {
    List<Matrix> out = new ArrayList<>(members.size());
    for (int m : members) {
      out.add(blocks.get(m).factor());
    }
    return out;
  }

  /** The group's Gram: kept for a compressed group, made afresh (and not kept) for a raw one. */
  private Matrix gramOf(Group g) {
    if (g.gram != null) {
      return g.gram;
    }
    Matrix gram = g.members.size() == 1 ? GramBound.gram(blocks.get(g.members.get(0)).factor())
        : GramBound.gram(factors(g.members), cols);
    if (compressed(g)) {
      g.gram = gram;
    }
    return gram;
  }

  /** Runs the group's Ritz pairs to convergence (its top-r energy and basis); its bound is the smaller of the two. */
  private void refresh(Group g, double known) {
    g.topEnergy = Double.NaN;
    topEnergy(g);
    if (compressed(g)) {
      g.bound = Math.min(known, g.bound);
    }
  }

  /** The converged Ritz sum ≈ Σ_{i≤r} λᵢ of the group's Gram (computed once per membership). */
  private double topEnergy(Group g) {
    if (Double.isNaN(g.topEnergy)) {
      GramBound.Certified c = gramBound.certify(gramOf(g), g.basis, g.energy, g.rows, -1, TOLERANCE);
      g.basis = c.basis();
      g.topEnergy = c.captured();
      g.bound = compressed(g) ? c.bound() : 0.0;
    }
    return g.topEnergy;
  }

  private boolean timeUp() {
    return System.nanoTime() > deadline;
  }

  private boolean compressed(Group g) {
    return compressedForm(g.rows, g.members.size());
  }

  private boolean compressedForm(long rows, int count) {
    return count > 1 && (double) rank * (cols + rows) < (double) cols * rows;
  }

  private long storage(Group g) {
    return storage(g.rows, g.members.size());
  }

  private long storage(long rows, int count) {
    if (count == 0) {
      return 0;
    }
    return compressedForm(rows, count) ? (long) rank * (cols + rows) : (long) cols * rows;
  }

  private long storage(List<Group> groups) {
    long s = 0;
    for (Group g : groups) {
      s += storage(g);
    }
    return s;
  }
}
