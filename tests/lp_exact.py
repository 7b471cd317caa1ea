"""A small linear-programming solver in exact rational arithmetic, for the audit of published
tables (as tau-argus audits a table: each suppressed value's feasible interval).

    minimise / maximise c.x  subject to  A_eq x = b_eq,  A_ub x <= b_ub,  x >= 0

Two-phase dense simplex with Bland's rule (no cycling), every number a Fraction.
"""

from __future__ import annotations

from fractions import Fraction


def _simplex(tabel: list[list[Fraction]], basis: list[int], kolommen: int) -> bool:
    """Optimise in place: the last row is the objective (minimise); False when unbounded."""
    while True:
        doel = tabel[-1]
        intreder = next((j for j in range(kolommen) if doel[j] < 0), None)
        if intreder is None:
            return True
        rijen = [
            (tabel[i][-1] / tabel[i][intreder], basis[i], i)
            for i in range(len(tabel) - 1)
            if tabel[i][intreder] > 0
        ]
        if not rijen:
            return False
        _, _, r = min(rijen)
        spil = tabel[r][intreder]
        tabel[r] = [v / spil for v in tabel[r]]
        for i in range(len(tabel)):
            if i != r and tabel[i][intreder] != 0:
                f = tabel[i][intreder]
                tabel[i] = [a - f * b for a, b in zip(tabel[i], tabel[r], strict=True)]
        basis[r] = intreder


def optimum(c, a_eq=(), b_eq=(), a_ub=(), b_ub=()) -> Fraction | None:
    """min c.x over the polytope; None when unbounded. Raises ValueError when infeasible."""
    n = len(c)
    rijen = [[Fraction(v) for v in r] + [Fraction(0)] * len(a_ub) for r in a_eq]
    rechts = [Fraction(v) for v in b_eq]
    for k, (r, b) in enumerate(zip(a_ub, b_ub, strict=True)):
        slack = [Fraction(0)] * len(a_ub)
        slack[k] = Fraction(1)
        rijen.append([Fraction(v) for v in r] + slack)
        rechts.append(Fraction(b))
    for i, b in enumerate(rechts):
        if b < 0:
            rijen[i], rechts[i] = [-v for v in rijen[i]], -b
    m, breed = len(rijen), n + len(a_ub)
    # phase 1: one artificial per row
    tabel = [
        rij + [Fraction(int(i == k)) for k in range(m)] + [rechts[i]] for i, rij in enumerate(rijen)
    ]
    basis = [breed + i for i in range(m)]
    doel = [Fraction(0)] * (breed + m + 1)
    for rij in tabel:
        doel = [
            d - (v if j < breed or j == breed + m else 0)
            for j, (d, v) in enumerate(zip(doel, rij, strict=True))
        ]
    tabel.append(doel)
    _simplex(tabel, basis, breed + m)
    if tabel[-1][-1] != 0:
        raise ValueError("de gepubliceerde cijfers zijn onderling strijdig")
    # drive artificials out of the basis where possible, then drop their columns
    for i, b in enumerate(basis):
        if b >= breed:
            j = next((j for j in range(breed) if tabel[i][j] != 0), None)
            if j is not None:
                spil = tabel[i][j]
                tabel[i] = [v / spil for v in tabel[i]]
                for k in range(len(tabel)):
                    if k != i and tabel[k][j] != 0:
                        f = tabel[k][j]
                        tabel[k] = [a - f * b_ for a, b_ in zip(tabel[k], tabel[i], strict=True)]
                basis[i] = j
    houden = [i for i, b in enumerate(basis) if b < breed]
    tabel = [[*tabel[i][:breed], tabel[i][-1]] for i in houden]
    basis = [basis[i] for i in houden]
    # phase 2
    doel = [Fraction(v) for v in c] + [Fraction(0)] * (breed - n + 1)
    for i, b in enumerate(basis):
        if doel[b] != 0:
            f = doel[b]
            doel = [d - f * v for d, v in zip(doel, tabel[i], strict=True)]
    tabel.append(doel)
    if not _simplex(tabel, basis, breed):
        return None
    return -tabel[-1][-1]


def interval(k: int, n: int, **stelsel) -> tuple[Fraction | None, Fraction | None]:
    """The feasible interval of x_k (None: unbounded on that side)."""
    c = [Fraction(0)] * n
    c[k] = Fraction(1)
    laag = optimum(c, **stelsel)
    c[k] = Fraction(-1)
    hoog = optimum(c, **stelsel)
    return laag, None if hoog is None else -hoog
