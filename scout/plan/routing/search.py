"""Ruin and recreate over tours with time windows, compiled by numba: the routing core's improvement search.

The routing library builds a first solution that meets every rule (mandatory stops included); this
search then improves it by thousands of ruins a second, where the library's own local search manages a
few dozen. One iteration removes a few visits (close to each other, a string of one tour, or at random),
puts back greedily every stop left out that fits, at the place in a tour that adds the least travel
(sometimes skipping a place, as in Christiaens and Vanden Berghe's SISR, 2020), and keeps the result by a
simulated-annealing rule on the objective ``prize · weight − travel``.

Checking whether a stop fits between two visits takes constant time. Every tour keeps, for each of its
positions, the earliest start of service and the latest start that keeps the rest of the tour feasible,
each twice: with the tour's break (lunch) still to come and with it already taken. The break may start
anywhere between the end of one service and the start of the next (splitting the travel, or while
waiting), within its window; a stop may have several start windows (one per day it is open).

Everything here is integers in the routing core's units; nothing looks at the clock, so a given number of
iterations from a given seed gives the same tours on any machine. numba compiles the functions on first
use and caches the machine code beside this file (``cache=True``); they release Python's lock
(``nogil=True``), so two searches with different seeds can use two cores from two threads.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from numba import njit

from scout.plan.routing.problem import RoutingProblem

INF = 1 << 60  # "never" (an earliest start) and, negated, "no latest start"

# Columns of the tours table.
START, END, EARLY, LATE, MAX_TRAVEL, BREAK_LOW, BREAK_HIGH, BREAK_LENGTH, BREAK_OPTIONAL = range(9)
TOUR_COLUMNS = BREAK_OPTIONAL + 1

# Removal kinds of one ruin.
NEAREST, STRING, RANDOM = 0, 1, 2


# --- random numbers: xorshift64*, state in a one-element array --------------------------------------------


@njit(cache=True, nogil=True)
def _next(state):  # type: ignore[no-untyped-def]
    x = state[0]
    x ^= x >> np.uint64(12)
    x ^= x << np.uint64(25)
    x ^= x >> np.uint64(27)
    state[0] = x
    return x * np.uint64(2685821657736338717)


@njit(cache=True, nogil=True)
def _below(state, n):  # type: ignore[no-untyped-def]
    """A uniform integer in ``0..n-1``."""
    return np.int64(_next(state) % np.uint64(n))


@njit(cache=True, nogil=True)
def _uniform(state):  # type: ignore[no-untyped-def]
    """A uniform float in [0, 1)."""
    return np.float64(_next(state) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


# --- time along a tour --------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _first_start(wptr, wlow, whigh, node, ready):  # type: ignore[no-untyped-def]
    """The earliest start of service at ``node`` for someone ready at ``ready``; INF if every window closed."""
    for w in range(wptr[node], wptr[node + 1]):
        if ready <= whigh[w]:
            return ready if ready > wlow[w] else wlow[w]
    return INF


@njit(cache=True, nogil=True)
def _last_start(wptr, wlow, whigh, node, latest):  # type: ignore[no-untyped-def]
    """The latest start of service at ``node`` no later than ``latest``; -INF if none."""
    for w in range(wptr[node + 1] - 1, wptr[node] - 1, -1):
        if latest >= wlow[w]:
            return latest if latest < whigh[w] else whigh[w]
    return -INF


@njit(cache=True, nogil=True)
def _arrive(wptr, wlow, whigh, node, ready, at_end, late):  # type: ignore[no-untyped-def]
    if at_end:
        return ready if ready <= late else INF
    return _first_start(wptr, wlow, whigh, node, ready)


@njit(cache=True, nogil=True)
def _step(travel, service, wptr, wlow, whigh, tour, a, e0, e1, b, at_end, limit):  # type: ignore[no-untyped-def]
    """Earliest starts at ``b`` after ``a`` started at ``e0`` (break to come) or ``e1`` (break taken), leaving
    ``a`` by ``limit`` (the daylight rule's latest departure toward ``b``)."""
    s = service[a]
    tau = travel[a, b]
    late = tour[LATE]
    n0 = INF
    n1 = INF
    if e1 < INF and e1 + s <= limit:
        n1 = _arrive(wptr, wlow, whigh, b, e1 + s + tau, at_end, late)
    if e0 < INF and e0 + s <= limit:
        done = e0 + s
        n0 = _arrive(wptr, wlow, whigh, b, done + tau, at_end, late)
        length = tour[BREAK_LENGTH]
        low = tour[BREAK_LOW]
        if length > 0 and max(done, low) <= tour[BREAK_HIGH]:
            # The break starts as early as allowed; the travel goes on around it.
            x = _arrive(wptr, wlow, whigh, b, max(done + tau, low) + length, at_end, late)
            if x < n1:
                n1 = x
    return n0, n1


@njit(cache=True, nogil=True)
def _recompute(arrays, state, r):  # type: ignore[no-untyped-def]
    """Refresh tour ``r``'s earliest and latest starts, travel, prize and positions; True if it is feasible."""
    travel, service, prize, _, wptr, wlow, whigh, _, tours, _, limits = arrays
    routes, lengths, earliest0, earliest1, latest0, latest1, route_travel, route_prize, where_route, where_pos = state
    tour = tours[r]
    n = lengths[r]
    if tour[BREAK_LENGTH] > 0:
        earliest0[r, 0] = tour[EARLY]
        earliest1[r, 0] = INF
    else:  # no break: the tour is always in the "taken" state
        earliest0[r, 0] = INF
        earliest1[r, 0] = tour[EARLY]
    total = 0
    gained = 0
    for p in range(1, n):
        a = routes[r, p - 1]
        b = routes[r, p]
        n0, n1 = _step(travel, service, wptr, wlow, whigh, tour, a, earliest0[r, p - 1], earliest1[r, p - 1], b,
                       p == n - 1, limits[r, a, b])  # fmt: skip
        earliest0[r, p] = n0
        earliest1[r, p] = n1
        total += travel[a, b]
        if p < n - 1:
            gained += prize[b]
            where_route[b] = r
            where_pos[b] = p
    route_travel[r] = total
    route_prize[r] = gained
    late = tour[LATE]
    latest1[r, n - 1] = late
    latest0[r, n - 1] = late if tour[BREAK_OPTIONAL] != 0 else -INF
    length = tour[BREAK_LENGTH]
    for p in range(n - 2, -1, -1):
        a = routes[r, p]
        b = routes[r, p + 1]
        s = service[a]
        tau = travel[a, b]
        limit = limits[r, a, b]
        next1 = latest1[r, p + 1]
        x1 = min(next1 - tau, limit) - s
        x0 = min(latest0[r, p + 1] - tau, limit) - s
        if length > 0 and next1 > -INF and tour[BREAK_LOW] + length <= next1:
            latest_done = min(tour[BREAK_HIGH], next1 - tau - length, limit)
            if latest_done - s > x0:
                x0 = latest_done - s
        if p == 0:
            latest1[r, 0] = min(x1, late) if x1 >= tour[EARLY] else -INF
            latest0[r, 0] = min(x0, late) if x0 >= tour[EARLY] else -INF
        else:
            latest1[r, p] = _last_start(wptr, wlow, whigh, a, x1)
            latest0[r, p] = _last_start(wptr, wlow, whigh, a, x0)
    end_ok = earliest1[r, n - 1] < INF or (tour[BREAK_OPTIONAL] != 0 and earliest0[r, n - 1] < INF)
    return end_ok and total <= tour[MAX_TRAVEL]


@njit(cache=True, nogil=True)
def _insertion(arrays, state, r, p, k):  # type: ignore[no-untyped-def]
    """The travel added by putting stop ``k`` after position ``p`` of tour ``r``; INF if it does not fit."""
    travel, service, _, _, wptr, wlow, whigh, _, tours, _, limits = arrays
    routes, _, earliest0, earliest1, latest0, latest1, route_travel, _, _, _ = state
    tour = tours[r]
    a = routes[r, p]
    b = routes[r, p + 1]
    added = travel[a, k] + travel[k, b] - travel[a, b]
    if route_travel[r] + added > tour[MAX_TRAVEL]:
        return INF
    k0, k1 = _step(travel, service, wptr, wlow, whigh, tour, a, earliest0[r, p], earliest1[r, p], k, False,
                   limits[r, a, k])  # fmt: skip
    if k0 >= INF and k1 >= INF:
        return INF
    s = service[k]
    tau = travel[k, b]
    limit = limits[r, k, b]
    if k1 < INF and k1 + s + tau <= latest1[r, p + 1] and k1 + s <= limit:
        return added
    if k0 < INF and k0 + s <= limit:
        done = k0 + s
        if done + tau <= latest0[r, p + 1]:
            return added
        length = tour[BREAK_LENGTH]
        low = tour[BREAK_LOW]
        if length > 0 and max(done, low) <= tour[BREAK_HIGH] and max(done + tau, low) + length <= latest1[r, p + 1]:
            return added
    return INF


@njit(cache=True, nogil=True)
def _insert(arrays, state, r, p, k):  # type: ignore[no-untyped-def]
    routes, lengths = state[0], state[1]
    n = lengths[r]
    for q in range(n, p + 1, -1):
        routes[r, q] = routes[r, q - 1]
    routes[r, p + 1] = k
    lengths[r] = n + 1
    _recompute(arrays, state, r)


@njit(cache=True, nogil=True)
def _remove(state, k):  # type: ignore[no-untyped-def]
    """Take ``k`` out of its tour (the caller recomputes the tour)."""
    routes, lengths, where_route, where_pos = state[0], state[1], state[8], state[9]
    r = where_route[k]
    p = where_pos[k]
    n = lengths[r]
    for q in range(p, n - 1):
        routes[r, q] = routes[r, q + 1]
        if q < n - 2:
            where_pos[routes[r, q]] = q
    lengths[r] = n - 1
    where_route[k] = -1
    return r


# --- one iteration ------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _ruin(arrays, state, neighbours, rng, most, fresh):  # type: ignore[no-untyped-def]
    """Remove a few visits, marked in ``fresh``; returns a mask of the tours touched."""
    mandatory = arrays[3]
    routes, lengths, where_route, where_pos = state[0], state[1], state[8], state[9]
    m = lengths.shape[0]
    touched = np.zeros(m, dtype=np.bool_)
    nodes = where_route.shape[0]
    visited = np.empty(nodes, dtype=np.int64)
    count = 0
    for node in range(nodes):
        if where_route[node] >= 0 and not mandatory[node]:
            visited[count] = node
            count += 1
    if count == 0:
        return touched
    limit = min(most, max(2, count // 3), count)
    target = 1 + _below(rng, limit)
    seed = visited[_below(rng, count)]
    kind = _below(rng, 3)
    removed = 0
    if kind == NEAREST:
        touched[_remove(state, seed)] = True
        fresh[seed] = True
        removed = 1
        for j in range(neighbours.shape[1]):
            if removed >= target:
                break
            node = neighbours[seed, j]
            if where_route[node] >= 0 and not mandatory[node]:
                touched[_remove(state, node)] = True
                fresh[node] = True
                removed += 1
    elif kind == STRING:
        # A string of consecutive visits from the seed's tour, then from the tours of its nearest visits.
        anchor = seed
        j = 0
        while removed < target:
            r = where_route[anchor]
            if r >= 0 and not mandatory[anchor] and not touched[r]:
                inner = lengths[r] - 2
                size = min(target - removed, 1 + _below(rng, min(inner, 10)))
                first = where_pos[anchor] - _below(rng, size)
                first = max(1, min(first, inner - size + 1))
                chosen = routes[r, first : first + size].copy()
                for q in range(size):
                    if not mandatory[chosen[q]]:
                        _remove(state, chosen[q])
                        fresh[chosen[q]] = True
                        removed += 1
                touched[r] = True
            if j >= neighbours.shape[1]:
                break
            anchor = neighbours[seed, j]
            j += 1
    else:  # RANDOM
        while removed < target and count > 0:
            i = _below(rng, count)
            node = visited[i]
            visited[i] = visited[count - 1]
            count -= 1
            touched[_remove(state, node)] = True
            fresh[node] = True
            removed += 1
    return touched


@njit(cache=True, nogil=True)
def _recreate(arrays, state, rng, blink, order_kind, touched, fresh, neighbours, near):  # type: ignore[no-untyped-def]
    """Put back stops left out that fit, in an order drawn for this iteration, each at its cheapest place.

    The stops tried are those the ruin removed (``fresh``) and, of the others left out, those among the
    ``near`` nearest of a removed one (all of them when ``near`` is 0): the room a ruin makes is where it
    removed. A stop left out before the ruin did not fit then, and tours the ruin did not touch are
    unchanged: it is only tried in the ``touched`` tours, which grow as stops go in.
    """
    _, service, prize, _, wptr, wlow, whigh, allowed, _, is_stop, _ = arrays
    _, lengths, earliest0, earliest1, latest0, latest1, _, _, where_route, _ = state
    nodes = where_route.shape[0]
    m = lengths.shape[0]
    wanted = fresh.copy()
    if near == 0:
        wanted[:] = True
    else:
        for node in range(nodes):
            if fresh[node]:
                for j in range(min(near, neighbours.shape[1])):
                    wanted[neighbours[node, j]] = True
    out = np.empty(nodes, dtype=np.int64)
    keys = np.empty(nodes, dtype=np.float64)
    count = 0
    for node in range(nodes):
        if is_stop[node] and where_route[node] < 0 and wanted[node]:
            out[count] = node
            if order_kind == 0:  # most prize first, ties at random
                keys[count] = -(prize[node] * (1.0 + 0.01 * _uniform(rng)))
            elif order_kind == 1:  # most prize first, loosely
                keys[count] = -(prize[node] * (0.5 + _uniform(rng)))
            else:  # at random
                keys[count] = _uniform(rng)
            count += 1
    order = np.argsort(keys[:count])
    for i in range(count):
        k = out[order[i]]
        best = INF
        best_r = -1
        best_p = -1
        opens = wlow[wptr[k]] + service[k]
        closes = whigh[wptr[k + 1] - 1]
        for r in range(m):
            if not allowed[k, r] or not (fresh[k] or touched[r]):
                continue
            # Starts along a tour only grow: skip the places whose next visit must start before ``k`` could
            # end, and stop at the first place that starts after ``k``'s last window closes.
            low = 0
            high = lengths[r] - 1
            while low < high:
                mid = (low + high) // 2
                if max(latest0[r, mid + 1], latest1[r, mid + 1]) < opens:
                    low = mid + 1
                else:
                    high = mid
            for p in range(low, lengths[r] - 1):
                if min(earliest0[r, p], earliest1[r, p]) > closes:
                    break
                if blink > 0.0 and _uniform(rng) < blink:
                    continue
                added = _insertion(arrays, state, r, p, k)
                if added < best:
                    best = added
                    best_r = r
                    best_p = p
        if best_r >= 0:
            _insert(arrays, state, best_r, best_p, k)
            touched[best_r] = True


@njit(cache=True, nogil=True)
def objective(state, weight):  # type: ignore[no-untyped-def]
    """``prize · weight − travel`` of the current tours."""
    return weight * state[7].sum() - state[6].sum()


@njit(cache=True, nogil=True)
def iterate(  # type: ignore[no-untyped-def]
    arrays, state, best_routes, best_lengths, best_value, neighbours, rng, settings, iterations, hot, cold
):
    """Run ``iterations`` ruins with the temperature falling geometrically from ``hot`` to ``cold``.

    ``settings`` holds ``weight`` (what a unit of prize is worth in travel), ``most`` (visits removed at
    most by one ruin), the blink rate in millionths and ``near`` (see :func:`_recreate`). The best tours
    seen are kept in ``best_routes`` and ``best_lengths``; returns the best objective value (at least
    ``best_value``).
    """
    routes, lengths = state[0], state[1]
    weight = settings[0]
    most = settings[1]
    blink = settings[2] / 1e6
    near = settings[3]
    m = lengths.shape[0]
    saved_routes = routes.copy()
    saved_lengths = lengths.copy()
    fresh = np.ones(state[8].shape[0], dtype=np.bool_)
    # Tours handed in need not be full: the first recreate tries every stop everywhere, skipping nothing.
    _recreate(arrays, state, rng, 0.0, 0, np.ones(m, dtype=np.bool_), fresh, neighbours, 0)
    current = objective(state, weight)
    if current > best_value:
        best_value = current
        best_routes[:, :] = routes
        best_lengths[:] = lengths
    ratio = (cold / hot) ** (1.0 / max(iterations, 1)) if hot > 0 and cold > 0 else 1.0
    temperature = hot
    for _ in range(iterations):
        temperature *= ratio
        saved_routes[:, :] = routes
        saved_lengths[:] = lengths
        fresh[:] = False
        touched = _ruin(arrays, state, neighbours, rng, most, fresh)
        feasible = True
        for r in range(m):
            if touched[r] and not _recompute(arrays, state, r):
                feasible = False  # travel times need not meet the triangle inequality
        if feasible:
            _recreate(arrays, state, rng, blink, _below(rng, 3), touched, fresh, neighbours, near)
            value = objective(state, weight)
            # Simulated annealing on prize: a worse result is kept with probability exp(-loss / temperature).
            threshold = current + temperature * weight * np.log(max(_uniform(rng), 1e-300))
            if value >= threshold:
                current = value
                if value > best_value:
                    best_value = value
                    best_routes[:, :] = routes
                    best_lengths[:] = lengths
                continue
        routes[:, :] = saved_routes
        lengths[:] = saved_lengths
        load(arrays, state)
    return best_value


@njit(cache=True, nogil=True)
def load(arrays, state):  # type: ignore[no-untyped-def]
    """Recompute every tour after ``state``'s routes were set (or restored wholesale); True if all are feasible."""
    state[8][:] = -1
    ok = True
    for r in range(state[1].shape[0]):
        if not _recompute(arrays, state, r):
            ok = False
    return ok


# --- the Python side --------------------------------------------------------------------------------------


NEIGHBOURS = 40  # nearest stops kept per node, for the ruins that remove visits close to each other
# Left-out stops tried after a ruin: on more than NEAR_FROM stops, only those among the NEAR nearest of a
# removed one (2-5 times the iterations on the 200-288-customer benchmark instances, better scores); on
# fewer, all of them, which is cheap there and matters in trips, where the room a ruin makes is time on a
# day of the state rather than space around the visit removed (the sample trip: 203.8-205.0 with NEAR
# against 211.3 without).
NEAR, NEAR_FROM = 20, 100
MOST_REMOVED = 12  # visits one ruin removes at most (and at most a third of the visits)
BLINK = 0.01  # share of the places in tours that recreate skips, for diversity (SISR's blinks)
HOT, COLD = 2.0, 0.05  # the temperature, in shares of the mean prize of a stop, at the start and the end


@dataclass(frozen=True)
class SearchResult:
    routes: tuple[tuple[int, ...], ...]  # stops of each tour, in order
    value: int  # prize · weight − travel
    iterations: int


class ToursSearch:
    """The arrays of one routing problem, ready for any number of searches from any tours."""

    def __init__(self, problem: RoutingProblem, weight: int) -> None:
        n = problem.node_count
        m = len(problem.tours)
        self.weight = weight
        self.tour_count = m
        travel = np.asarray(problem.travel, dtype=np.int64)
        service = np.zeros(n, dtype=np.int64)
        prize = np.zeros(n, dtype=np.int64)
        mandatory = np.zeros(n, dtype=np.bool_)
        is_stop = np.zeros(n, dtype=np.bool_)
        allowed = np.zeros((n, m), dtype=np.bool_)
        wptr = np.zeros(n + 1, dtype=np.int64)
        low: list[int] = []
        high: list[int] = []
        for node in range(n):
            stop = problem.stops.get(node)
            if stop is not None:
                service[node] = stop.service
                prize[node] = stop.prize
                # A group's stop (a flight) stays as the routing library chose it: never ruined, never put in.
                mandatory[node] = stop.mandatory or stop.group is not None
                is_stop[node] = stop.group is None
                allowed[node, list(range(m)) if stop.tours is None else list(stop.tours)] = True
                low += [w[0] for w in stop.windows]
                high += [w[1] for w in stop.windows]
            wptr[node + 1] = len(low)
        tours = np.zeros((m, TOUR_COLUMNS), dtype=np.int64)
        for r, tour in enumerate(problem.tours):
            tours[r, START], tours[r, END] = tour.start, tour.end
            tours[r, EARLY], tours[r, LATE] = tour.earliest_start, tour.latest_end
            tours[r, MAX_TRAVEL] = INF if tour.max_travel is None else tour.max_travel
            if tour.break_window is not None and tour.break_length > 0:
                tours[r, BREAK_LOW], tours[r, BREAK_HIGH] = tour.break_window
                tours[r, BREAK_LENGTH] = tour.break_length
                tours[r, BREAK_OPTIONAL] = int(tour.break_optional)
        # The daylight rule's latest departures, per tour, from each node toward each other (INF: none).
        limits = np.full((m, n, n), INF, dtype=np.int64)
        if problem.departure_limits is not None:
            for r, table in enumerate(problem.departure_limits):
                for (i, j), latest in table.items():
                    limits[r, i, j] = latest
        self.arrays = (travel, service, prize, mandatory, wptr, np.asarray(low, dtype=np.int64),
                  np.asarray(high, dtype=np.int64), allowed, tours, is_stop, limits)  # fmt: skip
        stops = np.flatnonzero(is_stop)
        self.mean_prize = float(prize[stops].mean()) if len(stops) else 1.0
        # Nearest stops of every node, by the travel both ways, ties by node number.
        both = travel + travel.T
        keep = min(NEIGHBOURS, max(len(stops) - 1, 1))
        neighbours = np.zeros((n, keep), dtype=np.int64)
        for node in range(n):
            others = stops[stops != node]
            ranked = others[np.lexsort((others, both[node, others]))][:keep]
            neighbours[node, : len(ranked)] = ranked
            neighbours[node, len(ranked) :] = ranked[-1] if len(ranked) else node
        self.neighbours = neighbours
        self.capacity = len(problem.stops) + 2
        self.stop_count = len(stops)

    def state(self, routes: Sequence[Sequence[int]]) -> tuple[np.ndarray, ...]:
        """Arrays for the given tours (stops only, in order); raises ValueError if they are not feasible."""
        m, n, c = self.tour_count, len(self.arrays[1]), self.capacity
        tours = self.arrays[8]
        table = np.zeros((m, c), dtype=np.int64)
        lengths = np.zeros(m, dtype=np.int64)
        for r in range(m):
            route = [int(tours[r, START]), *routes[r], int(tours[r, END])]
            table[r, : len(route)] = route
            lengths[r] = len(route)
        state = (table, lengths, *(np.zeros((m, c), dtype=np.int64) for _ in range(4)), np.zeros(m, dtype=np.int64),
             np.zeros(m, dtype=np.int64), np.full(n, -1, dtype=np.int64), np.zeros(n, dtype=np.int64))  # fmt: skip
        if not load(self.arrays, state):
            raise ValueError("the starting tours break a rule of the problem")
        return state

    def run(
        self,
        routes: Sequence[Sequence[int]],
        seed: int,
        *,
        iterations: int | None = None,
        seconds: float | None = None,
    ) -> SearchResult:
        """Improve ``routes`` for a number of ``iterations`` (deterministic) or ``seconds`` (not)."""
        state = self.state(routes)
        rng = np.array([(seed * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) % 2**64 | 1], dtype=np.uint64)
        best_routes, best_lengths = state[0].copy(), state[1].copy()
        weight = self.weight
        value = int(objective(state, weight))
        near = NEAR if self.stop_count > NEAR_FROM else 0
        settings = np.array([weight, MOST_REMOVED, int(BLINK * 1e6), near], dtype=np.int64)
        hot, cold = HOT * self.mean_prize, COLD * self.mean_prize

        done = 0
        if iterations is not None:
            value = iterate(self.arrays, state, best_routes, best_lengths, value, self.neighbours, rng, settings,
                            iterations, hot, cold)  # fmt: skip
            done = iterations
        elif seconds is not None:
            began = time.monotonic()
            chunk = 50
            while (elapsed := time.monotonic() - began) < seconds:
                share = elapsed / seconds
                tick = time.monotonic()
                warm, cool = hot * (cold / hot) ** share, hot * (cold / hot) ** min(1.0, share + 0.01)
                value = iterate(self.arrays, state, best_routes, best_lengths, value, self.neighbours, rng, settings,
                                chunk, warm, cool)  # fmt: skip
                done += chunk
                # Chunks of about a hundredth of the time: the temperature follows the clock closely.
                took = max(time.monotonic() - tick, 1e-6)
                chunk = max(1, min(100_000, int(chunk * (seconds / 100) / took)))
        found = tuple(tuple(int(v) for v in best_routes[r, 1 : best_lengths[r] - 1]) for r in range(self.tour_count))
        return SearchResult(found, int(value), done)


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C while compiled code runs or compiles, and raise it once that is done.

    On a first run numba compiles the search (about 14 s); a KeyboardInterrupt raised inside one of
    llvmlite's ctypes callbacks then is swallowed ("Exception ignored…") and leaves numba half-way, which
    fails later with a traceback. Outside the compile, the search returns to Python within a fraction of a
    second anyway. Only the main thread can set signal handlers; elsewhere nothing is held.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous in (signal.SIG_IGN, None):  # Ctrl-C ignored, or a handler not set from Python: leave it
        yield
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def search_tours(
    problem: RoutingProblem,
    routes: Sequence[Sequence[int]],
    weight: int,
    seeds: Sequence[int],
    *,
    iterations: int | None = None,
    seconds: float | None = None,
) -> SearchResult:
    """Improve ``routes`` with one search per seed, run side by side in threads; the best is kept.

    With ``iterations`` the result depends only on the inputs; ties between seeds go to the first.
    """
    engine = ToursSearch(problem, weight)
    if len(seeds) == 1:
        with _ctrl_c_held():
            return engine.run(routes, seeds[0], iterations=iterations, seconds=seconds)
    with ThreadPoolExecutor(max_workers=len(seeds)) as pool:
        futures = [pool.submit(engine.run, routes, seed, iterations=iterations, seconds=seconds) for seed in seeds]
        results = [future.result() for future in futures]
    return max(results, key=lambda result: result.value)  # max keeps the first of equals
