package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The outer loop shared by every algorithm (Shamrai 2026; docs/algorithms.md, cluster), on the driver:
 * blocks sorted by Frobenius norm (largest first, ties by key); a cluster is seeded with the largest
 * remaining block and the next largest while their rows stay ≤ r (so the seed is exactly
 * representable); the other remaining blocks are tried in the chosen order and added while the
 * error bound stays ≤ ε, stopping at the first violation; a cluster that accepted nothing dissolves
 * into singletons, and after {@code patience} such clusters in a row every remaining block becomes a
 * singleton. Deterministic: the same blocks give the same clusters.
 *
 * <p>Residual order ranks candidates by their relative residual against the seed's top-r subspace
 * (the most aligned first, whatever their size — the absolute residual of the reference code puts
 * small foreign blocks ahead of large aligned ones). When the seed spans fewer than r directions
 * (blocks narrower than r), that subspace is incomplete, so the untried candidates are re-ranked
 * against the grown cluster after each acceptance until it spans r directions.
 *
 * <p>Cost: the bound's cost per tried candidate, plus for residual order 2·m·d·r flops per remaining
 * block per ranking (one per cluster, a few more for narrow seeds).
 */
final class GreedyClustering {
  /**
   * One cluster.
   *
   * @param blocks indices into the block list, seed first then in acceptance order
   * @param rows Σ c_k
   * @param bound the algorithm's bound on its rank-r error (0 for a singleton, stored as is)
   */
  record Cluster(int[] blocks, long rows, double bound) {
    boolean singleton() {
      return blocks.length == 1;
    }
  }

  /** Energy fraction below which a direction of the members' Gram is rounding, not a direction. */
  private static final double DIRECTION_FLOOR = 1e-12;
  private final int rank;
  private final int cols;
  private final double eps;
  private final int patience;
  private final BlockOrder order;
  private final ErrorBound bound;
  private int candidatesTried;
  private long keepBudget;
  private long keptBytes;
  private final java.util.Map<Integer, Matrix> grams = new java.util.HashMap<>();

  GreedyClustering(int rank, int cols, double eps, int patience, BlockOrder order, ErrorBound bound) {
    this.rank = rank;
    this.cols = cols;
    this.eps = eps;
    this.patience = patience;
    this.order = order;
    this.bound = bound;
  }

  /**
   * @param blocks every block (their {@code index} is their position here)
   * @param progress told after each cluster how many blocks are placed
   */
  List<Cluster> run(List<Block> blocks, Consumer<Integer> progress) {
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      remaining.add(i);
    }
    remaining.sort(Comparator.comparingDouble((Integer i) -> -blocks.get(i).energy())
        .thenComparing(i -> blocks.get(i).key()));
    List<Cluster> clusters = new ArrayList<>();
    int failures = 0;
    int placed = 0;
    while (!remaining.isEmpty()) {
      List<Integer> seed = new ArrayList<>();
      seed.add(remaining.get(0));
      long seedRows = blocks.get(remaining.get(0)).rows();
      int next = 1;
      while (seedRows < rank && next < remaining.size() && seedRows + blocks.get(remaining.get(next)).rows() <= rank) {
        seedRows += blocks.get(remaining.get(next)).rows();
        seed.add(remaining.get(next));
        next++;
      }
      List<Integer> candidates = new ArrayList<>(remaining.subList(seed.size(), remaining.size()));
      List<Integer> accepted = new ArrayList<>();
      if (!candidates.isEmpty()) {
        List<Block> members = new ArrayList<>(seed.stream().map(blocks::get).toList());
        bound.start(members);
        int dims = sort(candidates, members, blocks);
        for (int at = 0; at < candidates.size(); at++) {
          int c = candidates.get(at);
          candidatesTried++;
          if (bound.propose(blocks.get(c)) > eps) {
            break;
          }
          bound.accept();
          accepted.add(c);
          members.add(blocks.get(c));
          if (order == BlockOrder.RESIDUAL && dims < rank && at + 1 < candidates.size()) {
            // the seed spanned fewer than r directions: re-rank the rest against the grown cluster
            dims = sort(candidates.subList(at + 1, candidates.size()), members, blocks);
          }
        }
      }
      if (accepted.isEmpty()) {
        for (int s : seed) {
          clusters.add(singleton(blocks.get(s)));
        }
        remaining.subList(0, seed.size()).clear();
        placed += seed.size();
        failures++;
        if (failures >= patience) {
          for (int s : remaining) {
            clusters.add(singleton(blocks.get(s)));
          }
          placed += remaining.size();
          remaining.clear();
        }
      } else {
        failures = 0;
        int[] members = new int[seed.size() + accepted.size()];
        long rows = 0;
        int at = 0;
        for (List<Integer> part : List.of(seed, accepted)) {
          for (int b : part) {
            members[at++] = b;
            rows += blocks.get(b).rows();
          }
        }
        clusters.add(new Cluster(members, rows, bound.bound()));
        if (keptBytes < keepBudget) {
          Matrix g = bound.gram();
          if (g != null && keptBytes + 8L * g.data().length <= keepBudget) {
            grams.put(clusters.size() - 1, g);
            keptBytes += 8L * g.data().length;
          }
        }
        java.util.Set<Integer> taken = new java.util.HashSet<>(seed);
        taken.addAll(accepted);
        remaining.removeIf(taken::contains);
        placed += members.length;
      }
      progress.accept(placed);
    }
    return clusters;
  }

  /** Keeps each multi-block cluster's Gram when the bound has it, up to this many bytes (for the local search). */
  GreedyClustering keepGrams(long budgetBytes) {
    keepBudget = budgetBytes;
    return this;
  }

  /** The kept Grams by position in the last run's cluster list. */
  java.util.Map<Integer, Matrix> grams() {
    return grams;
  }

  /** Candidates tried so far (accepted or the rejection that closed a cluster). */
  int candidatesTried() {
    return candidatesTried;
  }

  private static Cluster singleton(Block b) {
    return new Cluster(new int[] {b.index()}, b.rows(), 0.0);
  }

  /**
   * Puts the candidates (given largest first) in the order they are tried: smallest norm first, or
   * smallest relative residual ‖A_k(I − VVᵀ)‖²/‖A_k‖² against the top-r right singular subspace V of
   * the cluster's members (most aligned first; ties keep largest first). Returns the dimension of V
   * (r unless the members span fewer directions).
   */
  private int sort(List<Integer> candidates, List<Block> members, List<Block> blocks) {
    if (order == BlockOrder.NORM) {
      java.util.Collections.reverse(candidates);
      return rank;
    }
    List<Matrix> factors = new ArrayList<>();
    for (Block b : members) {
      factors.add(requireFactor(b));
    }
    // the members' top-r subspace: Ritz vectors of their Gram, converged (no d×d eigendecomposition)
    double energy = 0;
    for (Block b : members) {
      energy += b.energy();
    }
    GramBound.Ritz top = GramBound.ritz(GramBound.gram(factors, cols), null, rank, rank, Double.POSITIVE_INFINITY,
        GramBound.TOLERANCE);
    // directions with energy at rounding level (a Gram resolves λ down to ≈ u·d·λ₁) are not the members'
    int dims = 0;
    while (dims < top.values().length && top.values()[dims] > DIRECTION_FLOOR * energy) {
      dims++;
    }
    Matrix basis = top.vectors().leadingColumns(dims);
    // each residual is independent of the others (and so the same whatever the thread): the driver's
    // cores share the work, which is most of a ranking's cost
    double[] residual = candidates.parallelStream().mapToDouble(c -> {
      Block b = blocks.get(c);
      double inside = Math.pow(requireFactor(b).times(basis).frobeniusNorm(), 2);
      return b.energy() > 0 ? Math.max(0, b.energy() - inside) / b.energy() : 0.0;
    }).toArray();
    java.util.Map<Integer, Double> byBlock = new java.util.HashMap<>();
    for (int i = 0; i < residual.length; i++) {
      byBlock.put(candidates.get(i), residual[i]);
    }
    candidates.sort(Comparator.comparingDouble(byBlock::get));
    return basis.cols();
  }

  private static Matrix requireFactor(Block b) {
    if (b.factor() == null) {
      throw new IllegalStateException("block " + b.key() + " has no factor: residual order needs one");
    }
    return b.factor();
  }
}
