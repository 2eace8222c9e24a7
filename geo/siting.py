"""The exact siting models, both solved by HiGHS through ``scipy.optimize.milp``: maximal covering and p-median.

**Maximal covering (MCLP)** chooses ``k`` candidates that maximise the
need-weighted demand within the radius of a safe space, existing ones
included (Church and ReVelle 1974). It is solved to a proven optimum on a
smaller problem with the same optimum: demand already covered by an existing
safe space is left out, demand points reached by exactly the same candidates
are merged, and a candidate whose reach is inside another's is dropped (the
other is at least as good). The model is built on the sparse 0/1 reach
matrix, so its size follows the pairs within reach, not demand x candidates.

**p-median** chooses ``k`` candidates that minimise the need-weighted
distance from each demand point to its nearest safe space (Hakimi 1964). To
stay within seconds, demand is aggregated to a ``cell_m`` grid (weighted
centroids) and a distance counts at most ``cap_m``: a resident farther than
that from every safe space counts as ``cap_m`` away. A candidate can then
only serve a point it is nearer to than the nearest existing safe space (and
the cap), which keeps the model sparse; HiGHS stops within ``P_MEDIAN_GAP``
(0.01 %) of that model's optimum.

Both are compared with the greedy baseline of :mod:`geo.planning`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.spatial import cKDTree

from geo.planning import PlanError, PlanProblem, check_k, covered, greedy

__all__ = ["MODELS", "Plan", "mclp", "p_median", "solve"]

MODELS = ("mclp", "p-median")
TIME_LIMIT_S = 60.0
CELL_M = 1_000.0  # p-median demand grid
CAP_M = 5_000.0  # p-median: farther than this counts as this far
P_MEDIAN_GAP = 1e-4  # p-median stops within 0.01 % of its optimum (HiGHS's default gap)


def _reduced_cover(problem: PlanProblem) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The MCLP's rows and columns that matter: uncovered demand (identical rows merged) and undominated candidates.

    Returns the 0/1 matrix (merged rows x kept candidates), the merged rows'
    weights and the kept candidates' positions.
    """
    open_rows = np.flatnonzero(~problem.base & (problem.weight > 0))
    cover = problem.cover[open_rows].tocsc()
    columns = np.flatnonzero(cover.getnnz(axis=0) > 0)
    cover = cover[:, columns].astype(np.int32)
    size = cover.getnnz(axis=0)
    overlap = (cover.T @ cover).tocoo()  # reach of j shared with k
    inside = (overlap.data == size[overlap.row]) & (overlap.row != overlap.col)
    larger = size[overlap.col] > size[overlap.row]
    tie = (size[overlap.col] == size[overlap.row]) & (overlap.col < overlap.row)  # equal reach: keep the first
    dominated = np.unique(overlap.row[inside & (larger | tie)])
    keep = np.setdiff1d(np.arange(len(columns)), dominated)
    rows = cover[:, keep].tocsr()
    # A row's key is its columns' bytes, kept as Python bytes objects: a NumPy bytes array drops trailing zero bytes,
    # which would merge the rows that the first column alone reaches with the rows that no column reaches.
    keys = np.empty(rows.shape[0], dtype=object)
    keys[:] = [rows.indices[rows.indptr[i] : rows.indptr[i + 1]].tobytes() for i in range(rows.shape[0])]
    _, first, group = np.unique(keys, return_index=True, return_inverse=True)
    weights = np.bincount(group.ravel(), problem.weight[open_rows])
    return rows[first], weights, columns[keep]


def _milp(
    cost: np.ndarray,
    matrix: sparse.spmatrix,
    low: np.ndarray,
    high: np.ndarray,
    n_binary: int,
    time_limit_s: float,
    gap: float = 0.0,
) -> np.ndarray:
    """Minimise ``cost @ v`` with HiGHS (``scipy.optimize.milp``); variables in [0, 1], the first ``n_binary`` binary.

    Subject to ``low <= matrix @ v <= high``. HiGHS stops when the objective
    is proven within ``gap`` (relative) of the optimum: 0 for a proven optimum.

    Returns
    -------
    numpy.ndarray
        The optimal ``v``.

    Raises
    ------
    PlanError
        ``plan.solver_timeout`` when HiGHS stopped at ``time_limit_s``
        before it was done; ``plan.solver_failed`` otherwise.
    """
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, low, high),
        integrality=np.concatenate([np.ones(n_binary), np.zeros(len(cost) - n_binary)]),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit_s, "mip_rel_gap": gap},
    )
    if result.status == 1:
        raise PlanError("plan.solver_timeout", seconds=f"{time_limit_s:g}")
    if not result.success:
        raise PlanError("plan.solver_failed", reason=result.message)
    return result.x


def mclp(problem: PlanProblem, k: int, time_limit_s: float = TIME_LIMIT_S) -> list[int]:
    """The ``k`` candidate positions that cover the most need-weighted demand (exact, HiGHS).

    On the reduced problem (:func:`_reduced_cover`: ``a_ij`` = 1 when kept
    candidate j reaches merged demand row i, of weight ``w_i``), variables
    ``x_j`` (open candidate j, binary) and ``y_i`` (row i covered, in [0, 1]:
    at the optimum it is 1 exactly when an open candidate reaches the row).
    Maximise ``sum w_i y_i`` subject to ``y_i - sum_j a_ij x_j <= 0`` and
    ``sum_j x_j = p``, ``p = min(k, kept candidates)``; greedy fills up to ``k``.

    Raises
    ------
    PlanError
        ``plan.bad_k``; ``plan.solver_timeout`` when no proven optimum came
        within ``time_limit_s``; ``plan.solver_failed`` otherwise.
    """
    check_k(k, len(problem.candidates))
    rows, weights, columns = _reduced_cover(problem)
    if len(columns) == 0:  # nobody left to cover: any sites do
        return greedy(problem, k)
    p = min(k, len(columns))
    n_rows, n_columns = rows.shape
    matrix = sparse.vstack(
        [
            sparse.hstack([-rows, sparse.identity(n_rows)]),
            sparse.hstack([np.ones((1, n_columns)), sparse.csr_matrix((1, n_rows))]),
        ]
    ).tocsr()
    low = np.concatenate([np.full(n_rows, -np.inf), [p]])
    high = np.concatenate([np.zeros(n_rows), [p]])
    x = _milp(np.concatenate([np.zeros(n_columns), -weights]), matrix, low, high, n_columns, time_limit_s)
    picked = [int(columns[j]) for j in np.flatnonzero(x[:n_columns] > 0.5)]
    return greedy(problem, k, start=picked)  # fills up to k when fewer candidates could add anything


def _grid(xy: np.ndarray, weight: np.ndarray, cell_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Demand aggregated to square cells: each cell's weighted centroid and total weight."""
    cells = np.floor(xy / cell_m).astype(np.int64)
    _, group = np.unique(cells, axis=0, return_inverse=True)
    group = group.ravel()
    total = np.bincount(group, weight)
    safe = np.where(total > 0, total, 1.0)
    centre = np.column_stack([np.bincount(group, weight * xy[:, 0]), np.bincount(group, weight * xy[:, 1])])
    mean = np.column_stack([np.bincount(group, xy[:, 0]), np.bincount(group, xy[:, 1])]) / np.bincount(group)[:, None]
    return np.where((total > 0)[:, None], centre / safe[:, None], mean), total


def p_median(
    problem: PlanProblem, k: int, time_limit_s: float = TIME_LIMIT_S, cell_m: float = CELL_M, cap_m: float = CAP_M
) -> list[int]:
    """The ``k`` candidate positions that minimise need-weighted distance to the nearest safe space (capped).

    Variables: ``x_j`` (open candidate j), ``z_ij`` (point i served by j, only
    where j is nearer than ``d0_i``, the nearest existing safe space or the
    cap) and ``s_i`` (i stays with ``d0_i``). Minimise
    ``sum w_i (sum_j d_ij z_ij + d0_i s_i)`` subject to
    ``sum_j z_ij + s_i = 1``, ``z_ij <= x_j``, ``sum_j x_j = k``, to within
    ``P_MEDIAN_GAP`` of the optimum.

    Raises
    ------
    PlanError
        As :func:`mclp`.
    """
    check_k(k, len(problem.candidates))
    xy, weight = _grid(problem.demand_xy, problem.weight, cell_m)
    existing = problem.existing_xy
    nearest = np.minimum(cKDTree(existing).query(xy)[0] if len(existing) else np.full(len(xy), np.inf), cap_m)
    pairs = cKDTree(problem.candidate_xy).sparse_distance_matrix(cKDTree(xy), nearest.max(), output_type="ndarray")
    pairs = pairs[pairs["v"] < nearest[pairs["j"]]]
    if len(pairs) == 0:  # no candidate is nearer to anyone than what they have
        return greedy(problem, k)
    n_cand, n_pairs, n_dem = len(problem.candidate_xy), len(pairs), len(xy)
    at = np.arange(n_pairs)
    cost = np.concatenate([np.zeros(n_cand), weight[pairs["j"]] * pairs["v"], weight * nearest])
    assign = sparse.hstack(
        [
            sparse.csr_matrix((n_dem, n_cand)),
            sparse.csr_matrix((np.ones(n_pairs), (pairs["j"], at)), shape=(n_dem, n_pairs)),
            sparse.identity(n_dem),
        ]
    )
    link = sparse.hstack(
        [
            -sparse.csr_matrix((np.ones(n_pairs), (at, pairs["i"])), shape=(n_pairs, n_cand)),
            sparse.identity(n_pairs),
            sparse.csr_matrix((n_pairs, n_dem)),
        ]
    )
    count = sparse.csr_matrix(np.concatenate([np.ones(n_cand), np.zeros(n_pairs + n_dem)]))
    matrix = sparse.vstack([assign, link, count]).tocsr()
    low = np.concatenate([np.ones(n_dem), np.full(n_pairs, -np.inf), [k]])
    high = np.concatenate([np.ones(n_dem), np.zeros(n_pairs), [k]])
    x = _milp(cost, matrix, low, high, n_cand, time_limit_s, gap=P_MEDIAN_GAP)
    return [int(j) for j in np.flatnonzero(x[:n_cand] > 0.5)]


@dataclass(frozen=True)
class Plan:
    """A solved plan and its greedy comparison; weights are need-weighted residents."""

    model: str
    k: int
    chosen: tuple[int, ...]  # candidate positions
    greedy: tuple[int, ...]
    covered_before: float
    covered_after: float
    greedy_after: float
    residents_before: float
    residents_after: float
    mean_distance_before_m: float  # need-weighted, to the nearest safe space
    mean_distance_after_m: float
    seconds: float  # the model's solve, measuring included


def _mean_distance(problem: PlanProblem, chosen: Sequence[int]) -> float:
    nearest = problem.nearest_existing_m
    if chosen:
        nearest = np.minimum(nearest, cKDTree(problem.candidate_xy[list(chosen)]).query(problem.demand_xy)[0])
    finite = np.isfinite(nearest)
    return float(np.average(nearest[finite], weights=problem.weight[finite])) if finite.any() else float("nan")


def solve(problem: PlanProblem, k: int, model: str = "mclp", time_limit_s: float = TIME_LIMIT_S) -> Plan:
    """Solve ``model`` (``mclp`` or ``p-median``) for ``k`` new sites and compare it with greedy.

    Raises
    ------
    PlanError
        ``plan.bad_model``, ``plan.bad_k``, ``plan.solver_timeout``, ``plan.solver_failed``.
    """
    if model not in MODELS:
        raise PlanError("plan.bad_model", value=model, choices=", ".join(MODELS))
    check_k(k, len(problem.candidates))
    started = time.perf_counter()
    chosen = (mclp if model == "mclp" else p_median)(problem, k, time_limit_s)
    seconds = time.perf_counter() - started
    baseline = greedy(problem, k)
    weight, residents = problem.weight, problem.demand["residents"].to_numpy(float)
    after, greedy_after = covered(problem, chosen), covered(problem, baseline)
    return Plan(
        model=model,
        k=k,
        chosen=tuple(chosen),
        greedy=tuple(baseline),
        covered_before=float(weight[problem.base].sum()),
        covered_after=float(weight[after].sum()),
        greedy_after=float(weight[greedy_after].sum()),
        residents_before=float(residents[problem.base].sum()),
        residents_after=float(residents[after].sum()),
        mean_distance_before_m=_mean_distance(problem, []),
        mean_distance_after_m=_mean_distance(problem, chosen),
        seconds=seconds,
    )
