#!/usr/bin/env python3
"""Runs the clustering of Shamrai's public reference code (concatenated-matrix-svd) on a randnla CSV.

Usage: paper_cluster.py CHECKOUT CSV ALGORITHM EPS RANK [ORDER]
  CHECKOUT   a checkout of the paper's code in a temporary directory (never inside this repository)
  CSV        key in field 0, then the row; a block is the rows sharing a key (the paper's block is its transpose)
  ALGORITHM  approximate | residuals | max_norm
Prints one JSON object: clusters, their sizes, the paper code's compression ratio and the largest true
rank-r error over clusters of more than one block (both from the code's own metrics), and the seconds
its clustering took (reading the CSV not included). Needs numpy; tqdm is replaced by a no-op.
"""
import importlib.util
import json
import sys
import time
import types

import numpy as np


def load(path, name, package=None):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main():
    root, csv, algorithm, eps, rank = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
    order = sys.argv[6] if len(sys.argv) > 6 else 'residual'
    bar = types.ModuleType('tqdm')

    class NoBar:
        def __init__(self, *args, **kwargs):
            pass

        def update(self, n=1):
            pass

        def close(self):
            pass

    bar.tqdm = NoBar
    sys.modules['tqdm'] = bar
    package = types.ModuleType('paper_clustering')
    package.__path__ = [root + '/src/clustering']
    sys.modules['paper_clustering'] = package
    load(root + '/src/clustering/base.py', 'paper_clustering.base')
    metrics = load(root + '/src/metrics.py', 'paper_metrics')
    data = np.loadtxt(csv, delimiter=',')
    keys = data[:, 0].astype(int)
    rows = data[:, 1:]
    names = sorted(set(keys.tolist()))
    blocks = [rows[keys == k].T.copy() for k in names]
    if algorithm == 'approximate':
        module = load(root + '/src/clustering/approximate.py', 'paper_clustering.approximate')
        model = module.ApproximateClusterAlgorithm(eps=eps, r_target=rank, sorting_strategy=order, oversampling=5)
    elif algorithm == 'residuals':
        module = load(root + '/src/clustering/residuals.py', 'paper_clustering.residuals')
        model = module.ResidualsClusterAlgorithm(eps=eps, r_target=rank, sorting_strategy=order)
    else:
        module = load(root + '/src/clustering/max_norm.py', 'paper_clustering.max_norm')
        model = module.MaxNormClusterAlgorithm(eps=eps, r_target=rank)
    start = time.time()
    model.fit(blocks)
    seconds = time.time() - start
    labels = model.labels_
    clusters = [[blocks[i] for i in range(len(blocks)) if labels[i] == c] for c in sorted(set(labels.tolist()))]
    errors = [metrics.compute_error(c, rank) for c in clusters if len(c) > 1]
    print(json.dumps({
        'algorithm': algorithm, 'order': order, 'clusters': len(clusters),
        'sizes': sorted((len(c) for c in clusters), reverse=True),
        'compression': metrics.compute_effective_compression_ratio(clusters, rank, blocks),
        'maxError': max(errors) if errors else 0.0, 'seconds': seconds}))


if __name__ == '__main__':
    main()
