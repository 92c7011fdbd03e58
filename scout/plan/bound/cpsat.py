"""CP-SAT, the one door to OR-Tools' constraint solver: the types the bound models are written in, and the
settings every solve runs with (deterministic, one worker, a deterministic time limit).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

CpModel = cp_model.CpModel
CpSolver = cp_model.CpSolver
CpSolverStatus = cp_model.CpSolverStatus
IntVar = cp_model.IntVar
LinearExpr = cp_model.LinearExpr
LinearExprT = cp_model.LinearExprT
OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN = cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE, cp_model.UNKNOWN


def solve(model: CpModel, time_limit: float, seed: int) -> tuple[CpSolverStatus, CpSolver]:
    """Solve ``model`` under :func:`configure`'s settings; the status and the solver, to read values from."""
    solver = CpSolver()
    configure(solver, time_limit, seed)
    return solver.solve(model), solver


def configure(solver: CpSolver, time_limit: float, seed: int) -> None:
    """Deterministic CP-SAT: one worker and a deterministic time limit, never the wall clock.

    Measured on the sample trip's selection model: one worker with the full LP relaxation
    (linearization level 2) proves the optimum in 0.34 s; two interleaved workers took 6.3 s.
    """
    params = solver.parameters
    params.num_workers = 1
    params.linearization_level = 2
    params.max_deterministic_time = max(0.05, time_limit)
    params.max_time_in_seconds = 20 * max(1.0, time_limit)  # a safety net only; normally never reached
    params.random_seed = seed
    # Probing in presolve spent the whole budget on a 5,000-place catalogue without a first solution; the
    # LP (linearization level 2) does the work on these models, so presolve is kept to one light pass.
    params.cp_model_probing_level = 0
    params.max_presolve_iterations = 1
    # CP-SAT would otherwise take Ctrl-C for itself, stop quietly and let planning go on; left to Python, it
    # raises KeyboardInterrupt once the solve returns, and `scout plan` exits 130 with nothing written.
    params.catch_sigint_signal = False
    # Chvátal-Gomory, MIR and clique cuts cost more LP time than they save here: without them the three
    # solves of the 5,000-place selection model (the best set and two alternatives) take 8.6 s instead of
    # 17.8 s (and 26 s with every cut), with the same optima; the sample trip's take 0.1 s either way.
    params.add_cg_cuts = False
    params.add_mir_cuts = False
    params.add_clique_cuts = False
