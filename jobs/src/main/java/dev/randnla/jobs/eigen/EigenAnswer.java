package dev.randnla.jobs.eigen;

import dev.randnla.linalg.Matrix;

/**
 * What a method found, before verification and writing.
 *
 * @param vectors d×k eigenvector estimates (orthonormal columns)
 * @param values the k eigenvalue estimates, largest first
 */
record EigenAnswer(Matrix vectors, double[] values) {}
