package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;

/**
 * One block of rows as the driver-side clustering sees it: its size and energy, and a factor F
 * (m×d) with FᵀF ≼ AᵀA — equal to it (the rows themselves or their R) unless the block was
 * truncated to its top directions with {@code --block-rank}. Every bound stays valid with a
 * dominated factor because it only lowers the captured energy credited, never the total.
 *
 * @param index position in the job's block list (sorted by key)
 * @param key the block key
 * @param rows c_k, the block's rows
 * @param energy ‖A_k‖_F², exact (summed row by row)
 * @param factor F (column-major m×d), or null when the algorithm needs none
 * @param topEnergy Σ_{i≤r} σᵢ(A_k)² when known (from the untruncated factor), else NaN
 */
record Block(int index, String key, long rows, double energy, Matrix factor, double topEnergy) {
  /** ‖F‖_F² (≤ energy; equal unless truncated). */
  double factorEnergy() {
    return factor == null ? 0 : Math.pow(factor.frobeniusNorm(), 2);
  }
}
