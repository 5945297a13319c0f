"""Effects of measures: difference-in-differences of one measure against comparison sites,
its event study and placebo, and the catalogue of what worked (pooled by type).

Everything here is an observational estimate, not an experiment (docs/methodology.md,
"Effects of measures"). The package reads month tallies, never response rows: the
regressors are constant within a site × month × channel × topic cell, so the regression
on the cells' counts and sums is the response-level regression (tests/analysis/effects
check this against statsmodels on response-level data)."""
