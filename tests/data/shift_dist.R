# Reference values for the guarded distribution wrappers of src/stats/dist.rs (normal, Student
# t, chi-square, binomial), used to measure statrs' accuracy against R.
# Produces tests/data/shift_dist.json. Run from the repository root:
#   Rscript tests/data/shift_dist.R
source("tests/data/shift_json.R")
cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- list(...)
for (x in c(-8, -3, -1.96, -0.5, 0, 0.3, 1, 1.959963984540054, 2.5, 4, 6, 8.5, 12, 30)) {
  add(fn = "normal_cdf", x = x, value = pnorm(x))
  add(fn = "normal_sf", x = x, value = pnorm(x, lower.tail = FALSE))
}
for (df in c(1, 2, 3, 4.5, 7, 10, 29, 30, 99, 500, 1e5)) {
  for (t in c(-40, -5, -2.1, -0.7, 0, 0.25, 1.3, 2.045, 3.8, 9, 60)) {
    add(fn = "t_cdf", x = t, df = df, value = pt(t, df))
    add(fn = "t_sf", x = t, df = df, value = pt(t, df, lower.tail = FALSE))
  }
}
for (df in c(1, 2, 3, 4, 6, 9, 12, 20, 35, 99)) {
  for (x in c(0.001, 0.1, 0.5, 1, 2.7, 3.841458820694124, 6, 11.3, 25, 60, 150)) {
    add(fn = "chi_square_sf", x = x, df = df, value = pchisq(x, df, lower.tail = FALSE))
  }
}
for (n in c(1, 2, 7, 15, 40, 113, 250, 1000)) {
  for (p in c(0.5, 0.05, 0.48, 0.89)) {
    for (k in unique(c(0, 1, floor(n / 3), floor(n / 2), n - 1, n))) {
      add(fn = "binomial_pmf", k = k, n = n, p = p, value = dbinom(k, n, p))
      add(fn = "binomial_cdf", k = k, n = n, p = p, value = pbinom(k, n, p))
    }
  }
}
write_fixture(cases, "tests/data/shift_dist.json", "tests/data/shift_dist.R")
